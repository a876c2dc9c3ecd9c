//! The hydration backend: takes over the nodes of a pre-rendered widget instead of building
//! new ones, in one step when the page's markup is exactly the template's (`claim_at_once`),
//! else by a cursor walk over the page's nodes that the article's template (the view's markup,
//! written at build time) guides, as Leptos and Sycamore do with their views: each element
//! must have the expected tag and attributes, each text the expected words, in order, with
//! nothing extra. The parts' own attributes are left out,
//! since they are state and the widget sets them next.
//!
//! The walk stops at the first difference and says what it was; the caller then renders
//! afresh. Nothing is changed on the page until the whole tree has been claimed, so a widget
//! is never half-adopted.

use std::borrow::Cow;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::build::Built;
use crate::part::{switched_names, Part, Phase, BUILD_ATTR, MODE_ATTR, OPEN};
use crate::state::{Mode, State};
use crate::template::{self, Fill, Op, Ops};
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

/// What differs, and what this module has there: the caller words the warning.
pub(crate) type Mismatch = (&'static str, Cow<'static, str>);

/// An element being claimed: what the template has said of it so far.
struct Open {
    found: Element,
    tag: &'static str,
    /// Attributes compared so far; checked against what is there at its first child.
    compared: u32,
    part: Option<Part>,
    attributes_checked: bool,
    /// The next node among its children.
    cursor: Option<web_sys::Node>,
}

impl Open {
    /// No attribute but those the template writes, and the part's own: checked once the
    /// template has written them all.
    fn check_attributes(&mut self) -> Result<(), Mismatch> {
        if self.attributes_checked {
            return Ok(());
        }
        self.attributes_checked = true;
        let switched = self.part.map(switched_names).unwrap_or_default();
        let own = switched.iter().flatten().filter(|name| self.found.has_attribute(name)).count() as u32;
        if self.found.attributes().length() != self.compared + own {
            return Err(("more attributes than this module writes on a ", Cow::Borrowed(self.tag)));
        }
        Ok(())
    }
}

/// The pre-rendered `root`, claimed by the article's `template` with `fill`'s ids and labels,
/// or where it differs. `served` is the state the page was served in (static, its sections
/// open), whose markup the root should hold but for its `<details>`, which the reader may
/// have opened or closed.
///
/// First in one step: the root's `outerHTML` against the markup the template makes, and the
/// parts found by their places among the root's elements: a handful of calls into the page,
/// where the walk makes several per node. Markup that differs (or that a CMS rewrote, say with
/// its attributes in another order) gets the walk, which says where it differs, or claims it.
pub(crate) fn claim(
    root: &Element,
    template: &'static [u8],
    fill: &Fill<'_>,
    served: &State,
) -> Result<Built, Mismatch> {
    match claim_at_once(root, template, fill, served) {
        Some(built) => Ok(built),
        None => walk(root, template, fill),
    }
}

fn claim_at_once(root: &Element, template: &'static [u8], fill: &Fill<'_>, served: &State) -> Option<Built> {
    let (expected, places) = template::html(template, fill, served, Phase::Static);
    if !same_but_details(root.outer_html().as_bytes(), expected.as_bytes()) {
        return None;
    }
    let elements = root.query_selector_all("*").ok()?;
    let mut parts = Vec::with_capacity(places.len());
    for (part, place) in places {
        let element = match place {
            None => root.clone(),
            Some(place) => elements.item(place as u32)?.dyn_into::<Element>().ok()?,
        };
        parts.push((part, element));
    }
    Some(Built { root: root.clone(), parts })
}

/// Whether the page's markup is what the template makes, but perhaps for the `<details>`'s
/// `open`: the one attribute of the static page a reader changes (opening or closing it, or
/// find-in-page opening it) before the module comes. Compared byte by byte, with no substring
/// search: std's searcher would bring kilobytes into the module.
fn same_but_details(found: &[u8], expected: &[u8]) -> bool {
    const DETAILS: &[u8] = b"<details class=\"rw-more\"";
    const OPEN: &[u8] = b" open=\"\"";
    let at = found.iter().zip(expected).take_while(|(a, b)| a == b).count();
    let (Some(found_rest), Some(expected_rest)) = (found.get(at..), expected.get(at..)) else {
        return false;
    };
    if found_rest == expected_rest {
        return true;
    }
    let at_details = found.get(..at).is_some_and(|before| before.ends_with(DETAILS));
    at_details
        && (found_rest.strip_prefix(OPEN) == Some(expected_rest)
            || expected_rest.strip_prefix(OPEN) == Some(found_rest))
}

/// The cursor walk: node by node, stopping at the first difference.
fn walk(root: &Element, template: &'static [u8], fill: &Fill<'_>) -> Result<Built, Mismatch> {
    let mut parts = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut claimed = None;
    for op in Ops::new(template) {
        match op {
            Op::Open(tag) => {
                let found = match open.last_mut() {
                    None => root.clone(),
                    Some(parent) => {
                        parent.check_attributes()?;
                        let node = parent
                            .cursor
                            .take()
                            .ok_or(("less than this module renders in a ", Cow::Borrowed(parent.tag)))?;
                        parent.cursor = node.next_sibling();
                        node.dyn_into::<Element>()
                            .map_err(|_| ("text where this module has a ", Cow::Borrowed(tag)))?
                    }
                };
                if found.local_name() != tag {
                    return Err(("another element where this module has a ", Cow::Borrowed(tag)));
                }
                let cursor = found.first_child();
                open.push(Open { found, tag, compared: 0, part: None, attributes_checked: false, cursor });
            }
            Op::Attr(name, value) => {
                let Some(element) = open.last_mut() else { break };
                let value = fill.value(value);
                if element.found.get_attribute(name).as_deref() != Some(value.as_ref()) {
                    return Err(("another attribute where this module writes ", value));
                }
                element.compared += 1;
            }
            Op::Part(part) => {
                if let Some(element) = open.last_mut() {
                    element.part = Some(part);
                }
            }
            Op::Text(text) => {
                let Some(parent) = open.last_mut() else { break };
                parent.check_attributes()?;
                let text = fill.value(text);
                let node = parent.cursor.take();
                // An element's value is null, so it never equals a text.
                match node {
                    Some(node) if node.node_value().as_deref() == Some(text.as_ref()) => {
                        parent.cursor = node.next_sibling();
                    }
                    _ => return Err(("other text where this module has ", text)),
                }
            }
            Op::Close => {
                let Some(mut element) = open.pop() else { break };
                element.check_attributes()?;
                if element.cursor.is_some() {
                    return Err(("more than this module renders in a ", Cow::Borrowed(element.tag)));
                }
                if let Some(part) = element.part {
                    parts.push((part, element.found.clone()));
                }
                if open.is_empty() {
                    claimed = Some(element.found);
                }
            }
        }
    }
    match claimed {
        Some(root) => Ok(Built { root, parts }),
        None => Err(("a damaged template where this module has ", Cow::Borrowed("its article"))),
    }
}

/// `"text"`, cut after about 60 bytes: enough to find the spot in the page.
pub(crate) fn quote(text: &str) -> String {
    let mut end = text.len().min(60);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let more = if end < text.len() { "…" } else { "" };
    ["\"", text.get(..end).unwrap_or_default(), more, "\""].concat()
}

#[cfg(test)]
mod tests {
    use super::same_but_details;

    #[test]
    fn only_the_details_open_may_differ() {
        let closed = b"<article><details class=\"rw-more\"><summary>Read</summary></details></article>";
        let open =
            b"<article><details class=\"rw-more\" open=\"\"><summary>Read</summary></details></article>";
        assert!(same_but_details(closed, closed));
        assert!(same_but_details(open, closed), "the reader opened it");
        assert!(same_but_details(closed, open), "the reader closed it");
        let elsewhere =
            b"<article><details class=\"rw-more\"><summary open=\"\">Read</summary></details></article>";
        assert!(!same_but_details(elsewhere, closed));
        let edited =
            b"<article><details class=\"rw-more\" open=\"\"><summary>Read!</summary></details></article>";
        assert!(!same_but_details(edited, closed));
        assert!(!same_but_details(&closed[..20], closed));
    }
}
