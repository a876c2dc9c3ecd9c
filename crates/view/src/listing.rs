//! What `ReadingWidget.articles()` lists of an article, declared once: build.rs and the splicer
//! write it into the articles' blob (`blob.rs`), the module reads it back in place and hands it
//! to JavaScript as it is (serde-wasm-bindgen, `src/outbound.rs`). Its TypeScript twin is
//! `ReadingWidgetArticle` in `src/outbound.d.ts`, which the widget's tests hold to it.

use model::Article;
use serde::Serialize;

use crate::blob::record;

record! {
    /// One entry of `articles()`.
    #[derive(Clone, Copy, Debug, Serialize)]
    pub struct Listing<'a> {
        pub slug: &'a str,
        pub title: &'a str,
        pub dek: &'a str,
        /// ISO 8601.
        pub date: &'a str,
        pub tags: &'a [&'a str],
        pub author: &'a str,
        /// BCP 47.
        pub language: &'a str,
        /// Reading time of the full article, in whole minutes.
        pub minutes: u32,
        /// In article order.
        pub sections: &'a [SectionListing<'a>],
    }
}

record! {
    /// One section of a [`Listing`].
    #[derive(Clone, Copy, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SectionListing<'a> {
        /// What `#id`, the API and the events name the section by.
        pub id: &'a str,
        pub heading: &'a str,
        /// Reading time from the top of this section to the end, in whole minutes.
        pub minutes_left: u32,
    }
}

impl<'a> Listing<'a> {
    /// `article`'s listing, with the values the model computes passed in (they must outlive it).
    pub fn of(
        article: &'a Article,
        date: &'a str,
        tags: &'a [&'a str],
        sections: &'a [SectionListing<'a>],
    ) -> Listing<'a> {
        Listing {
            slug: &article.slug,
            title: &article.title,
            dek: &article.dek,
            date,
            tags,
            author: &article.author_name,
            language: &article.language,
            minutes: minutes(article.reading_minutes()),
            sections,
        }
    }
}

impl<'a> SectionListing<'a> {
    /// Every section of `article`, in order.
    pub fn all_of(article: &'a Article) -> Vec<SectionListing<'a>> {
        let sections = article.sections.iter().enumerate();
        sections
            .map(|(i, section)| SectionListing {
                id: &section.id,
                heading: &section.heading,
                minutes_left: minutes(article.minutes_left(i)),
            })
            .collect()
    }
}

/// Minutes as the listing holds them; no article is read for four billion minutes.
fn minutes(minutes: usize) -> u32 {
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blob::{Read, Reader, Write};

    #[test]
    fn a_listing_reads_back_as_it_was_written() {
        let article = crate::testing::article();
        let (date, tags) = (article.iso_date(), article.tags.iter().map(String::as_str).collect::<Vec<_>>());
        let sections = SectionListing::all_of(&article);
        let written = Listing::of(&article, &date, &tags, &sections);
        let mut bytes = Vec::new();
        written.write(&mut bytes);
        let mut reader = Reader { bytes: &bytes };
        let Some(read) = Listing::read(&mut reader) else { panic!("the listing does not read back") };
        assert!(reader.bytes.is_empty(), "every byte read");
        assert_eq!(format!("{read:?}"), format!("{written:?}"));
        assert_eq!(read.sections.len(), 4);
        assert_eq!(read.sections[0].minutes_left, read.minutes, "the first section starts the whole read");
    }

    #[test]
    fn a_cut_listing_does_not_read() {
        let article = crate::testing::article();
        let (date, tags) = (article.iso_date(), Vec::new());
        let written = Listing::of(&article, &date, &tags, &[]);
        let mut bytes = Vec::new();
        written.write(&mut bytes);
        bytes.pop();
        assert!(Listing::read(&mut Reader { bytes: &bytes }).is_none());
    }
}
