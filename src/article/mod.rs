//! The article model: what build.rs compiled from `content/*.md`, read in place from the
//! articles' blob (`decode.rs`) the first time it is needed. Its strings point into the blob;
//! no Markdown or TOML is parsed at run time.

mod decode;

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use decode::{chunks, EMBEDDED, SPLICE_MARK};

/// One compiled article.
pub(crate) struct Article {
    /// What `ReadingWidget.articles()` lists for it, as JSON written at build time.
    pub(crate) json: &'static str,
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

/// Every article in this module, in the order they were compiled.
pub(crate) fn all() -> &'static [Article] {
    decode::articles()
}

/// Why no article could be chosen.
#[derive(Debug, PartialEq)]
pub(crate) enum NotFound {
    Unknown,
    Ambiguous,
}

/// The article with this slug or, without one, the only article compiled in.
pub(crate) fn find(slug: Option<&str>) -> Result<&'static Article, NotFound> {
    let articles = all();
    match slug {
        Some(slug) => articles.iter().find(|a| a.slug == slug).ok_or(NotFound::Unknown),
        None if articles.len() == 1 => articles.first().ok_or(NotFound::Unknown),
        None => Err(NotFound::Ambiguous),
    }
}

/// "a, b, c": the slugs, for error messages that list the choices.
pub(crate) fn slugs() -> String {
    let slugs: Vec<&str> = all().iter().map(|a| a.slug).collect();
    slugs.join(", ")
}

impl Article {
    pub(crate) fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    pub(crate) fn section_ids(&self) -> String {
        let ids: Vec<&str> = self.sections.iter().map(|s| s.id).collect();
        ids.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_only_article_is_the_default() {
        assert_eq!(all().len(), 1);
        let article = find(None).map(|a| a.slug);
        assert_eq!(article, Ok("ukraine-war-korean-war"));
    }

    #[test]
    fn unknown_slug_is_not_found() {
        assert!(matches!(find(Some("nope")), Err(NotFound::Unknown)));
    }

    #[test]
    fn section_ids_are_derived_from_headings() {
        let ids = find(None).map(|a| a.section_ids());
        assert_eq!(
            ids,
            Ok("the-korean-war-could-reignite-in-ukraine, the-dead-and-the-deserters, \
                did-north-korea-fall-for-a-putin-trap, will-seoul-send-its-forces"
                .to_owned())
        );
    }
}
