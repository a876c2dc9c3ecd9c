//! The host element and where the widget's nodes go: a shadow root on it (the default), or
//! the host itself; or, for a pre-rendered widget, where the page already has them. Hands the
//! host back as it was found.

use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode, Window};

use super::sheet::{scope_around, sheet, StyleScope};
use super::target::PLACEHOLDER;
use crate::html::{ELEMENT, SHADOW_HOSTS};
use crate::part::{ARTICLE_ATTR, BUILD_ATTR};

/// The document and the window `host` is in.
pub(crate) fn page_of(host: &Element) -> Result<(Document, Window), JsValue> {
    let document =
        host.owner_document().ok_or_else(|| JsValue::from_str("the target element is not in a document"))?;
    let window =
        document.default_view().ok_or_else(|| JsValue::from_str("the widget needs a browser window"))?;
    Ok((document, window))
}

/// A widget the page was served with: its root `<article>`, in the host's declarative shadow
/// root or among the host's own children.
pub(crate) struct Prerendered {
    pub(crate) root: Element,
    /// The declarative shadow root it is in, or none for light-DOM markup.
    pub(crate) shadow: Option<ShadowRoot>,
}

impl Prerendered {
    /// The article it says it is (`ARTICLE_ATTR`), if it says.
    pub(crate) fn article(&self) -> Option<String> {
        self.root.get_attribute(ARTICLE_ATTR)
    }
}

/// The pre-rendered widget on `host`, if there is one: an element carrying the build attribute
/// (whatever build it names) at the top of the host's shadow root, or else of its children;
/// or, on a placeholder, whatever its declarative shadow root holds.
pub(crate) fn prerendered(host: &Element) -> Option<Prerendered> {
    let marked = |mut element: Option<Element>| {
        while let Some(candidate) = element {
            if candidate.has_attribute(BUILD_ATTR) {
                return Some(candidate);
            }
            element = candidate.next_element_sibling();
        }
        None
    };
    if let Some(shadow) = host.shadow_root() {
        if let Some(root) = marked(shadow.first_element_child()) {
            return Some(Prerendered { root, shadow: Some(shadow) });
        }
        // A placeholder's or the element's declarative root holds the page's widget even when a
        // CMS stripped our attribute: claiming it then says what differs. Not our own leftover
        // `<slot>`.
        if host.has_attribute(PLACEHOLDER) || host.local_name() == ELEMENT {
            let mut element = shadow.first_element_child();
            while let Some(candidate) = element {
                if candidate.local_name() != "link" && !candidate.has_attribute(OUR_SLOT) {
                    return Some(Prerendered { root: candidate, shadow: Some(shadow) });
                }
                element = candidate.next_element_sibling();
            }
        }
    }
    marked(host.first_element_child()).map(|root| Prerendered { root, shadow: None })
}

thread_local! {
    /// The scope (a document, a shadow root) of each live light-DOM widget, once per widget:
    /// the sheet is adopted there while any is, and taken out with the last.
    static LIGHT_SCOPES: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
}

/// Counts a light-DOM widget in or out of `scope`; whether any is left there.
fn light_scope(scope: &StyleScope, joined: bool) -> bool {
    let scope: &JsValue = scope.as_ref();
    LIGHT_SCOPES
        .try_with(|scopes| {
            let Ok(mut scopes) = scopes.try_borrow_mut() else { return false };
            if joined {
                scopes.push(scope.clone());
            } else if let Some(index) = scopes.iter().position(|known| known == scope) {
                scopes.swap_remove(index);
            }
            scopes.contains(scope)
        })
        .unwrap_or(false)
}

/// The host element, and where the widget's nodes are: the host's shadow root, where host
/// page CSS cannot reach them, or the host itself, in place of its own children.
pub(crate) struct Host {
    element: Element,
    /// The shadow root the widget is in, or none for the light DOM.
    shadow: Option<ShadowRoot>,
    /// Where the sheet is adopted and focus is looked for: the shadow root, or for the light
    /// DOM the document or shadow root the host is in.
    scope: StyleScope,
    /// What was in the way (the host's own children in the light DOM, a pre-rendered
    /// widget's nodes), each with the parent it goes back to.
    aside: Vec<(web_sys::Node, web_sys::Node)>,
    added: Vec<web_sys::Node>,
    /// Whether to leave our marked `<slot>` in the shadow root when done.
    leave_slot: bool,
    /// `restore` runs once: on `destroy()`, which takes the widget off at once, or on drop.
    restored: Cell<bool>,
}

impl Host {
    /// Puts `nodes` into the host and adopts the stylesheet where they are.
    ///
    /// In a shadow root, the host's own children (a loading message, a fallback for readers
    /// without WebAssembly) stay where they are, unrendered because nothing slots them. In the
    /// light DOM they are set aside. A pre-rendered widget that is not taken over is set aside
    /// too, and with it any declarative shadow root's content, so a light-DOM widget shows.
    /// If the page refuses a step, the `Host` built so far is dropped and hands back what it
    /// took.
    pub(crate) fn take_over(
        element: &Element,
        nodes: Vec<web_sys::Node>,
        shadow: bool,
        prerendered: Option<&Prerendered>,
    ) -> Result<Host, JsValue> {
        // Checked first: a browser that cannot construct it is refused before anything moves.
        sheet()?;
        let mut aside = Vec::new();
        let (shadow, leave_slot) = if shadow {
            let (root, leave_slot) = shadow_root_for(element, prerendered, &mut aside).inspect_err(|_| {
                // What was set aside before the refusal goes back at once: nothing is lost.
                for (parent, node) in &aside {
                    let _ = parent.append_child(node);
                }
            })?;
            (Some(root), leave_slot)
        } else {
            (None, false)
        };
        let mut host = Host::placed(element, shadow, aside, leave_slot)?;
        let container: web_sys::Node = match &host.shadow {
            Some(root) => root.clone().into(),
            None => {
                set_aside(element, &mut host.aside)?;
                if let Some(root) = prerendered.and_then(|found| found.shadow.as_ref()) {
                    // The declarative root would cover the light DOM: it renders our slot instead.
                    set_aside(root, &mut host.aside)?;
                    let slot = own_slot(element)?;
                    root.append_child(&slot)?;
                    host.added.push(slot);
                }
                element.clone().into()
            }
        };
        for node in nodes {
            container.append_child(&node)?;
            host.added.push(node);
        }
        Ok(host)
    }

    /// Takes the pre-rendered widget where it is: nothing moves, the sheet is adopted unless
    /// its `<link>` has styled it (so the widget is styled even if that file failed), and
    /// `restore` leaves the nodes to the reader.
    pub(crate) fn adopt(element: &Element, found: &Prerendered) -> Result<Host, JsValue> {
        Host::placed(element, found.shadow.clone(), Vec::new(), false)
    }

    /// The host with the widget in `shadow` (or its light DOM), and the sheet adopted in the
    /// scope that makes: the shadow root, or the document or shadow root around the host.
    fn placed(
        element: &Element,
        shadow: Option<ShadowRoot>,
        aside: Vec<(web_sys::Node, web_sys::Node)>,
        leave_slot: bool,
    ) -> Result<Host, JsValue> {
        let scope = match &shadow {
            Some(root) => root.clone().unchecked_into(),
            None => scope_around(element)?,
        };
        let host = Host {
            element: element.clone(),
            shadow,
            scope,
            aside,
            added: Vec::new(),
            leave_slot,
            restored: Cell::new(false),
        };
        if host.shadow.is_none() {
            // Before the sheet, so that a refusal below, whose drop counts it out, balances.
            light_scope(&host.scope, true);
        }
        // A pre-rendered shadow root styled by its own `<link>` needs no second copy: the same
        // rules twice made every style recalculation of a take-over twice the work. The sheet
        // is adopted when that file has not loaded (yet, or at all), and everywhere else.
        if host.shadow.is_none() || !host.scope.linked() {
            host.scope.adopt(&sheet()?, true)?;
        }
        Ok(host)
    }

    pub(crate) fn element(&self) -> &Element {
        &self.element
    }

    /// Whether the host is in the document.
    pub(crate) fn connected(&self) -> bool {
        self.element.is_connected()
    }

    /// The focused element, looked for where the widget's nodes are: inside a shadow root the
    /// document only knows that the host has focus.
    pub(crate) fn active_element(&self) -> Option<Element> {
        self.scope.active_element()
    }

    /// Removes what the widget added, wherever the page has moved it, and puts back what it
    /// set aside; once. Goes on past a failure, so one refusal loses nothing else.
    pub(crate) fn restore(&self) {
        if self.restored.replace(true) {
            return;
        }
        for node in &self.added {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
        for (parent, node) in &self.aside {
            let _ = parent.append_child(node);
        }
        // The sheet stays while another light-DOM widget in the same scope still needs it.
        let in_use = self.shadow.is_none() && light_scope(&self.scope, false);
        if let (Ok(sheet), false) = (sheet(), in_use) {
            let _ = self.scope.adopt(&sheet, false);
        }
        // A shadow root cannot be detached. Left empty but for our marked default <slot>, it
        // renders the host's own children exactly as before, and a later mount reuses it.
        if let (Some(root), true) = (&self.shadow, self.leave_slot) {
            if let Ok(slot) = own_slot(&self.element) {
                let _ = root.append_child(&slot);
            }
        }
    }
}

/// Our marked default `<slot>`, made in the host's document.
fn own_slot(element: &Element) -> Result<web_sys::Node, JsValue> {
    let document =
        element.owner_document().ok_or_else(|| JsValue::from_str("the host is not in a document"))?;
    let slot = document.create_element("slot")?;
    slot.set_attribute(OUR_SLOT, "")?;
    Ok(slot.into())
}

/// Dropping the host hands it back: on a mount that failed half-way, and after `destroy()`
/// if it has not already.
impl Drop for Host {
    fn drop(&mut self) {
        self.restore();
    }
}

/// Marks the `<slot>` a destroyed widget leaves, so only a root we left is ever reused (a
/// wrapper component's shadow root often holds a bare `<slot>` too).
const OUR_SLOT: &str = "data-reading-widget-slot";

const OWN_SHADOW_ROOT: &str =
    "this element already has a shadow root of its own; mount into an element inside it, or pass { shadow: false }";

/// The host's shadow root, emptied, and whether to leave our `<slot>` in it when done: a new
/// open one, the one a destroyed widget left (nothing in it but our marked `<slot>`), or a
/// pre-rendered one, whose nodes are set aside. Any other shadow root belongs to someone else.
fn shadow_root_for(
    element: &Element,
    prerendered: Option<&Prerendered>,
    aside: &mut Vec<(web_sys::Node, web_sys::Node)>,
) -> Result<(ShadowRoot, bool), JsValue> {
    if let Some(root) = element.shadow_root() {
        let only_our_slot = root.child_nodes().length() == 1
            && root.first_element_child().is_some_and(|only| only.has_attribute(OUR_SLOT));
        if only_our_slot {
            while let Some(child) = root.first_child() {
                root.remove_child(&child)?;
            }
            return Ok((root, true));
        }
        if prerendered.and_then(|found| found.shadow.as_ref()) == Some(&root) {
            set_aside(&root, aside)?;
            return Ok((root, false));
        }
        return Err(JsValue::from_str(OWN_SHADOW_ROOT));
    }
    let root = element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| {
        let tag = element.local_name();
        // A closed shadow root is invisible (`shadowRoot` is null): an element that could hold
        // one and still refuses must have one already.
        if SHADOW_HOSTS.contains(&tag.as_str()) || tag.contains('-') {
            return JsValue::from_str(OWN_SHADOW_ROOT);
        }
        JsValue::from_str(
            &[
                "a <",
                &tag,
                "> cannot hold a shadow root; mount into a <div> or a <section>, or pass { shadow: false }",
            ]
            .concat(),
        )
    })?;
    Ok((root, true))
}

/// Moves every child of `parent` out, remembering where it came from.
fn set_aside(parent: &web_sys::Node, aside: &mut Vec<(web_sys::Node, web_sys::Node)>) -> Result<(), JsValue> {
    while let Some(child) = parent.first_child() {
        parent.remove_child(&child)?;
        aside.push((parent.clone(), child));
    }
    Ok(())
}
