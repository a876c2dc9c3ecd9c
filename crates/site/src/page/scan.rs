//! Just enough of an HTML tokenizer to find the placeholders and the head marker in a page
//! template: tags with their attributes, comments, and the raw text of `<script>` and
//! `<style>`, each with its byte span. Not a parser (no tree, no entities): the pages are ours,
//! and a tag it cannot read is reported rather than guessed at.

/// One token of the template, with the bytes it spans.
pub(super) struct Token<'a> {
    pub(super) kind: Kind<'a>,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) enum Kind<'a> {
    /// `<name attr=value …>`; the name is lowercased, as HTML compares it.
    Start {
        name: String,
        attrs: Vec<(String, Option<&'a str>)>,
    },
    End {
        name: String,
    },
    /// The text between `<!--` and `-->`.
    Comment(&'a str),
}

impl Kind<'_> {
    /// The value of attribute `name` (already lowercase): `Some(None)` when it has none.
    pub(super) fn attr(&self, name: &str) -> Option<Option<&str>> {
        match self {
            Kind::Start { attrs, .. } => attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v),
            _ => None,
        }
    }
}

/// Elements whose contents the browser does not parse as tags, so neither do we: a
/// `<div data-reading-widget>` in a script's string is not a placeholder.
const RAW_TEXT: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];

/// The elements that never have contents or an end tag.
pub(super) const VOID: [&str; 13] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Every tag and comment in `html`, in order, or the byte offset of the first `<` it cannot
/// read with what is wrong there.
pub(super) fn tokens(html: &str) -> Result<Vec<Token<'_>>, (usize, String)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + offset;
        let rest = html.get(start..).unwrap_or("");
        if let Some(body) = rest.strip_prefix("<!--") {
            let Some(close) = body.find("-->") else {
                return Err((start, "this comment is never closed; end it with -->".to_owned()));
            };
            let end = start + 4 + close + 3;
            found.push(Token { kind: Kind::Comment(body.get(..close).unwrap_or("")), start, end });
            at = end;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            // A doctype or a bogus comment: nothing of ours is inside.
            at = start + rest.find('>').map_or(rest.len(), |close| close + 1);
        } else if let Some(name) = rest.strip_prefix("</").filter(|r| r.starts_with(ascii_letter)) {
            let name_len = name.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>');
            let Some(close) = name.find('>') else {
                return Err((start, "this end tag is never closed with >".to_owned()));
            };
            let name = name.get(..name_len.unwrap_or(close).min(close)).unwrap_or("");
            let end = start + 2 + close + 1;
            found.push(Token { kind: Kind::End { name: name.to_ascii_lowercase() }, start, end });
            at = end;
        } else if rest.get(1..).is_some_and(|r| r.starts_with(ascii_letter)) {
            let (kind, len) =
                start_tag(rest).ok_or_else(|| (start, "this tag is never closed with >".to_owned()))?;
            let end = start + len;
            let raw = match &kind {
                Kind::Start { name, .. } if RAW_TEXT.contains(&name.as_str()) => Some(name.clone()),
                _ => None,
            };
            found.push(Token { kind, start, end });
            at = end;
            if let Some(name) = raw {
                // Up to its end tag, which the next round reads as a token.
                let closing = ["</", &name].concat();
                let inside = html.get(end..).unwrap_or("");
                let Some(close) = find_ignoring_case(inside, &closing) else {
                    return Err((
                        start,
                        ["this <", &name, "> is never closed; add ", &closing, ">"].concat(),
                    ));
                };
                at = end + close;
            }
        } else {
            // A `<` in text, like `a < b`.
            at = start + 1;
        }
    }
    Ok(found)
}

fn ascii_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

/// The start tag at the beginning of `tag` (which starts with `<` and a letter), and its
/// length in bytes; `None` if it never ends.
fn start_tag(tag: &str) -> Option<(Kind<'_>, usize)> {
    let bytes = tag.as_bytes();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut i = 1;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = tag.get(1..i)?.to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((Kind::Start { name, attrs }, i + 1)),
            _ => {
                let from = i;
                while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                // A name starts with any byte but those, so `=` first is part of it, as in HTML.
                if i == from {
                    i += 1;
                }
                let attr_name = tag.get(from..i)?.to_ascii_lowercase();
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                let mut value = None;
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    while i < bytes.len() && is_space(bytes[i]) {
                        i += 1;
                    }
                    let (text, len) = match bytes.get(i)? {
                        quote @ (b'"' | b'\'') => {
                            let close = tag.get(i + 1..)?.find(*quote as char)?;
                            (tag.get(i + 1..i + 1 + close)?, close + 2)
                        }
                        _ => {
                            let len = tag.get(i..)?.find(|c: char| c.is_ascii_whitespace() || c == '>')?;
                            (tag.get(i..i + len)?, len)
                        }
                    };
                    value = Some(text);
                    i += len;
                }
                attrs.push((attr_name, value));
            }
        }
    }
}

/// `line:col` of a byte offset, both from 1, the column in characters: only for reporting.
pub(super) fn line_col(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let col = before.get(line_start..).map_or(0, |text| text.chars().count()) + 1;
    [line.to_string(), col.to_string()].join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(html: &str) -> Vec<String> {
        let Ok(tokens) = tokens(html) else { panic!("not tokenized: {html}") };
        tokens
            .iter()
            .map(|t| match &t.kind {
                Kind::Start { name, attrs } => {
                    let attrs: Vec<String> = attrs.iter().map(|(n, v)| format!(" {n}={v:?}")).collect();
                    format!("<{name}{}>@{}..{}", attrs.concat(), t.start, t.end)
                }
                Kind::End { name } => format!("</{name}>@{}..{}", t.start, t.end),
                Kind::Comment(text) => format!("<!--{text}-->@{}..{}", t.start, t.end),
            })
            .collect()
    }

    #[test]
    fn reads_attributes_in_every_quoting() {
        assert_eq!(
            summary("<DIV id=a Data-X='b c' data-y = \"d>e\" hidden/>"),
            [r#"<div id=Some("a") data-x=Some("b c") data-y=Some("d>e") hidden=None>@0..46"#]
        );
    }

    #[test]
    fn skips_doctype_text_and_the_insides_of_scripts() {
        let html = "<!doctype html><p>a < b</p><script>'<div data-reading-widget>'</SCRIPT><!-- x -->";
        assert_eq!(
            summary(html),
            ["<p>@15..18", "</p>@23..27", "<script>@27..35", "</script>@62..71", "<!-- x -->@71..81"]
        );
    }

    #[test]
    fn reports_what_never_ends() {
        assert_eq!(
            tokens("<p>ok</p><div class=\"a").err(),
            Some((9, "this tag is never closed with >".to_owned()))
        );
        assert_eq!(
            tokens("x <!-- y").err(),
            Some((2, "this comment is never closed; end it with -->".to_owned()))
        );
        assert_eq!(
            tokens("<style>p {}").err(),
            Some((0, "this <style> is never closed; add </style>".to_owned()))
        );
    }

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "ab\n…c<d";
        assert_eq!(line_col(text, 0), "1:1");
        assert_eq!(line_col(text, text.len() - 2), "2:3");
    }
}
