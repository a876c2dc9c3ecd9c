//! The Markdown body: the summary list, then `## ` sections of paragraphs and lists. Anything
//! the widget cannot show safely (raw HTML, unsafe links) or does not support is an error.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::{plain_text, Block, Inline, Problems, Section};

type Events<'a> =
    std::iter::Peekable<pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>>;

/// The Markdown after the front matter, and where it sits in the file.
pub(crate) struct Body<'a> {
    pub(crate) markdown: &'a str,
    pub(crate) start: usize,
    pub(crate) first_line: usize,
}

/// The body: the summary list first, then `## ` sections.
pub(crate) fn body_blocks(body: &Body<'_>, problems: &mut Problems) -> (Vec<Vec<Inline>>, Vec<Section>) {
    let (markdown, start) = (body.markdown, body.start);
    // Tables, strikethrough, footnotes and task lists are parsed only so that they can be
    // refused with a message; unparsed, they would slip through as literal `|` and `~~`.
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut events: Events = Parser::new_ext(markdown, options).into_offset_iter().peekable();
    let mut summary: Option<Vec<Vec<Inline>>> = None;
    let mut sections: Vec<Section> = Vec::new();
    // The heading offset of each section, to report empty sections and duplicate ids.
    let mut section_at: Vec<usize> = Vec::new();

    while let Some((event, range)) = events.next() {
        let at = start + range.start;
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, .. }) => {
                let heading = plain_text(&inlines(&mut events, start, problems));
                if heading.trim().is_empty() {
                    problems.push((
                        at,
                        "a '## ' heading needs text; write the section's title after '## '".to_owned(),
                    ));
                }
                let id = match id {
                    Some(explicit) => {
                        let valid =
                            !explicit.is_empty() && explicit.chars().all(|c| c.is_alphanumeric() || c == '-');
                        if !valid {
                            problems.push((
                                at,
                                format!("section id '{explicit}' may only use letters, digits and '-'; write it like {{#the-risk}}"),
                            ));
                        }
                        explicit.to_string()
                    }
                    None => slugify(&heading, sections.len() + 1),
                };
                if let Some(first) = sections.iter().position(|s| s.id == id) {
                    let first_line =
                        body.first_line + markdown[..section_at[first] - start].matches('\n').count();
                    problems.push((
                        at,
                        format!(
                            "section id '{id}' is already used by the section on line {first_line}; rename this heading or give it its own id with {{#another-id}} after the heading text"
                        ),
                    ));
                }
                sections.push(Section { id, heading, blocks: Vec::new() });
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
                    Some(section) => section.blocks.push(Block::List {
                        ordered: first_number.is_some(),
                        items: items.into_iter().map(|(item, _)| item).collect(),
                    }),
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
                "horizontal rules ('---') are not supported; start a new '## ' section instead".to_owned(),
            )),
            _ => problems
                .push((at, "unexpected content here; use paragraphs, lists and '## ' headings".to_owned())),
        }
    }

    // Problems about the body as a whole point at its first and last lines of text.
    let first_text = start + (markdown.len() - markdown.trim_start().len());
    let last_line = start + markdown.trim_end().rfind('\n').map_or(0, |i| i + 1);
    if summary.is_none() {
        problems.push((
            first_text,
            "the article has no summary list; start the body with the 'What You Need to Know' points as a '- ' list"
                .to_owned(),
        ));
    }
    if sections.is_empty() {
        problems.push((
            last_line,
            "the article has no sections; add at least one '## ' heading with paragraphs under it".to_owned(),
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

/// What to say about a Markdown element the widget does not render.
fn unsupported_message(tag: &Tag<'_>) -> String {
    let what = match tag {
        // An HTML block can open inside a list item too; it is raw HTML wherever it is.
        Tag::HtmlBlock => return raw_html_message(),
        Tag::BlockQuote(_) => "block quotes ('>') are",
        Tag::CodeBlock(_) => "code blocks are",
        Tag::Image { .. } => "images are",
        Tag::Table(_) => "tables are",
        Tag::FootnoteDefinition(_) => "footnotes are",
        Tag::Strikethrough => "strikethrough ('~~') is",
        _ => "this kind of Markdown is",
    };
    format!("{what} not supported in an article; use paragraphs, '- ' lists, *emphasis*, **strong** and [links](https://…)")
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
fn list_items(events: &mut Events<'_>, start: usize, problems: &mut Problems) -> Vec<(Vec<Inline>, usize)> {
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
                    "nested lists are not supported; keep each point on its own '- ' line".to_owned(),
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
fn inline_run(events: &mut Events<'_>, start: usize, problems: &mut Problems, in_item: bool) -> Vec<Inline> {
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
            Event::Start(Tag::Emphasis) => out.push(Inline::Emphasis(inlines(events, start, problems))),
            Event::Start(Tag::Strong) => out.push(Inline::Strong(inlines(events, start, problems))),
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                // `<desk@example.com>` arrives as a bare address.
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                check_link(&href, at, problems);
                let children = inlines(events, start, problems);
                out.push(Inline::Link { href, children });
            }
            Event::Html(_) | Event::InlineHtml(_) => problems.push((at, raw_html_message())),
            Event::Start(tag) => {
                problems.push((at, unsupported_message(&tag)));
                skip_to_end(events);
            }
            _ => problems.push((
                at,
                "unexpected content here; use plain text, *emphasis*, **strong** and links".to_owned(),
            )),
        }
    }
}

fn check_link(href: &str, at: usize, problems: &mut Problems) {
    let lower = href.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme));
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

/// A stable id from a heading: lowercase letters and digits (any script) joined by '-'. Only
/// letters and digits of each lowercase: 'İ' lowercases to 'i' and a combining dot, which an
/// explicit `{#id}` may not hold either.
pub fn slugify(heading: &str, position: usize) -> String {
    let mut id = String::new();
    for c in heading.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase().filter(|lower| lower.is_alphanumeric()));
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
