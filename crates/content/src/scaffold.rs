//! A new article's file (`make new TITLE="…"`, `crates/site/src/bin/new.rs`): every front-matter field with
//! a line saying what it is for, a three-bullet summary and one section. What only the editor
//! can write is a placeholder, `[[write: …]]`, which the compiler refuses (`content::compile`),
//! so a scaffold never ships by accident.

use super::markdown::slugify;
use super::Date;

/// What marks a placeholder; the compiler refuses any text that holds it.
pub const PLACEHOLDER: &str = "[[write:";

/// The slug a title gives, as section ids are derived from headings; `None` when that is not a
/// valid slug (a-z, 0-9 and inner '-': a title in another script gives letters outside a-z).
pub fn slug_of(title: &str) -> Option<String> {
    let slug = slugify(title, 1);
    let valid = slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (valid && slugify(title, 0) == slug).then_some(slug)
}

/// The new file's text. `title` is written as a TOML string by the toml crate that reads it
/// back, `slug` must be valid.
pub fn scaffold(title: &str, slug: &str, today: Date) -> String {
    let title = toml::Value::String(title.to_owned());
    let date = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    format!(
        r#"+++
# The headline, above the article and in the page's title.
title = {title}
# The article's id (a-z, 0-9 and '-'): the `article` option, data-reading-widget, its module's file name.
slug = "{slug}"
# The publication date, a TOML date without quotes.
date = {date}
# The site's section it belongs to, shown above the headline.
topic = "[[write: a topic, like Security]]"
# The region it is about, shown next to the topic.
region = "[[write: a region, like Asia]]"
# The publication's name, shown first above the headline.
brand = "[[write: the publication, like The Buzz]]"
# Keywords, listed under the byline and in the page's metadata.
tags = ["[[write: a tag]]", "[[write: another tag]]"]
# The language of the text, a tag like "en", "ko" or "uk": the article's lang attribute.
language = "en"
# One or two sentences under the headline; also the page's description.
dek = "[[write: one or two sentences under the headline]]"

# The lead image, credited at the end of the article (the widget shows no image itself).
[image]
# What the image shows.
caption = "[[write: what the image shows]]"
# Who took it or owns it, shown after "Image Credit:".
credit = "[[write: who took it]]"

# Who wrote it.
[author]
# The byline.
name = "[[write: the author's name]]"
# A sentence about the author, shown at the end under "Author Experience and Expertise".
bio = "[[write: a sentence about the author]]"
+++

- [[write: the first thing a reader needs to know]]
- [[write: the second]]
- [[write: the third]]

## [[write: the first section's heading]]

[[write: the section's paragraphs; add a '## ' heading for each further section]]
"#
    )
}
