//! The article model the view renders: what build.rs compiled from `content/*.md`, as plain
//! data. Native code (the pre-renderer, the tests) reads it from the models' blob with
//! `decode.rs`; build.rs runs the view over it to write each article's template, which is all
//! the module in the page carries (`src/article/mod.rs`).

#[path = "decode.rs"]
pub(crate) mod decode;

/// One compiled article.
pub(crate) struct Article {
    pub(crate) slug: &'static str,
    pub(crate) title: &'static str,
    pub(crate) dek: &'static str,
    pub(crate) topic: &'static str,
    pub(crate) region: &'static str,
    pub(crate) brand: &'static str,
    /// BCP 47 tag, set as `lang` on the article root.
    pub(crate) language: &'static str,
    pub(crate) image_caption: &'static str,
    pub(crate) image_credit: &'static str,
    pub(crate) author_name: &'static str,
    pub(crate) author_bio: &'static str,
    /// ISO 8601, for `<time datetime>`.
    pub(crate) date: &'static str,
    /// The date as readers see it, e.g. "October 23, 2024".
    pub(crate) date_text: &'static str,
    pub(crate) tags: &'static [&'static str],
    /// Reading time of the full article, rounded up, from its words counted at build time.
    pub(crate) minutes: u32,
    /// The "What You Need to Know" bullets.
    pub(crate) summary: &'static [&'static [Inline]],
    pub(crate) sections: &'static [Section],
}

/// A headed part of the full text that readers can fold.
pub(crate) struct Section {
    /// Unique within the article and stable: derived from the heading at build time.
    pub(crate) id: &'static str,
    pub(crate) heading: &'static str,
    /// Reading time from the top of this section to the end of the article, rounded up.
    pub(crate) minutes_left: u32,
    pub(crate) blocks: &'static [Block],
}

// Variants an article does not use are never constructed by the generated code.
#[allow(dead_code)]
pub(crate) enum Block {
    Paragraph(&'static [Inline]),
    List { ordered: bool, items: &'static [&'static [Inline]] },
}

#[allow(dead_code)]
pub(crate) enum Inline {
    Text(&'static str),
    Emphasis(&'static [Inline]),
    Strong(&'static [Inline]),
    Code(&'static str),
    Link { href: &'static str, children: &'static [Inline] },
}
