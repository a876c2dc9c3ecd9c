//! The one place that talks to web-sys: builds the view into live nodes, flips the switched
//! attributes, owns event listeners, and hands the host element back as it was found.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, Window};

use crate::node::Node;
use crate::state::State;
use crate::view::{switch_attr, Switch};

/// The stylesheet that ships inside the module (`src/styles.css`, minified by build.rs).
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/styles.css"));

/// The built widget, and the elements whose attributes follow the state.
pub(crate) struct Built {
    pub(crate) root: Element,
    switched: Vec<(Switch, Element)>,
}

pub(crate) fn build(document: &Document, view: &Node) -> Result<Built, JsValue> {
    let mut switched = Vec::new();
    let root = build_node(document, view, &mut switched)?;
    let root =
        root.dyn_into::<Element>().map_err(|_| JsValue::from_str("the view's root must be an element"))?;
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
    /// The live element of a switch, e.g. the button of section 2.
    pub(crate) fn element(&self, switch: Switch) -> Option<&Element> {
        self.switched.iter().find(|(s, _)| *s == switch).map(|(_, element)| element)
    }

    /// Which switch, if any, this element is.
    pub(crate) fn switch_of(&self, element: &Element) -> Option<Switch> {
        self.switched.iter().find(|(_, e)| e == element).map(|(switch, _)| *switch)
    }

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
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens in the capture phase when `capture` is set, for events that may not bubble.
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<Self, JsValue> {
        let callback = Closure::<dyn FnMut(Event)>::new(handler);
        target.add_event_listener_with_callback_and_bool(kind, callback.as_ref().unchecked_ref(), capture)?;
        count_listeners(1);
        Ok(Listener { target: target.clone(), kind, capture, callback })
    }
}

thread_local! {
    /// Listeners registered and not yet removed: the widget's own bookkeeping, so tests can
    /// check that `destroy()` leaves none behind.
    static LIVE_LISTENERS: std::cell::Cell<isize> = const { std::cell::Cell::new(0) };
}

fn count_listeners(change: isize) {
    let _ = LIVE_LISTENERS.try_with(|live| live.set(live.get() + change));
}

pub(crate) fn live_listeners() -> usize {
    LIVE_LISTENERS.try_with(|live| live.get().max(0) as usize).unwrap_or(0)
}

impl Drop for Listener {
    fn drop(&mut self) {
        let callback = self.callback.as_ref().unchecked_ref();
        // Removing a listener that is already gone is not an error worth surfacing in a Drop.
        let _ = self.target.remove_event_listener_with_callback_and_bool(self.kind, callback, self.capture);
        count_listeners(-1);
    }
}

/// Reports a problem nobody called for (a bad placeholder, a refused DOM change in an event
/// handler) on the console, with the element it concerns when there is one.
pub(crate) fn console_error(message: &JsValue, context: &JsValue) {
    web_sys::console::error_2(message, context);
}

/// Moves keyboard focus to `element`, one of the widget's own buttons (always an HTML element,
/// so no `instanceof` check is spent on it).
pub(crate) fn focus(button: &Element) {
    let _ = button.unchecked_ref::<HtmlElement>().focus();
}

/// Scrolls `element` to the top of the view.
pub(crate) fn scroll_to_top(element: &Element) {
    element.scroll_into_view_with_bool(true);
}

/// Brings `element` back into view if it is above the top of the view, leaving the page alone
/// otherwise: the reader stays where they were.
pub(crate) fn keep_in_view(element: &Element) {
    if element.get_bounding_client_rect().top() < 0.0 {
        element.scroll_into_view_with_bool(true);
    }
}

#[wasm_bindgen]
extern "C" {
    /// `globalThis.document`: undefined, not an error, where there is no page (a worker).
    /// Read directly rather than through `web_sys::window()`, whose global lookup costs more
    /// module than this whole accessor.
    #[wasm_bindgen(thread_local_v2, js_namespace = globalThis, js_name = document)]
    static DOCUMENT: Option<Document>;
}

/// The page's document, if there is a page.
fn page_document() -> Option<Document> {
    DOCUMENT.with(Clone::clone)
}

/// What `mount` was given: an Element, or a CSS selector for one.
pub(crate) fn find_target(target: &JsValue) -> Result<Element, String> {
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let Some(selector) = target.as_string() else {
        let got = if target.is_null() {
            "null"
        } else if target.is_undefined() {
            "undefined"
        } else {
            "something else"
        };
        return Err(["mount needs an Element or a CSS selector, got ", got].concat());
    };
    let document = page_document().ok_or("mount needs a page with a document")?;
    match document.query_selector(&selector) {
        Ok(Some(element)) => Ok(element),
        Ok(None) => Err(["no element matches '", &selector, "'"].concat()),
        Err(_) => Err(["'", &selector, "' is not a valid CSS selector"].concat()),
    }
}

/// The page's `data-reading-widget` placeholders, in document order.
pub(crate) fn placeholders() -> impl Iterator<Item = Element> {
    let found = page_document().and_then(|d| d.query_selector_all("[data-reading-widget]").ok());
    let count = found.as_ref().map_or(0, |found| found.length());
    (0..count).filter_map(move |i| found.as_ref()?.item(i)?.dyn_into::<Element>().ok())
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Object)]
    type PlainObject;
    #[wasm_bindgen(constructor, js_class = "Object")]
    fn new() -> PlainObject;
    #[wasm_bindgen(js_name = Array)]
    type PlainArray;
    #[wasm_bindgen(constructor, js_class = "Array")]
    fn new() -> PlainArray;
    #[wasm_bindgen(method, js_class = "Array")]
    fn push(this: &PlainArray, value: &JsValue) -> u32;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// A plain JS object `{ key: value, … }` for the host: what `state()` returns. Written by
/// hand: serde-wasm-bindgen's serializer cost 2.5 KB (gzip) of the size budget for this one
/// small object (measured with `make dist`).
pub(crate) fn plain_object(fields: &[(&str, JsValue)]) -> JsValue {
    let object: JsValue = PlainObject::new().into();
    for (key, value) in fields {
        reflect_set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// A JS array of strings.
pub(crate) fn string_array<'a>(items: impl Iterator<Item = &'a str>) -> JsValue {
    let array = PlainArray::new();
    for item in items {
        array.push(&JsValue::from_str(item));
    }
    array.into()
}

#[wasm_bindgen]
extern "C" {
    /// `catch`: a malformed escape like `%E0%A4%A` throws URIError.
    #[wasm_bindgen(js_name = decodeURIComponent, catch)]
    fn decode_uri_component(encoded: &str) -> Result<String, JsValue>;
}

/// The URL fragment without `#`, decoded, so ids in any script match: `#%EC%A0%84` is `전`.
pub(crate) fn location_fragment(window: &Window) -> Option<String> {
    let hash = window.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').filter(|f| !f.is_empty())?;
    decode_uri_component(fragment).ok()
}

/// The decoded start texts of the `#:~:text=` directives the page was opened with. Scripts
/// cannot see them in `location`; the navigation entry keeps the full URL.
pub(crate) fn text_fragments(window: &Window) -> Vec<String> {
    let Some(entry) = window.performance().map(|p| p.get_entries_by_type("navigation").get(0)) else {
        return Vec::new();
    };
    let url = entry.unchecked_ref::<web_sys::PerformanceEntry>().name();
    crate::fragment::text_starts(&url)
        .into_iter()
        .filter_map(|start| decode_uri_component(start).ok())
        .collect()
}

/// The page's path, which with the article's slug keys what the widget stores.
pub(crate) fn location_path(window: &Window) -> String {
    window.location().pathname().unwrap_or_default()
}

/// A value from sessionStorage. Storage can be missing or refuse (sandboxed frames, privacy
/// modes); that is simply nothing stored.
pub(crate) fn stored(window: &Window, key: &str) -> Option<String> {
    window.session_storage().ok().flatten()?.get_item(key).ok().flatten()
}

/// Stores a value in sessionStorage, quietly doing nothing where storage refuses.
pub(crate) fn store(window: &Window, key: &str, value: &str) {
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.set_item(key, value);
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
    /// If the page refuses a step, the `Host` built so far is dropped and hands back what it
    /// took.
    pub(crate) fn take_over(element: &Element, nodes: Vec<web_sys::Node>) -> Result<Host, JsValue> {
        let mut host = Host { element: element.clone(), found: Vec::new(), added: Vec::new() };
        while let Some(child) = element.first_child() {
            element.remove_child(&child)?;
            host.found.push(child);
        }
        for node in nodes {
            element.append_child(&node)?;
            host.added.push(node);
        }
        Ok(host)
    }

    pub(crate) fn element(&self) -> &Element {
        &self.element
    }

    /// Removes what the widget added, wherever the page has moved it, and puts the host's own
    /// children back, in order. Goes on past a failure, so one refusal loses nothing else.
    fn restore(&self) {
        for node in &self.added {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
        for node in &self.found {
            let _ = self.element.append_child(node);
        }
    }
}

/// Dropping the host hands it back: on `destroy()`, and on a mount that failed half-way.
impl Drop for Host {
    fn drop(&mut self) {
        self.restore();
    }
}
