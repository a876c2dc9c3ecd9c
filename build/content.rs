//! The content compiler: one article file's text in, a checked model or the complete list of
//! what is wrong with it out.
//!
//! Pure: `compile(path, text)` does no I/O, so tests feed it strings and build.rs feeds it files.
//! Byte offsets become `line:col` only when an error is reported.

use std::fmt;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The reading rate behind every "N min" the widget shows: 238 words a minute is the average
/// for silent reading of non-fiction in English (Brysbaert, 2019).
pub const WORDS_PER_MINUTE: usize = 238;

/// One article, checked. Everything the widget shows comes from here.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub topic: String,
    pub region: String,
    pub brand: String,
    pub tags: Vec<String>,
    pub language: String,
    pub dek: String,
    pub image_caption: String,
    pub image_credit: String,
    pub author_name: String,
    pub author_bio: String,
    /// The "What You Need to Know" bullets.
    pub summary: Vec<Vec<Inline>>,
    pub sections: Vec<Section>,
}

/// A calendar date, already checked by the TOML parser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A `## ` heading and the text under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Unique in the article; from `{#id}` after the heading, or derived from the heading.
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Code(String),
    Link { href: String, children: Vec<Inline> },
}

/// One problem, located in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl Article {
    /// Words a reader reads in full mode: the summary and every section.
    pub fn words(&self) -> usize {
        let summary: usize = self.summary.iter().map(|item| inline_words(item)).sum();
        summary + self.sections.iter().map(Section::words).sum::<usize>()
    }

    pub fn reading_minutes(&self) -> usize {
        minutes_for(self.words())
    }
}

impl Section {
    pub fn words(&self) -> usize {
        let body: usize = self
            .blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(inlines) => inline_words(inlines),
                Block::List { items, .. } => items.iter().map(|item| inline_words(item)).sum(),
            })
            .sum();
        count_words(&self.heading) + body
    }
}

/// Whole minutes, rounded up, and never 0: "0 min" reads like a bug.
pub fn minutes_for(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn inline_words(inlines: &[Inline]) -> usize {
    // Words may straddle inline boundaries ("*un*likely"), so count over the joined text.
    count_words(&plain_text(inlines))
}

/// The text of inlines without their formatting.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Link { children, .. } => out.push_str(&plain_text(children)),
        }
    }
    out
}

/// Errors found so far, as (byte offset in the file, message).
type Problems = Vec<(usize, String)>;

/// Compiles one article file. `path` is only used to label errors.
pub fn compile(path: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    let mut problems = Problems::new();
    let article = match split_front_matter(text) {
        Err(problem) => {
            problems.push(problem);
            None
        }
        Ok((front, front_start, body, body_start)) => {
            let meta = front_matter(front, front_start, &mut problems);
            let body_first_line = text[..body_start].matches('\n').count() + 1;
            let body = Body {
                markdown: body,
                start: body_start,
                first_line: body_first_line,
            };
            let (summary, sections) = body_blocks(&body, &mut problems);
            meta.map(|meta| meta.into_article(summary, sections))
        }
    };
    match article {
        Some(article) if problems.is_empty() => Ok(article),
        _ => Err(locate(path, text, problems)),
    }
}

/// Turns byte offsets into 1-based line and column (in characters), sorted by position.
fn locate(path: &str, text: &str, mut problems: Problems) -> Vec<Diagnostic> {
    problems.sort_by_key(|(offset, _)| *offset);
    problems
        .into_iter()
        .map(|(offset, message)| {
            let before = &text[..offset.min(text.len())];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Diagnostic {
                path: path.to_owned(),
                line: before.matches('\n').count() + 1,
                column: before[line_start..].chars().count() + 1,
                message,
            }
        })
        .collect()
}

/// Splits `+++\n<toml>\n+++\n<markdown>` into its parts and their byte offsets.
fn split_front_matter(text: &str) -> Result<(&str, usize, &str, usize), (usize, String)> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "+++" {
        return Err((
            0,
            "the file must start with TOML front matter: a line '+++', the fields, and another '+++'"
                .to_owned(),
        ));
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Ok((
                &text[first_line_end..offset],
                first_line_end,
                &text[body_start..],
                body_start,
            ));
        }
        offset += line.len();
    }
    Err((
        0,
        "the front matter is never closed; add a line '+++' after its last field".to_owned(),
    ))
}

/// The front matter, with every field present and of the right type.
struct FrontMatter {
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
    fn into_article(self, summary: Vec<Vec<Inline>>, sections: Vec<Section>) -> Article {
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

fn front_matter(toml_text: &str, start: usize, problems: &mut Problems) -> Option<FrontMatter> {
    let (table, syntax_errors) = DeTable::parse_recoverable(toml_text);
    for error in &syntax_errors {
        let at = start + error.span().map_or(0, |span| span.start);
        problems.push((
            at,
            format!("front matter is not valid TOML: {}", error.message().trim()),
        ));
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
        "title", "slug", "date", "topic", "region", "brand", "tags", "language", "dek", "image",
        "author",
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
        Fields {
            table,
            prefix,
            missing_at,
            start,
            problems,
        }
    }

    fn problem(&mut self, at: usize, message: String) {
        self.problems.push((self.start + at, message));
    }

    fn value(&mut self, key: &str, example: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        let found = self
            .table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v);
        if found.is_none() {
            let message = format!(
                "front matter is missing '{}{key}'; add a line like {key} = {example}",
                self.prefix
            );
            self.problems.push((self.missing_at, message));
        }
        found
    }

    fn text(&mut self, key: &str, example: &str) -> Option<String> {
        let value = self.value(key, example)?;
        match value.get_ref() {
            DeValue::String(text) if text.trim().is_empty() => {
                self.problem(
                    value.span().start,
                    format!("'{}{key}' is empty; write its text", self.prefix),
                );
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
                        "'{}{key}' must be a quoted string, like {key} = {example}",
                        self.prefix
                    ),
                );
                None
            }
        }
    }

    fn slug(&mut self, key: &str) -> Option<String> {
        let at = self
            .table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v.span().start);
        let slug = self.text(key, "\"my-article\"")?;
        let valid = slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid || slug.starts_with('-') || slug.ends_with('-') {
            self.problem(
                at.unwrap_or(0),
                format!(
                    "slug '{slug}' may only use a-z, 0-9 and inner '-', like \"korean-war-risk\""
                ),
            );
            return None;
        }
        Some(slug)
    }

    fn language(&mut self, key: &str) -> Option<String> {
        let at = self
            .table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v.span().start);
        let language = self.text(key, "\"en\"")?;
        let valid = language.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if !valid {
            self.problem(
                at.unwrap_or(0),
                format!("language '{language}' is not a language tag; write one like \"en\", \"ko\" or \"uk\""),
            );
            return None;
        }
        Some(language)
    }

    fn date(&mut self, key: &str) -> Option<Date> {
        let value = self.value(key, "2024-10-23")?;
        let bad = |found: &str| {
            format!(
                "'{key}' must be a date written as YYYY-MM-DD without quotes, like {key} = 2024-10-23 (found {found})"
            )
        };
        match value.get_ref() {
            DeValue::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
                (Some(date), None, None) => Some(Date {
                    year: date.year,
                    month: date.month,
                    day: date.day,
                }),
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
                format!("'{key}' must be a list of quoted strings, like {key} = {example}"),
            );
            return None;
        };
        let mut texts = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => texts.push(text.to_string()),
                _ => self.problem(
                    item.span().start,
                    format!("every entry of '{key}' must be a non-empty quoted string"),
                ),
            }
        }
        (texts.len() == items.len()).then_some(texts)
    }

    /// A nested table and where its header is, for errors about what it lacks.
    fn table(&mut self, key: &str, what: &str) -> Option<(&'t DeTable<'i>, usize)> {
        let value = self.value(key, "…")?;
        match value.get_ref() {
            DeValue::Table(table) => {
                let at = self
                    .table
                    .iter()
                    .find(|(k, _)| k.get_ref() == key)
                    .map_or(0, |(k, _)| k.span().start);
                Some((table, at))
            }
            _ => {
                self.problem(
                    value.span().start,
                    format!("'{key}' must be a table: {what}"),
                );
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

type Events<'a> =
    std::iter::Peekable<pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>>;

/// The Markdown after the front matter, and where it sits in the file.
struct Body<'a> {
    markdown: &'a str,
    start: usize,
    first_line: usize,
}

/// The body: the summary list first, then `## ` sections.
fn body_blocks(body: &Body<'_>, problems: &mut Problems) -> (Vec<Vec<Inline>>, Vec<Section>) {
    let (markdown, start) = (body.markdown, body.start);
    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Events = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .peekable();
    let mut summary: Option<Vec<Vec<Inline>>> = None;
    let mut sections: Vec<Section> = Vec::new();
    // The heading offset of each section, to report empty sections and duplicate ids.
    let mut section_at: Vec<usize> = Vec::new();

    while let Some((event, range)) = events.next() {
        let at = start + range.start;
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                let heading = plain_text(&inlines(&mut events, start, problems));
                let id = match id {
                    Some(explicit) => explicit.to_string(),
                    None => slugify(&heading, sections.len() + 1),
                };
                if let Some(first) = sections.iter().position(|s| s.id == id) {
                    let first_line = body.first_line
                        + markdown[..section_at[first] - start].matches('\n').count();
                    problems.push((
                        at,
                        format!(
                            "section id '{id}' is already used by the section on line {first_line}; rename this heading or give it its own id with {{#another-id}} after the heading text"
                        ),
                    ));
                }
                sections.push(Section {
                    id,
                    heading,
                    blocks: Vec::new(),
                });
                section_at.push(at);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                problems.push((
                    at,
                    format!(
                        "only '## ' headings are allowed (found a level-{} heading); each '## ' heading starts a section, and the title comes from the front matter",
                        level as usize
                    ),
                ));
                skip_to_end(&mut events);
            }
            Event::Start(Tag::List(first_number)) => {
                let items = list_items(&mut events, start, problems);
                match sections.last_mut() {
                    Some(section) => {
                        section.blocks.push(Block::List {
                            ordered: first_number.is_some(),
                            items: items.into_iter().map(|(item, _)| item).collect(),
                        })
                    }
                    None if summary.is_none() => {
                        for (item, item_at) in &items {
                            if plain_text(item).trim().is_empty() {
                                problems.push((
                                    *item_at,
                                    "a summary bullet is empty; write the point after '- ' or delete the line".to_owned(),
                                ));
                            }
                        }
                        summary = Some(items.into_iter().map(|(item, _)| item).collect());
                    }
                    None => problems.push((
                        at,
                        "a second list before the first section; the summary is one list, so merge them"
                            .to_owned(),
                    )),
                }
            }
            Event::Start(Tag::Paragraph) => {
                let paragraph = inlines(&mut events, start, problems);
                match sections.last_mut() {
                    Some(section) => section.blocks.push(Block::Paragraph(paragraph)),
                    None => problems.push((
                        at,
                        "text before the first section; the body starts with the summary as a '- ' list, then '## ' sections"
                            .to_owned(),
                    )),
                }
            }
            Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
                problems.push((at, raw_html_message()));
                if matches!(event, Event::Start(_)) {
                    skip_to_end(&mut events);
                }
            }
            Event::Start(tag) => {
                problems.push((at, unsupported_message(&tag)));
                skip_to_end(&mut events);
            }
            Event::Rule => problems.push((
                at,
                "horizontal rules ('---') are not supported; start a new '## ' section instead"
                    .to_owned(),
            )),
            _ => problems.push((
                at,
                "unexpected content here; use paragraphs, lists and '## ' headings".to_owned(),
            )),
        }
    }

    if summary.is_none() {
        problems.push((
            start,
            "the article has no summary list; start the body with the 'What You Need to Know' points as a '- ' list"
                .to_owned(),
        ));
    }
    if sections.is_empty() {
        problems.push((
            start + markdown.len(),
            "the article has no sections; add at least one '## ' heading with paragraphs under it"
                .to_owned(),
        ));
    }
    for (section, at) in sections.iter().zip(&section_at) {
        if section.blocks.is_empty() {
            problems.push((
                *at,
                format!(
                    "section '{}' has no text; write at least one paragraph under its heading, or remove it",
                    section.heading
                ),
            ));
        }
    }
    (summary.unwrap_or_default(), sections)
}

fn raw_html_message() -> String {
    "raw HTML is not allowed: the widget never injects markup; write it as Markdown (*emphasis*, **strong**, [links](https://…))".to_owned()
}

fn unsupported_message(tag: &Tag<'_>) -> String {
    let what = match tag {
        Tag::BlockQuote(_) => "block quotes ('>')",
        Tag::CodeBlock(_) => "code blocks",
        Tag::Image { .. } => "images",
        Tag::Table(_) => "tables",
        Tag::FootnoteDefinition(_) => "footnotes",
        _ => "this kind of Markdown",
    };
    format!("{what} are not supported in an article; use paragraphs, '- ' lists, *emphasis*, **strong** and [links](https://…)")
}

/// Skips past the end of the element whose start was just read.
fn skip_to_end(events: &mut Events<'_>) {
    let mut depth = 1;
    for (event, _) in events.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return;
        }
    }
}

/// The items of a list whose start was just read, each with its offset.
fn list_items(
    events: &mut Events<'_>,
    start: usize,
    problems: &mut Problems,
) -> Vec<(Vec<Inline>, usize)> {
    let mut items = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Item) => {
                items.push((item_inlines(events, start, problems), start + range.start));
            }
            Event::End(TagEnd::List(_)) => break,
            _ => {}
        }
    }
    items
}

/// An item's text: tight items hold inlines directly, loose ones hold paragraphs.
fn item_inlines(events: &mut Events<'_>, start: usize, problems: &mut Problems) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    loop {
        let Some((event, range)) = events.peek().cloned() else {
            return out;
        };
        match event {
            Event::End(TagEnd::Item) => {
                events.next();
                return out;
            }
            Event::Start(Tag::Paragraph) => {
                events.next();
                if !out.is_empty() {
                    push_text(&mut out, " ");
                }
                out.extend(inlines(events, start, problems));
            }
            Event::Start(Tag::List(_)) => {
                events.next();
                problems.push((
                    start + range.start,
                    "nested lists are not supported; keep each point on its own '- ' line"
                        .to_owned(),
                ));
                skip_to_end(events);
            }
            _ => {
                let mut one = inline_run(events, start, problems, true);
                out.append(&mut one);
            }
        }
    }
}

/// Inlines up to and including the end of the element whose start was just read.
fn inlines(events: &mut Events<'_>, start: usize, problems: &mut Problems) -> Vec<Inline> {
    inline_run(events, start, problems, false)
}

/// Reads inlines. With `in_item`, stops (without consuming) at a block start or the item end.
fn inline_run(
    events: &mut Events<'_>,
    start: usize,
    problems: &mut Problems,
    in_item: bool,
) -> Vec<Inline> {
    let mut out = Vec::new();
    loop {
        if in_item {
            match events.peek() {
                Some((Event::End(TagEnd::Item), _))
                | Some((Event::Start(Tag::Paragraph), _))
                | Some((Event::Start(Tag::List(_)), _))
                | None => return out,
                _ => {}
            }
        }
        let Some((event, range)) = events.next() else {
            return out;
        };
        let at = start + range.start;
        match event {
            Event::End(_) => return out,
            Event::Text(text) => push_text(&mut out, &text),
            Event::SoftBreak | Event::HardBreak => push_text(&mut out, " "),
            Event::Code(code) => out.push(Inline::Code(code.to_string())),
            Event::Start(Tag::Emphasis) => {
                out.push(Inline::Emphasis(inlines(events, start, problems)))
            }
            Event::Start(Tag::Strong) => out.push(Inline::Strong(inlines(events, start, problems))),
            Event::Start(Tag::Link { dest_url, .. }) => {
                check_link(&dest_url, at, problems);
                let children = inlines(events, start, problems);
                out.push(Inline::Link {
                    href: dest_url.to_string(),
                    children,
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => problems.push((at, raw_html_message())),
            Event::Start(tag) => {
                problems.push((at, unsupported_message(&tag)));
                skip_to_end(events);
            }
            _ => problems.push((
                at,
                "unexpected content here; use plain text, *emphasis*, **strong** and links"
                    .to_owned(),
            )),
        }
    }
}

fn check_link(href: &CowStr<'_>, at: usize, problems: &mut Problems) {
    let lower = href.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    if !allowed {
        problems.push((
            at,
            format!("link to '{href}' is not allowed; links must be absolute and start with https://, http:// or mailto:"),
        ));
    }
}

/// Appends text, merging with a preceding text so the model holds one run per style.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text(text.to_owned()));
    }
}

/// A stable id from a heading: lowercase letters and digits (any script) joined by '-'.
pub fn slugify(heading: &str, position: usize) -> String {
    let mut id = String::new();
    for c in heading.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        format!("section-{position}")
    } else {
        id
    }
}

/// Month names for the English date line; other languages get the ISO date.
pub fn display_date(date: Date, language: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::from(date.month).wrapping_sub(1));
    match month {
        Some(month) if language == "en" || language.starts_with("en-") => {
            format!("{month} {}, {}", date.day, date.year)
        }
        _ => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
    }
}

pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}
