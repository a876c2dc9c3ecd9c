//! The DOM backend: builds the view's node description into live nodes, and flips the parts'
//! attributes when the state changes. Hydration (`hydrate.rs`) makes the same `Built` from
//! nodes a page already has.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

use crate::node::Node;
use crate::part::{attrs, Part, Phase};
use crate::state::State;

/// The widget's root element, and the elements of its parts.
pub(crate) struct Built {
    pub(crate) root: Element,
    pub(crate) parts: Vec<(Part, Element)>,
}

pub(crate) fn build(document: &Document, view: &Node) -> Result<Built, JsValue> {
    let mut parts = Vec::new();
    let root = build_node(document, view, &mut parts)?;
    let root =
        root.dyn_into::<Element>().map_err(|_| JsValue::from_str("the view's root must be an element"))?;
    Ok(Built { root, parts })
}

fn build_node(
    document: &Document,
    node: &Node,
    parts: &mut Vec<(Part, Element)>,
) -> Result<web_sys::Node, JsValue> {
    match node {
        // Text always goes in as a text node: nothing the article says is parsed as markup.
        Node::Text(text) => Ok(document.create_text_node(text).into()),
        Node::Element(view) => {
            let element = document.create_element(view.tag)?;
            for (name, value) in &view.attrs {
                element.set_attribute(name, value)?;
            }
            for child in &view.children {
                element.append_child(&build_node(document, child, parts)?)?;
            }
            if let Some(part) = view.part {
                parts.push((part, element.clone()));
            }
            Ok(element.into())
        }
    }
}

impl Built {
    /// The live element of a part, e.g. the button of section 2.
    pub(crate) fn element(&self, part: Part) -> Option<&Element> {
        self.parts.iter().find(|(p, _)| *p == part).map(|(_, element)| element)
    }

    /// Which part, if any, this element is.
    pub(crate) fn part_of(&self, element: &Element) -> Option<Part> {
        self.parts.iter().find(|(_, e)| e == element).map(|(part, _)| *part)
    }

    /// Brings every part's attributes in line with `state` in `phase`, whatever the page has
    /// now: for a take-over, and for giving taken-over markup back. Touches only what
    /// differs.
    pub(crate) fn apply(&self, state: &State, phase: Phase) -> Result<(), JsValue> {
        for (part, element) in &self.parts {
            for (name, value) in attrs(*part, state, phase).into_iter().flatten() {
                match value {
                    Some(value) => {
                        if element.get_attribute(name).as_deref() != Some(value) {
                            element.set_attribute(name, value)?;
                        }
                    }
                    // Removing an attribute that is not there changes nothing, and records none.
                    None => element.remove_attribute(name)?,
                }
            }
        }
        Ok(())
    }

    /// A live change from `before` to `after`: writes only the attributes whose values differ
    /// between the two states, reading nothing back from the page, so a toggle costs a few
    /// writes and no round trips, however long the article.
    pub(crate) fn change(&self, before: &State, after: &State) -> Result<(), JsValue> {
        for (part, element) in &self.parts {
            let old = attrs(*part, before, Phase::Live);
            for (slot, new) in attrs(*part, after, Phase::Live).into_iter().enumerate() {
                let Some((name, value)) = new else { continue };
                if old.get(slot).copied().flatten() == new {
                    continue;
                }
                match value {
                    Some(value) => element.set_attribute(name, value)?,
                    None => element.remove_attribute(name)?,
                }
            }
        }
        Ok(())
    }
}
