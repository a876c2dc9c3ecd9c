//! The one place that talks to web-sys: builds the view into live nodes, flips the switched
//! attributes, owns event listeners, and hands the host element back as it was found.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventTarget};

use crate::state::State;
use crate::view::{switch_attr, Node, Switch};

/// The stylesheet that ships inside the module.
const STYLES: &str = include_str!("styles.css");

/// The built widget, and the elements whose attributes follow the state.
pub(crate) struct Built {
    pub(crate) root: Element,
    switched: Vec<(Switch, Element)>,
}

pub(crate) fn build(document: &Document, view: &Node) -> Result<Built, JsValue> {
    let mut switched = Vec::new();
    let root = build_node(document, view, &mut switched)?;
    let root = root
        .dyn_into::<Element>()
        .map_err(|_| JsValue::from_str("the view's root must be an element"))?;
    Ok(Built { root, switched })
}

fn build_node(
    document: &Document,
    node: &Node,
    switched: &mut Vec<(Switch, Element)>,
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
                element.append_child(&build_node(document, child, switched)?)?;
            }
            if let Some(switch) = view.switch {
                switched.push((switch, element.clone()));
            }
            Ok(element.into())
        }
    }
}

impl Built {
    /// Brings every switched attribute in line with `state`; touches only what differs.
    pub(crate) fn apply(&self, state: &State) -> Result<(), JsValue> {
        for (switch, element) in &self.switched {
            match switch_attr(*switch, state) {
                (name, Some(value)) => {
                    if element.get_attribute(name).as_deref() != Some(value) {
                        element.set_attribute(name, value)?;
                    }
                }
                (name, None) => element.remove_attribute(name)?,
            }
        }
        Ok(())
    }
}

/// A `<style>` element holding the widget's stylesheet.
pub(crate) fn stylesheet(document: &Document) -> Result<Element, JsValue> {
    let style = document.create_element("style")?;
    style.set_text_content(Some(STYLES));
    Ok(style)
}

/// An event listener that removes itself when dropped (the gloo-events pattern), so the owner
/// of a listener decides how long it lives and nothing outlives the widget.
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<Self, JsValue> {
        let callback = Closure::<dyn FnMut(Event)>::new(handler);
        target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref())?;
        Ok(Listener {
            target: target.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let callback = self.callback.as_ref().unchecked_ref();
        // Removing a listener that is already gone is not an error worth surfacing in a Drop.
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, callback);
    }
}

/// The host element, with the children it had before the widget moved in.
pub(crate) struct Host {
    element: Element,
    found: Vec<web_sys::Node>,
    added: Vec<web_sys::Node>,
}

impl Host {
    /// Sets the host's own children aside (a loading message, say) and puts `nodes` in.
    pub(crate) fn take_over(element: &Element, nodes: Vec<web_sys::Node>) -> Result<Host, JsValue> {
        let mut found = Vec::new();
        while let Some(child) = element.first_child() {
            element.remove_child(&child)?;
            found.push(child);
        }
        for node in &nodes {
            element.append_child(node)?;
        }
        Ok(Host {
            element: element.clone(),
            found,
            added: nodes,
        })
    }

    pub(crate) fn element(&self) -> &Element {
        &self.element
    }

    /// Removes what the widget added and puts the host's own children back, in order.
    pub(crate) fn restore(&self) -> Result<(), JsValue> {
        for node in &self.added {
            if node.parent_node().is_some() {
                self.element.remove_child(node)?;
            }
        }
        for node in &self.found {
            self.element.append_child(node)?;
        }
        Ok(())
    }
}
