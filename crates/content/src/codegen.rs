//! Writes checked articles as data, not code: the models' blob `src/article/decode.rs` reads,
//! and the articles' blob the module carries (`src/article/compiled.rs`), so one built module
//! can take any article spliced in after the build.

use crate::{display_date, iso_date, minutes_for, Article, Block, Inline};

/// The articles' models as one blob for `src/article/decode.rs` (native code and build.rs's
/// view): a count, then each article with its length in front. Numbers are little-endian
/// `u32`s; a string is its length and its UTF-8 bytes. The layout is written down once, in
/// `decode.rs`, and this writes it in the same order.
pub fn models_blob(articles: &[Article]) -> Vec<u8> {
    let mut out = Vec::new();
    number(&mut out, articles.len());
    for article in articles {
        let mut one = Vec::new();
        article_bytes(&mut one, article);
        number(&mut out, one.len());
        out.extend(one);
    }
    out
}

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
            let words_left: usize = article.sections[i..].iter().map(|s| s.words()).sum();
            string(&mut one, &section.heading);
            varint(&mut one, minutes_for(words_left));
        }
        varint(&mut one, template.len());
        one.extend(template);
        varint(&mut out, one.len());
        out.extend(one);
    }
    out
}

/// LEB128, as `src/template.rs`'s `Reader` reads the module's data: one byte below 128.
fn varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend((n as u32).to_le_bytes());
}

fn text(out: &mut Vec<u8>, text: &str) {
    number(out, text.len());
    out.extend(text.as_bytes());
}

fn article_bytes(out: &mut Vec<u8>, a: &Article) {
    for field in [
        &a.slug,
        &a.title,
        &a.dek,
        &a.topic,
        &a.region,
        &a.brand,
        &a.language,
        &a.image_caption,
        &a.image_credit,
        &a.author_name,
        &a.author_bio,
    ] {
        text(out, field);
    }
    text(out, &iso_date(a.date));
    text(out, &display_date(a.date, &a.language));
    number(out, a.tags.len());
    a.tags.iter().for_each(|tag| text(out, tag));
    number(out, a.reading_minutes());
    number(out, a.summary.len());
    a.summary.iter().for_each(|item| inlines(out, item));
    number(out, a.sections.len());
    for (i, section) in a.sections.iter().enumerate() {
        // What is left to read from the top of this section to the end of the article.
        let words_left: usize = a.sections[i..].iter().map(|s| s.words()).sum();
        text(out, &section.id);
        text(out, &section.heading);
        number(out, minutes_for(words_left));
        number(out, section.blocks.len());
        for block in &section.blocks {
            match block {
                Block::Paragraph(content) => {
                    out.push(0);
                    inlines(out, content);
                }
                Block::List { ordered, items } => {
                    out.push(1);
                    out.push(u8::from(*ordered));
                    number(out, items.len());
                    items.iter().for_each(|item| inlines(out, item));
                }
            }
        }
    }
}

fn inlines(out: &mut Vec<u8>, content: &[Inline]) {
    number(out, content.len());
    for inline in content {
        match inline {
            Inline::Text(words) => {
                out.push(0);
                text(out, words);
            }
            Inline::Emphasis(children) => {
                out.push(1);
                inlines(out, children);
            }
            Inline::Strong(children) => {
                out.push(2);
                inlines(out, children);
            }
            Inline::Code(code) => {
                out.push(3);
                text(out, code);
            }
            Inline::Link { href, children } => {
                out.push(4);
                text(out, href);
                inlines(out, children);
            }
        }
    }
}
