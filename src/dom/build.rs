//! The DOM backend: builds an article's template (the view's markup, written at build time)
//! into live nodes, and flips the parts' attributes when the state changes. Hydration
//! (`hydrate.rs`) makes the same `Built` from nodes a page already has.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event};

use crate::fill::Fill;
use crate::part::{attrs, Part, Phase};
use crate::state::State;
use crate::template::{Op, Ops};

/// The widget's root element, and the elements of its parts.
pub(crate) struct Built {
    pub(crate) root: Element,
    pub(crate) parts: Vec<(Part, Element)>,
}

/// Builds the article's `template` into live nodes, its parts' attributes set for `state` in
/// `phase`: the same nodes, in the same order, as the view would make.
pub(crate) fn build(
    document: &Document,
    template: &'static [u8],
    fill: &Fill<'_>,
    state: &State,
    phase: Phase,
) -> Result<Built, JsValue> {
    let mut parts = Vec::new();
    // The open elements, innermost last; the root stays at the bottom.
    let mut open: Vec<Element> = Vec::new();
    let mut root = None;
    for op in Ops::new(template, fill.parts) {
        match op {
            Op::Open(tag) => open.push(document.create_element(tag)?),
            Op::Attr(name, value) => {
                if let Some(element) = open.last() {
                    element.set_attribute(name, &value.filled(fill))?;
                }
            }
            Op::Part(part) => {
                if let Some(element) = open.last() {
                    for (name, value) in attrs(part, state, phase).into_iter().flatten() {
                        if let Some(value) = value {
                            element.set_attribute(name, value)?;
                        }
                    }
                    parts.push((part, element.clone()));
                }
            }
            // Text always goes in as a text node: nothing the article says is parsed as markup.
            Op::Text(text) => {
                if let Some(element) = open.last() {
                    element.append_child(&document.create_text_node(&text.filled(fill)))?;
                }
            }
            Op::Close => {
                let Some(element) = open.pop() else { break };
                match open.last() {
                    Some(parent) => {
                        parent.append_child(&element)?;
                    }
                    None => root = Some(element),
                }
            }
        }
    }
    let root =
        root.ok_or_else(|| JsValue::from_str("the article's template is damaged; rebuild the module"))?;
    Ok(Built { root, parts })
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

    /// The part `event` happened on, if it happened on one.
    pub(crate) fn target_part(&self, event: &Event) -> Option<Part> {
        self.part_of(&target_element(event)?)
    }

    /// The first of the parts from the element `event` happened on up to the root for which
    /// `pick` has something. A widget mounted inside this one's content has parts of its own,
    /// which are not among them.
    pub(crate) fn up_from<T>(&self, event: &Event, pick: fn(Part) -> Option<T>) -> Option<T> {
        let mut element = target_element(event);
        while let Some(current) = element {
            if let Some(found) = self.part_of(&current).and_then(pick) {
                return Some(found);
            }
            if current == self.root {
                return None;
            }
            element = current.parent_element();
        }
        None
    }

    /// The part that holds `focused` hidden (a panel, the full text), if `focused` is in this
    /// widget and something around it is hidden.
    pub(crate) fn hiding(&self, focused: &Element) -> Option<Part> {
        if !self.root.contains(Some(focused.as_ref())) {
            return None;
        }
        self.part_of(&focused.closest("[hidden]").ok()??)
    }

    /// The text `part` holds (a section's panel).
    pub(crate) fn text(&self, part: Part) -> Option<String> {
        self.element(part)?.text_content()
    }

    /// Writes `text` into `part` (the live region), or empties it.
    pub(crate) fn set_text(&self, part: Part, text: Option<&str>) {
        if let Some(element) = self.element(part) {
            element.set_text_content(text);
        }
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

/// The element an event happened on.
fn target_element(event: &Event) -> Option<Element> {
    event.target().and_then(|target| target.dyn_into::<Element>().ok())
}
