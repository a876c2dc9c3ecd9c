//! The hydration backend: takes over the nodes of a pre-rendered widget instead of building
//! new ones. The view's node description guides a cursor walk over the page's nodes (as
//! Leptos and Sycamore do): each element must have the expected tag and attributes, each text
//! the expected words, in order, with nothing extra. The parts' own attributes are left out,
//! since they are state and the widget sets them next.
//!
//! The walk stops at the first difference and says what it was; the caller then renders
//! afresh. Nothing is changed on the page until the whole tree has been claimed, so a widget
//! is never half-adopted.

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::build::Built;
use crate::node::{self, Node};
use crate::part::{switches, Part};

/// The pre-rendered `root`, claimed for the view `view`, or why it cannot be.
pub(crate) fn claim(root: &Element, view: &Node) -> Result<Built, String> {
    let Node::Element(expected) = view else {
        return Err("the view's root must be an element".to_owned());
    };
    let mut parts = Vec::new();
    claim_element(root, expected, &mut parts)?;
    Ok(Built { root: root.clone(), parts })
}

fn claim_element(
    found: &Element,
    expected: &node::Element,
    parts: &mut Vec<(Part, Element)>,
) -> Result<(), String> {
    let tag = expected.tag;
    let found_tag = found.local_name();
    if found_tag != tag {
        return Err(["a <", &found_tag, "> where this module has a <", tag, ">"].concat());
    }
    let switched = |name: &str| expected.part.is_some_and(|part| switches(part, name));
    let mut written = 0;
    for (name, value) in expected.attrs.iter().filter(|(name, _)| !switched(name)) {
        written += 1;
        let present = found.get_attribute(name);
        if present.as_deref() != Some(value.as_ref()) {
            let present = present.unwrap_or_default();
            return Err([
                "a <",
                tag,
                ">'s '",
                name,
                "' is ",
                &quote(&present),
                " where this module writes ",
                &quote(value),
            ]
            .concat());
        }
    }
    let present = found
        .get_attribute_names()
        .iter()
        .filter(|name| name.as_string().is_some_and(|n| !switched(&n)))
        .count();
    if present != written {
        return Err(["a <", tag, "> has attributes this module does not write"].concat());
    }
    claim_children(found, &expected.children, tag, parts)?;
    if let Some(part) = expected.part {
        parts.push((part, found.clone()));
    }
    Ok(())
}

/// The children, in order. Adjacent texts of the view are one text node once the HTML parser
/// has read them, so they are compared joined.
fn claim_children(
    parent: &Element,
    expected: &[Node],
    tag: &str,
    parts: &mut Vec<(Part, Element)>,
) -> Result<(), String> {
    let mut cursor = parent.first_child();
    let mut children = expected.iter().peekable();
    while let Some(child) = children.next() {
        match child {
            Node::Text(text) => {
                let mut words = text.to_string();
                while let Some(Node::Text(more)) = children.peek() {
                    words.push_str(more);
                    children.next();
                }
                if words.is_empty() {
                    continue;
                }
                let node = cursor.ok_or_else(|| ["missing text in a <", tag, ">"].concat())?;
                let present = node.node_value().unwrap_or_default();
                // 3: a text node.
                if node.node_type() != 3 || present != words {
                    return Err([
                        "a <",
                        tag,
                        "> reads ",
                        &quote(&present),
                        " where this module has ",
                        &quote(&words),
                    ]
                    .concat());
                }
                cursor = node.next_sibling();
            }
            Node::Element(element) => {
                let node =
                    cursor.ok_or_else(|| ["a <", element.tag, "> is missing in a <", tag, ">"].concat())?;
                let found = node.dyn_ref::<Element>().ok_or_else(|| {
                    ["something else where a <", tag, "> has a <", element.tag, ">"].concat()
                })?;
                claim_element(found, element, parts)?;
                cursor = node.next_sibling();
            }
        }
    }
    match cursor {
        None => Ok(()),
        Some(_) => Err(["a <", tag, "> has more in it than this module renders"].concat()),
    }
}

/// `"text"`, cut after 60 characters: enough to find the spot in the page.
fn quote(text: &str) -> String {
    let mut cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    ["\"", &cut, "\""].concat()
}
