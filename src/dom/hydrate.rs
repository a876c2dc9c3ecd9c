//! The hydration backend: takes over the nodes of a pre-rendered widget instead of building
//! new ones. The page's markup must be exactly what the article's template (the view's markup,
//! written at build time) makes for the served state, byte for byte, but for the `<details>`
//! the reader may have opened or closed; the parts are then found by their places among the
//! root's elements. A handful of calls into the page, however long the article.
//!
//! Markup that differs is not claimed: the caller gets the first difference, quoted from the
//! page and from this module, and renders afresh. Nothing is changed on the page until the
//! whole tree has been claimed, so a widget is never half-adopted.

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::build::Built;
use crate::fill::Fill;
use crate::part::{Part, Phase, BUILD_ATTR, MODE_ATTR, OPEN};
use crate::state::{Mode, State};
use crate::template;
use crate::view::IdPrefix;

/// What a pre-rendered root says of itself, read before anything is compared.
pub(crate) struct Served {
    /// The build that wrote it (`BUILD_ATTR`), empty when the attribute is missing.
    pub(crate) build: String,
    /// Its element ids' prefix, read off the headline's id the root is labelled by.
    pub(crate) ids: Option<IdPrefix>,
    /// The mode the page was served in.
    pub(crate) mode: Option<Mode>,
}

/// Reads what `root` says of itself; nothing is checked yet.
pub(crate) fn served(root: &Element) -> Served {
    Served {
        build: root.get_attribute(BUILD_ATTR).unwrap_or_default(),
        ids: root.get_attribute("aria-labelledby").as_deref().and_then(IdPrefix::of_title),
        mode: root.get_attribute(MODE_ATTR).as_deref().and_then(Mode::from_name),
    }
}

/// The mode the claimed markup shows now: its native disclosure may have been opened or
/// closed, by the reader or by find-in-page, before the module came.
pub(crate) fn shown_mode(built: &Built) -> Mode {
    let open = built.element(Part::FullBox).is_some_and(|details| details.has_attribute(OPEN));
    if open {
        Mode::Full
    } else {
        Mode::Summary
    }
}

/// The pre-rendered `root`, claimed by the article's `template` with `fill`'s ids and labels,
/// or where it differs. `served` is the state the page was served in (static, its sections
/// open), whose markup the root should hold but for its `<details>`, which the reader may
/// have opened or closed.
pub(crate) fn claim(
    root: &Element,
    template: &'static [u8],
    fill: &Fill<'_>,
    served: &State,
) -> Result<Built, String> {
    let (expected, places) = template::html(template, fill, served, Phase::Static);
    let found = root.outer_html();
    if let Err((in_found, in_expected)) = compare(found.as_bytes(), expected.as_bytes()) {
        return Err(difference(&found, in_found, &expected, in_expected));
    }
    let elements = root.query_selector_all("*").map_err(|_| "its elements could not be listed")?;
    let mut parts = Vec::with_capacity(places.len());
    for (part, place) in places {
        let element = match place {
            None => Some(root.clone()),
            Some(place) => elements.item(place as u32).and_then(|node| node.dyn_into::<Element>().ok()),
        };
        // The markup matched, so every place is there; a page script racing us is not.
        parts.push((part, element.ok_or("an element changed while it was claimed")?));
    }
    Ok(Built { root: root.clone(), parts })
}

const DETAILS: &[u8] = b"<details class=\"rw-more\"";
const OPEN_ATTR: &[u8] = b" open=\"\"";

/// The page's markup against the template's, byte by byte (no substring search: std's
/// searcher would bring kilobytes into the module). The one difference allowed is the
/// `<details>`'s `open`: the one attribute of the static page a reader changes (opening or
/// closing it, or find-in-page opening it) before the module comes. Otherwise, where each
/// first differs.
fn compare(found: &[u8], expected: &[u8]) -> Result<(), (usize, usize)> {
    let (f, e) = agree(found, expected);
    let (found_rest, expected_rest) =
        (found.get(f..).unwrap_or_default(), expected.get(e..).unwrap_or_default());
    if found_rest.is_empty() && expected_rest.is_empty() {
        return Ok(());
    }
    // Opened on the page, or closed there: what follows the attribute must agree.
    let at_details = found.get(..f).is_some_and(|before| before.ends_with(DETAILS));
    let skipped = match (found_rest.strip_prefix(OPEN_ATTR), expected_rest.strip_prefix(OPEN_ATTR)) {
        _ if !at_details => None,
        (Some(rest), _) => Some((rest, expected_rest, f + OPEN_ATTR.len(), e)),
        (None, Some(rest)) => Some((found_rest, rest, f, e + OPEN_ATTR.len())),
        (None, None) => None,
    };
    let Some((found_rest, expected_rest, f, e)) = skipped else { return Err((f, e)) };
    match agree(found_rest, expected_rest) {
        (more_f, more_e) if more_f == found_rest.len() && more_e == expected_rest.len() => Ok(()),
        (more_f, more_e) => Err((f + more_f, e + more_e)),
    }
}

/// How far `found` and `expected` agree from their starts, in bytes of each: byte for byte,
/// but for a `<` or `>` that the browser wrote as it is in an attribute's value where this
/// module writes `&lt;` or `&gt;` (browsers serialized attributes so until the HTML standard
/// changed in 2025; text was always escaped, so nowhere else).
fn agree(found: &[u8], expected: &[u8]) -> (usize, usize) {
    let (mut f, mut e) = (0, 0);
    // Where the bytes so far have put us: in a tag, and in an attribute's quoted value.
    let (mut in_tag, mut in_value) = (false, false);
    while let (Some(&a), Some(&b)) = (found.get(f), expected.get(e)) {
        if a == b {
            match b {
                b'<' if !in_tag => in_tag = true,
                b'>' if in_tag && !in_value => in_tag = false,
                b'"' if in_tag => in_value = !in_value,
                _ => {}
            }
            (f, e) = (f + 1, e + 1);
            continue;
        }
        let escaped: &[u8] = match a {
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            _ => break,
        };
        if !in_value || !expected.get(e..).is_some_and(|rest| rest.starts_with(escaped)) {
            break;
        }
        (f, e) = (f + 1, e + escaped.len());
    }
    (f, e)
}

/// The first difference, for the console: both sides quoted from where they differ.
fn difference(found: &str, in_found: usize, expected: &str, in_expected: usize) -> String {
    ["the page has ", &quote(found, in_found), " where this module has ", &quote(expected, in_expected)]
        .concat()
}

/// `"text"` around byte `at`: from the start of the tag, the attribute or the word it is in
/// (at most 30 bytes back, so that what differs shows), cut after about 60 bytes.
fn quote(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let before = text.as_bytes().get(..at).unwrap_or_default();
    let back = before
        .iter()
        .rev()
        .take(30)
        .position(|&byte| matches!(byte, b'<' | b'>' | b' '))
        .map(|i| if before.get(at - 1 - i) == Some(&b'<') { i + 1 } else { i })
        .unwrap_or(at.min(20));
    let (mut start, mut end) = (at - back, (at - back + 60).min(text.len()));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let more = if end < text.len() { "…" } else { "" };
    ["\"", text.get(start..end).unwrap_or_default(), more, "\""].concat()
}

#[cfg(test)]
mod tests {
    use super::{compare, difference};

    const CLOSED: &str = "<article><details class=\"rw-more\"><summary>Read</summary></details></article>";
    const OPENED: &str =
        "<article><details class=\"rw-more\" open=\"\"><summary>Read</summary></details></article>";

    fn differ(found: &str, expected: &str) -> Option<String> {
        compare(found.as_bytes(), expected.as_bytes()).err().map(|(f, e)| difference(found, f, expected, e))
    }

    #[test]
    fn only_the_details_open_may_differ() {
        assert_eq!(differ(CLOSED, CLOSED), None);
        assert_eq!(differ(OPENED, CLOSED), None, "the reader opened it");
        assert_eq!(differ(CLOSED, OPENED), None, "the reader closed it");
        let elsewhere = CLOSED.replace("<summary>", "<summary open=\"\">");
        assert_eq!(
            differ(&elsewhere, CLOSED).as_deref(),
            Some(
                r#"the page has "<summary open="">Read</summary></details></article>" where this module has "<summary>Read</summary></details></article>""#
            )
        );
        assert!(differ(&CLOSED[..20], CLOSED).is_some(), "cut short");
        assert!(differ(CLOSED, &CLOSED[..20]).is_some(), "longer");
    }

    #[test]
    fn a_difference_after_an_opened_details_is_still_found() {
        const MESSAGE: &str = r#"the page has "Read!</summary></details></article>" where this module has "Read</summary></details></article>""#;
        // Opened on the page, closed in the module's markup; and the other way round.
        for (page, module) in [(OPENED, CLOSED), (CLOSED, OPENED)] {
            assert_eq!(differ(&page.replace("Read<", "Read!<"), module).as_deref(), Some(MESSAGE));
        }
    }

    #[test]
    fn quotes_start_at_the_tag_attribute_or_word_and_stop_after_sixty_bytes() {
        let expected = format!("<p>{}</p>", "word ".repeat(20));
        let found = expected.replace("<p>", "<p class=\"x\">");
        assert_eq!(
            differ(&found, &expected).as_deref(),
            Some(concat!(
                r#"the page has "<p class="x">word word word word word word word word word wo…" "#,
                r#"where this module has "<p>word word word word word word word word word word word wo…""#
            ))
        );
        // Inside an attribute or a text, from its start.
        let found = expected.replacen("word word", "word ward", 1);
        assert_eq!(differ(&found, &expected).map(|m| m.starts_with("the page has \"ward word")), Some(true));
        let (expected, found) = ("<b id=\"rw1-h-first\">", "<b id=\"rw1-h-second\">");
        assert_eq!(
            differ(found, expected).as_deref(),
            Some(r#"the page has "id="rw1-h-second">" where this module has "id="rw1-h-first">""#)
        );
    }

    #[test]
    fn a_difference_far_into_a_value_still_shows_in_both_quotes() {
        let path = "a-long-path/".repeat(6);
        let (expected, found) = (format!("<a href=\"/{path}first\">"), format!("<a href=\"/{path}second\">"));
        let message = differ(&found, &expected).unwrap_or_default();
        assert!(message.contains("second\">\" where"), "{message}");
        assert!(message.ends_with("first\">\""), "{message}");
    }

    #[test]
    fn a_difference_right_after_an_opened_details_is_quoted_from_its_own_side() {
        let found = OPENED.replace("<summary>", "<summary id=\"x\">");
        assert_eq!(
            differ(&found, CLOSED).as_deref(),
            Some(
                r#"the page has "<summary id="x">Read</summary></details></article>" where this module has "<summary>Read</summary></details></article>""#
            )
        );
    }

    #[test]
    fn a_difference_inside_a_character_is_quoted_whole() {
        assert_eq!(
            differ("<p>전채</p>", "<p>전체</p>").as_deref(),
            Some(r#"the page has "전채</p>" where this module has "전체</p>""#)
        );
    }

    #[test]
    fn angle_brackets_left_unescaped_in_an_attribute_agree_with_escaped_ones() {
        let expected = r#"<a aria-label="a &gt; b &lt; c">x</a>"#;
        assert_eq!(differ(r#"<a aria-label="a > b < c">x</a>"#, expected), None);
        assert!(differ(r#"<a aria-label="a > b < c">y</a>"#, expected).is_some());
        // Only in a value: in text, an element where this module has escaped words.
        assert!(differ("<p><b>x</b></p>", "<p>&lt;b&gt;x&lt;/b&gt;</p>").is_some());
        assert!(differ(r#"<a title="<">"#, r#"<a title="&lt;">"#).is_none());
        assert!(differ(r#"<a title=">" x>"#, r#"<a title="&gt;">"#).is_some());
    }
}
