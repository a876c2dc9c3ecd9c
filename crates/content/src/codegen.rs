//! Writes checked articles as data, not code: the articles' blob the module carries
//! (`src/article/compiled.rs`), so one built module can take any article spliced in after the
//! build.

use crate::{iso_date, Article};

/// What the module carries of each article (`src/article/compiled.rs`): its slug, its
/// sections' ids, its metadata for `articles()` and its template, each article with its length
/// in front so that one can be spliced into a module of its own.
pub fn articles_blob(articles: &[(&Article, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    varint(&mut out, articles.len());
    for (article, template) in articles {
        let mut one = Vec::new();
        let string = |out: &mut Vec<u8>, text: &str| {
            varint(out, text.len());
            out.extend(text.as_bytes());
        };
        string(&mut one, &article.slug);
        varint(&mut one, article.sections.len());
        article.sections.iter().for_each(|section| string(&mut one, &section.id));
        for text in [&article.title, &article.dek, &iso_date(article.date)] {
            string(&mut one, text);
        }
        varint(&mut one, article.tags.len());
        article.tags.iter().for_each(|tag| string(&mut one, tag));
        string(&mut one, &article.author_name);
        string(&mut one, &article.language);
        varint(&mut one, article.reading_minutes());
        for (i, section) in article.sections.iter().enumerate() {
            string(&mut one, &section.heading);
            varint(&mut one, article.minutes_left(i));
        }
        varint(&mut one, template.len());
        one.extend(template);
        varint(&mut out, one.len());
        out.extend(one);
    }
    out
}

/// LEB128, as `crates/view/src/template.rs`'s `Reader` reads the module's data: one byte below 128.
fn varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}
