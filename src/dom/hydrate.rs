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
use crate::part::{Part, Phase, BUILD_ATTR, MODE_ATTR, OPEN};
use crate::state::{Mode, State};
use crate::template::{self, Fill};
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
    let at = same_start(found, expected);
    if at == found.len() && at == expected.len() {
        return Ok(());
    }
    let (found_rest, expected_rest) =
        (found.get(at..).unwrap_or_default(), expected.get(at..).unwrap_or_default());
    if found.get(..at).is_some_and(|before| before.ends_with(DETAILS)) {
        // Opened on the page, or closed there: compare what follows the attribute.
        if let Some(rest) = found_rest.strip_prefix(OPEN_ATTR) {
            let more = same_start(rest, expected_rest);
            return match more == rest.len() && more == expected_rest.len() {
                true => Ok(()),
                false => Err((at + OPEN_ATTR.len() + more, at + more)),
            };
        }
        if let Some(rest) = expected_rest.strip_prefix(OPEN_ATTR) {
            let more = same_start(found_rest, rest);
            return match more == found_rest.len() && more == rest.len() {
                true => Ok(()),
                false => Err((at + more, at + OPEN_ATTR.len() + more)),
            };
        }
    }
    Err((at, at))
}

/// How many bytes `a` and `b` start with in common.
fn same_start(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(a, b)| a == b).count()
}

/// The first difference, for the console: both sides quoted from the start of the tag, the
/// attribute or the word it is in, so that a developer can find the spot in the page's source.
fn difference(found: &str, in_found: usize, expected: &str, in_expected: usize) -> String {
    // The same bytes lead up to both offsets: back up over them to a `<`, or past a `>` or a space.
    let before = expected.as_bytes().get(..in_expected).unwrap_or_default();
    let back = before
        .iter()
        .rev()
        .take(80)
        .position(|&byte| matches!(byte, b'<' | b'>' | b' '))
        .map(|i| if before.get(before.len() - 1 - i) == Some(&b'<') { i + 1 } else { i })
        .unwrap_or(0);
    let (found, expected) =
        (quote(found, in_found.saturating_sub(back)), quote(expected, in_expected.saturating_sub(back)));
    ["the page has ", &found, " where this module has ", &expected].concat()
}

/// `"text"` from byte `start`, cut after about 60 bytes: enough to find the spot in the page.
fn quote(text: &str, start: usize) -> String {
    let (mut start, mut end) = (start.min(text.len()), (start + 60).min(text.len()));
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
        let edited = OPENED.replace("Read<", "Read!<");
        assert_eq!(
            differ(&edited, CLOSED).as_deref(),
            Some(
                r#"the page has "Read!</summary></details></article>" where this module has "Read</summary></details></article>""#
            )
        );
        let edited = CLOSED.replace("Read<", "Read!<");
        assert_eq!(
            differ(&edited, OPENED).as_deref(),
            Some(
                r#"the page has "Read!</summary></details></article>" where this module has "Read</summary></details></article>""#
            )
        );
    }

    #[test]
    fn quotes_start_at_the_tag_attribute_or_word_and_stop_after_sixty_bytes() {
        let expected = format!("<p>{}</p>", "word ".repeat(20));
        let found = expected.replace("<p>", "<p class=\"x\">");
        let message = differ(&found, &expected).unwrap_or_default();
        assert!(message.starts_with(r#"the page has "<p class="x">word"#), "{message}");
        assert!(message.contains(r#"where this module has "<p>word"#), "{message}");
        assert!(message.ends_with("…\""), "{message}");
        // Inside an attribute or a text, from its start.
        let found = expected.replacen("word word", "word ward", 1);
        assert_eq!(differ(&found, &expected).map(|m| m.starts_with("the page has \"ward word")), Some(true));
        let (expected, found) = ("<b id=\"rw1-h-first\">", "<b id=\"rw1-h-second\">");
        assert_eq!(
            differ(found, expected).as_deref(),
            Some(r#"the page has "id="rw1-h-second">" where this module has "id="rw1-h-first">""#)
        );
    }
}
