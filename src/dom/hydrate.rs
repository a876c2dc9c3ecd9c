//! The hydration backend: takes over the nodes of a pre-rendered widget instead of building
//! new ones. The view's node description guides a cursor walk over the page's nodes (as
//! Leptos and Sycamore do): each element must have the expected tag and attributes, each text
//! the expected words, in order, with nothing extra. The parts' own attributes are left out,
//! since they are state and the widget sets them next.
//!
//! The walk stops at the first difference and says what it was; the caller then renders
//! afresh. Nothing is changed on the page until the whole tree has been claimed, so a widget
//! is never half-adopted.

use std::borrow::Cow;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::build::Built;
use crate::node::{self, Node};
use crate::part::{switched_names, Part, BUILD_ATTR, MODE_ATTR, OPEN};
use crate::state::Mode;
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

/// The pre-rendered `root`, claimed for the view `view`, or where it differs.
pub(crate) fn claim(root: &Element, view: &Node) -> Result<Built, Mismatch> {
    let Node::Element(expected) = view else {
        return Err(("no element where this module has ", Cow::Borrowed("its root")));
    };
    let mut parts = Vec::new();
    claim_element(root, expected, &mut parts)?;
    Ok(Built { root: root.clone(), parts })
}

fn claim_element(
    found: &Element,
    expected: &node::Element,
    parts: &mut Vec<(Part, Element)>,
) -> Result<(), Mismatch> {
    let tag = Cow::Borrowed(expected.tag);
    if found.local_name() != expected.tag {
        return Err(("another element where this module has a ", tag));
    }
    let switched = expected.part.map(switched_names).unwrap_or_default();
    let is_switched = |name: &str| switched.contains(&Some(name));
    // Every attribute the view writes, with its value; the parts' own are the state's.
    let mut compared = 0;
    for (name, value) in expected.attrs.iter().filter(|(name, _)| !is_switched(name)) {
        compared += 1;
        if found.get_attribute(name).as_deref() != Some(value.as_ref()) {
            return Err(("another attribute where this module writes ", value.clone()));
        }
    }
    // And no other: what is there, less the parts' own.
    let own = switched.iter().flatten().filter(|name| found.has_attribute(name)).count();
    if found.attributes().length() as usize != compared + own {
        return Err(("more attributes than this module writes on a ", tag));
    }
    let mut cursor = found.first_child();
    for child in &expected.children {
        let node = cursor.ok_or_else(|| ("less than this module renders in a ", tag.clone()))?;
        match child {
            // An element's value is null, so it never equals a text.
            Node::Text(text) => {
                if node.node_value().as_deref() != Some(text.as_ref()) {
                    return Err(("other text where this module has ", text.clone()));
                }
            }
            Node::Element(element) => {
                let found = node
                    .dyn_ref::<Element>()
                    .ok_or_else(|| ("text where this module has a ", tag.clone()))?;
                claim_element(found, element, parts)?;
            }
        }
        cursor = node.next_sibling();
    }
    if cursor.is_some() {
        return Err(("more than this module renders in a ", tag));
    }
    if let Some(part) = expected.part {
        parts.push((part, found.clone()));
    }
    Ok(())
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
