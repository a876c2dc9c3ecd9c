//! The articles' blob: what a module carries of each article, written at build time (build.rs)
//! and by the splicer (`crates/site`), read in place by the module (`src/article/compiled.rs`);
//! and the numbers and strings it and the templates are made of, written and read here alone.
//!
//! ```text
//! blob    = count, (length, article) × count
//! article = slug, section ids: count × string, about, template: length, bytes
//! about   = title, dek, date, tags: count × string, author, language, minutes,
//!           (heading, minutes left) × the sections' count
//! string  = length, UTF-8 bytes
//! (numbers and lengths as LEB128: one byte below 128, as most are)
//! ```
//!
//! Each article has its length in front, so a module can be given any of them, alone or
//! together, after the build.

use model::Article;

use crate::template;

/// Eight bytes the splicer (`crates/site/src/splice.rs`) finds in the module's data, followed
/// by the two `u32` slots it writes: the spliced articles' address and length
/// (`src/article/compiled.rs` reads them).
pub const SPLICE_MARK: [u8; 8] = *b"rwSPLICE";

/// The blob of `articles`, in their order, each with its template ([`template::of`]).
pub fn articles(articles: &[&Article]) -> Vec<u8> {
    let mut out = Vec::new();
    number(&mut out, articles.len());
    for article in articles {
        let mut one = Vec::new();
        string(&mut one, &article.slug);
        number(&mut one, article.sections.len());
        article.sections.iter().for_each(|section| string(&mut one, &section.id));
        for text in [&article.title, &article.dek, &article.iso_date()] {
            string(&mut one, text);
        }
        number(&mut one, article.tags.len());
        article.tags.iter().for_each(|tag| string(&mut one, tag));
        string(&mut one, &article.author_name);
        string(&mut one, &article.language);
        number(&mut one, article.reading_minutes());
        for (i, section) in article.sections.iter().enumerate() {
            string(&mut one, &section.heading);
            number(&mut one, article.minutes_left(i));
        }
        let template = template::of(article);
        number(&mut one, template.len());
        one.extend(template);
        number(&mut out, one.len());
        out.extend(one);
    }
    out
}

/// Writes `text` as its length, then its UTF-8 bytes.
pub fn string(out: &mut Vec<u8>, text: &str) {
    number(out, text.len());
    out.extend(text.as_bytes());
}

/// Reads the module's data in place: numbers and strings, as [`number`] and [`string`] write
/// them. Templates and the articles' blob (`src/article/compiled.rs`) are read with it.
pub struct Reader {
    pub bytes: &'static [u8],
}

impl Reader {
    pub fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(taken)
    }

    pub fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    pub fn number(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in [0, 7, 14, 21, 28] {
            let byte = self.byte()?;
            value |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn text(&mut self) -> Option<&'static str> {
        let length = self.number()?;
        // SAFETY: every string here was written from a Rust `&str` at build time (`write`,
        // `articles`) and is part of the module, as trusted as its code; the native
        // tests read every one through `std::str::from_utf8`. Checking again in the page would
        // cost code (BENCHMARKS.md, "What the code's choices saved").
        Some(unsafe { std::str::from_utf8_unchecked(self.take(length)?) })
    }
}

/// Writes `n` as LEB128, as `Reader::number` reads it.
pub fn number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}
