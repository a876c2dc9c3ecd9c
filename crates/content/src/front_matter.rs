//! The TOML front matter: every field present, of the right type and known, with each
//! problem located at the key or value that causes it.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Article, Date, Inline, Problems, Section};

/// The front matter, with every field present and of the right type.
pub(crate) struct FrontMatter {
    title: String,
    slug: String,
    date: Date,
    topic: String,
    region: String,
    brand: String,
    tags: Vec<String>,
    language: String,
    dek: String,
    image_caption: String,
    image_credit: String,
    author_name: String,
    author_bio: String,
}

impl FrontMatter {
    pub(crate) fn into_article(self, summary: Vec<Vec<Inline>>, sections: Vec<Section>) -> Article {
        Article {
            slug: self.slug,
            title: self.title,
            date: self.date,
            topic: self.topic,
            region: self.region,
            brand: self.brand,
            tags: self.tags,
            language: self.language,
            dek: self.dek,
            image_caption: self.image_caption,
            image_credit: self.image_credit,
            author_name: self.author_name,
            author_bio: self.author_bio,
            summary,
            sections,
        }
    }
}

pub(crate) fn front_matter(toml_text: &str, start: usize, problems: &mut Problems) -> Option<FrontMatter> {
    let (table, syntax_errors) = DeTable::parse_recoverable(toml_text);
    for error in &syntax_errors {
        let at = start + error.span().map_or(0, |span| span.start);
        problems.push((at, format!("front matter is not valid TOML: {}", error.message().trim())));
    }
    if !syntax_errors.is_empty() {
        return None;
    }
    // Missing top-level fields are reported at the opening '+++', which is offset 0.
    let mut fields = Fields::new(table.get_ref(), "", 0, start, problems);
    let title = fields.text("title", "\"The headline\"");
    let slug = fields.slug("slug");
    let date = fields.date("date");
    let topic = fields.text("topic", "\"Security\"");
    let region = fields.text("region", "\"Asia\"");
    let brand = fields.text("brand", "\"The Buzz\"");
    let tags = fields.text_list("tags");
    let language = fields.language("language");
    let dek = fields.text("dek", "\"One or two sentences that sell the story\"");
    let image = fields.table("image", "[image] with caption and credit");
    let author = fields.table("author", "[author] with name and bio");
    fields.reject_unknown(&[
        "title", "slug", "date", "topic", "region", "brand", "tags", "language", "dek", "image", "author",
    ]);

    let (image_caption, image_credit) = match image {
        Some((table, at)) => {
            let mut image = Fields::new(table, "image.", start + at, start, problems);
            let caption = image.text("caption", "\"What the photo shows\"");
            let credit = image.text("credit", "\"Who took it\"");
            image.reject_unknown(&["caption", "credit"]);
            (caption, credit)
        }
        None => (None, None),
    };
    let (author_name, author_bio) = match author {
        Some((table, at)) => {
            let mut author = Fields::new(table, "author.", start + at, start, problems);
            let name = author.text("name", "\"Jane Doe\"");
            let bio = author.text("bio", "\"Jane Doe writes about…\"");
            author.reject_unknown(&["name", "bio"]);
            (name, bio)
        }
        None => (None, None),
    };
    Some(FrontMatter {
        title: title?,
        slug: slug?,
        date: date?,
        topic: topic?,
        region: region?,
        brand: brand?,
        tags: tags?,
        language: language?,
        dek: dek?,
        image_caption: image_caption?,
        image_credit: image_credit?,
        author_name: author_name?,
        author_bio: author_bio?,
    })
}

/// Reads typed fields out of one TOML table, recording every problem instead of stopping at
/// the first, the way `#[serde(deny_unknown_fields)]` would.
struct Fields<'t, 'i, 'p> {
    table: &'t DeTable<'i>,
    /// "author." for nested tables, so messages name the field the way the editor wrote it.
    prefix: &'static str,
    /// Where to report a missing field, in the file: the opening '+++' or the table's header.
    missing_at: usize,
    /// Where the front matter starts in the file.
    start: usize,
    problems: &'p mut Problems,
}

impl<'t, 'i, 'p> Fields<'t, 'i, 'p> {
    fn new(
        table: &'t DeTable<'i>,
        prefix: &'static str,
        missing_at: usize,
        start: usize,
        problems: &'p mut Problems,
    ) -> Self {
        Fields { table, prefix, missing_at, start, problems }
    }

    fn problem(&mut self, at: usize, message: String) {
        self.problems.push((self.start + at, message));
    }

    /// The value of `key`, or `None` after recording that it is missing.
    fn value(&mut self, key: &str, example: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.value_or(key, &format!("add a line like {key} = {example}"))
    }

    /// Like `value`, with the whole fix spelled out (tables are not written `key = value`).
    fn value_or(&mut self, key: &str, fix: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        let found = self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v);
        if found.is_none() {
            let message = format!("front matter is missing '{}{key}'; {fix}", self.prefix);
            self.problems.push((self.missing_at, message));
        }
        found
    }

    fn text(&mut self, key: &str, example: &str) -> Option<String> {
        let value = self.value(key, example)?;
        match value.get_ref() {
            DeValue::String(text) if text.trim().is_empty() => {
                self.problem(value.span().start, format!("'{}{key}' is empty; write its text", self.prefix));
                None
            }
            DeValue::String(text) => {
                if contains_html_tag(text) {
                    self.problem(
                        value.span().start,
                        format!(
                            "'{}{key}' contains raw HTML; the widget shows text only, so write it as plain text",
                            self.prefix
                        ),
                    );
                    return None;
                }
                Some(text.to_string())
            }
            _ => {
                self.problem(
                    value.span().start,
                    format!(
                        "'{}{key}' must be a quoted string; write it like {key} = {example}",
                        self.prefix
                    ),
                );
                None
            }
        }
    }

    fn slug(&mut self, key: &str) -> Option<String> {
        let at = self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.span().start);
        let slug = self.text(key, "\"my-article\"")?;
        let valid = slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid || slug.starts_with('-') || slug.ends_with('-') {
            self.problem(
                at.unwrap_or(0),
                format!(
                    "slug '{slug}' may only use a-z, 0-9 and inner '-'; write it like \"korean-war-risk\""
                ),
            );
            return None;
        }
        Some(slug)
    }

    fn language(&mut self, key: &str) -> Option<String> {
        let at = self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.span().start);
        let language = self.text(key, "\"en\"")?;
        let valid = language
            .split('-')
            .all(|part| (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !valid {
            self.problem(
                at.unwrap_or(0),
                format!(
                    "language '{language}' is not a language tag; write one like \"en\", \"ko\" or \"uk\""
                ),
            );
            return None;
        }
        Some(language)
    }

    fn date(&mut self, key: &str) -> Option<Date> {
        let value = self.value(key, "2024-10-23")?;
        let bad = |found: &str| {
            format!(
                "'{key}' must be a date written as YYYY-MM-DD without quotes (found {found}); write it like {key} = 2024-10-23"
            )
        };
        match value.get_ref() {
            DeValue::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
                (Some(date), None, None) => Some(Date { year: date.year, month: date.month, day: date.day }),
                _ => {
                    self.problem(value.span().start, bad(&datetime.to_string()));
                    None
                }
            },
            DeValue::String(text) => {
                self.problem(value.span().start, bad(&format!("the string \"{text}\"")));
                None
            }
            _ => {
                self.problem(value.span().start, bad("another kind of value"));
                None
            }
        }
    }

    fn text_list(&mut self, key: &str) -> Option<Vec<String>> {
        let example = "[\"North Korea\", \"Defense\"]";
        let value = self.value(key, example)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.problem(
                value.span().start,
                format!("'{key}' must be a list of quoted strings; write it like {key} = {example}"),
            );
            return None;
        };
        let mut texts = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(text) if contains_html_tag(text) => self.problem(
                    item.span().start,
                    format!(
                        "'{key}' contains raw HTML; the widget shows text only, so write it as plain text"
                    ),
                ),
                DeValue::String(text) if !text.trim().is_empty() => texts.push(text.to_string()),
                _ => self.problem(
                    item.span().start,
                    format!("every entry of '{key}' must be a non-empty quoted string; write its text, or delete it"),
                ),
            }
        }
        (texts.len() == items.len()).then_some(texts)
    }

    /// A nested table and where its header is, for errors about what it lacks.
    fn table(&mut self, key: &str, what: &str) -> Option<(&'t DeTable<'i>, usize)> {
        let value = self.value_or(key, &format!("add {what}"))?;
        match value.get_ref() {
            DeValue::Table(table) => {
                let at =
                    self.table.iter().find(|(k, _)| k.get_ref() == key).map_or(0, |(k, _)| k.span().start);
                Some((table, at))
            }
            _ => {
                self.problem(value.span().start, format!("'{key}' must be a table; write {what}"));
                None
            }
        }
    }

    fn reject_unknown(&mut self, known: &[&str]) {
        let unknown: Vec<(String, usize)> = self
            .table
            .iter()
            .filter(|(k, _)| !known.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), k.span().start))
            .collect();
        for (key, at) in unknown {
            let message = format!(
                "unknown front-matter field '{}{key}'; the fields are: {}",
                self.prefix,
                known.join(", ")
            );
            self.problem(at, message);
        }
    }
}

/// Whether a string holds something a browser would parse as a tag or comment.
fn contains_html_tag(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        let next = text[i + 1..].chars().next();
        next.is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
    })
}
