//! The one place that talks to web-sys: builds the view into live nodes, flips the switched
//! attributes, owns event listeners, and hands the host element back as it was found.

use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use web_sys::js_sys::Array;
use web_sys::{
    CssStyleSheet, CustomEvent, CustomEventInit, Document, Element, Event, EventTarget, HtmlElement,
    ShadowRoot, ShadowRootInit, ShadowRootMode, Window,
};

use crate::node::Node;
use crate::state::State;
use crate::view::{switch_attr, Switch};

/// The stylesheet that ships inside the module (`src/styles.css`, minified by build.rs).
pub(crate) const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/styles.css"));

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

thread_local! {
    /// The one constructed stylesheet every widget adopts: parsed once, and never a `<style>`
    /// element, which a strict `style-src` would block.
    static SHEET: std::cell::OnceCell<Option<CssStyleSheet>> = const { std::cell::OnceCell::new() };
}

fn sheet() -> Result<CssStyleSheet, JsValue> {
    SHEET
        .try_with(|sheet| {
            sheet
                .get_or_init(|| {
                    let sheet = CssStyleSheet::new().ok()?;
                    sheet.replace_sync(STYLES).ok()?;
                    Some(sheet)
                })
                .clone()
        })
        .ok()
        .flatten()
        .ok_or_else(|| JsValue::from_str("this browser cannot construct stylesheets (CSSStyleSheet)"))
}

/// `sheets` with `sheet` added (once) or taken out: `adoptedStyleSheets` is replaced whole,
/// never edited in place, and the host's own sheets keep their order.
fn with_sheet(sheets: Array, sheet: &CssStyleSheet, adopt: bool) -> Array {
    let kept = Array::new();
    let sheet: &JsValue = sheet.as_ref();
    for index in 0..sheets.length() {
        let other = sheets.get(index);
        if other != *sheet {
            kept.push(&other);
        }
    }
    if adopt {
        kept.push(sheet);
    }
    kept
}

/// Sends `kind` (a `readingwidget:…` event) from the host element, bubbling and composed, so
/// a listener anywhere above it hears it, even outside an enclosing shadow root. A listener
/// that throws is the browser's to report; it does not stop the widget.
pub(crate) fn tell_host(host: &Element, kind: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(kind, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// An event listener that removes itself when dropped (the gloo-events pattern), so the owner
/// of a listener decides how long it lives and nothing outlives the widget.
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn Fn(Event)>,
}

impl Listener {
    /// Listens in the capture phase when `capture` is set, for events that may not bubble.
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        handler: impl Fn(Event) + 'static,
    ) -> Result<Self, JsValue> {
        let callback = Closure::<dyn Fn(Event)>::new(handler);
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

/// What `mount` or `get` (the `caller`) was given: an Element, or a CSS selector for one.
pub(crate) fn find_target(target: &JsValue, caller: &str) -> Result<Element, String> {
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
        return Err([caller, " needs an Element or a CSS selector, got ", got].concat());
    };
    let document = page_document().ok_or_else(|| [caller, " needs a page with a document"].concat())?;
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
    // Checked, not assumed: a page (or a script wrapping the Performance API) may have no
    // navigation entry, and a call on `undefined` would throw through the module.
    let entry = window.performance().map(|p| p.get_entries_by_type("navigation").get(0));
    let Some(Ok(entry)) = entry.map(|entry| entry.dyn_into::<web_sys::PerformanceEntry>()) else {
        return Vec::new();
    };
    let url = entry.name();
    // Only on the page that was loaded: after a single-page app moves to another path, the
    // entry still holds the first URL, whose directives are about another page.
    let here = window.location().href().ok();
    if page_part(&url).is_none() || page_part(&url) != here.as_deref().and_then(page_part) {
        return Vec::new();
    }
    crate::fragment::text_starts(&url)
        .into_iter()
        .filter_map(|start| decode_uri_component(start).ok())
        .collect()
}

/// A URL without its fragment (a byte search: see `fragment::contains_text`).
fn page_part(url: &str) -> Option<&str> {
    url.get(..url.bytes().position(|byte| byte == b'#').unwrap_or(url.len()))
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

#[wasm_bindgen]
extern "C" {
    /// A Document or a ShadowRoot: the nodes that hold adopted stylesheets and know which
    /// element has focus. One type for both, so a light-DOM widget inside someone else's
    /// shadow root is styled there, not in the document whose rules could not reach it.
    type StyleScope;
    #[wasm_bindgen(method, getter, js_name = adoptedStyleSheets)]
    fn adopted(this: &StyleScope) -> Array;
    /// `catch`: a sheet made in one document is refused by another (an iframe's).
    #[wasm_bindgen(method, setter, js_name = adoptedStyleSheets, catch)]
    fn set_adopted(this: &StyleScope, sheets: &Array) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = activeElement)]
    fn active_element(this: &StyleScope) -> Option<Element>;
    #[wasm_bindgen(method, js_name = querySelector, catch)]
    fn query_selector(this: &StyleScope, selectors: &str) -> Result<Option<Element>, JsValue>;
}

impl StyleScope {
    /// Adds the sheet once, or takes it out; the scope's other sheets keep their order.
    fn adopt(&self, sheet: &CssStyleSheet, adopt: bool) -> Result<(), JsValue> {
        self.set_adopted(&with_sheet(self.adopted(), sheet, adopt))
    }
}

/// The scope a light-DOM host sits in: the shadow root around it, or its document.
fn scope_around(element: &Element) -> Result<StyleScope, JsValue> {
    let root = element.get_root_node();
    // 9 and 11: a Document, or a ShadowRoot (a DocumentFragment). A detached host's root is an
    // ordinary element; its document is where it will be shown.
    if matches!(root.node_type(), 9 | 11) {
        return Ok(root.unchecked_into());
    }
    let document =
        element.owner_document().ok_or_else(|| JsValue::from_str("the host is not in a document"))?;
    Ok(document.unchecked_into())
}

/// The root element of a light-DOM widget, for telling whether any is left in a scope.
const LIGHT_WIDGET: &str = "article.rw[part=root]";

/// The host element, and where the widget's nodes went: the host's shadow root, where host
/// page CSS cannot reach them, or the host itself, in place of its own children.
pub(crate) struct Host {
    element: Element,
    /// The widget's own shadow root, or none for the light DOM.
    shadow: Option<ShadowRoot>,
    /// Where the sheet is adopted and focus is looked for: the shadow root, or for the light
    /// DOM the document or shadow root the host is in.
    scope: StyleScope,
    /// Light DOM only: the host's own children, set aside while the widget shows.
    found: Vec<web_sys::Node>,
    added: Vec<web_sys::Node>,
    /// `restore` runs once: on `destroy()`, which takes the widget off at once, or on drop.
    restored: Cell<bool>,
}

impl Host {
    /// Puts `nodes` into the host and adopts the stylesheet where they are.
    ///
    /// In a shadow root, the host's own children (a loading message, a fallback for readers
    /// without WebAssembly) stay where they are, unrendered because nothing slots them. In the
    /// light DOM they are set aside. If the page refuses a step, the `Host` built so far is
    /// dropped and hands back what it took.
    pub(crate) fn take_over(
        element: &Element,
        nodes: Vec<web_sys::Node>,
        shadow: bool,
    ) -> Result<Host, JsValue> {
        let sheet = sheet()?;
        let shadow = if shadow { Some(shadow_root_for(element)?) } else { None };
        let scope = match &shadow {
            Some(root) => root.clone().unchecked_into(),
            None => scope_around(element)?,
        };
        let restored = Cell::new(false);
        let mut host =
            Host { element: element.clone(), shadow, scope, found: Vec::new(), added: Vec::new(), restored };
        host.scope.adopt(&sheet, true)?;
        let container: web_sys::Node = match &host.shadow {
            Some(root) => root.clone().into(),
            None => {
                while let Some(child) = element.first_child() {
                    element.remove_child(&child)?;
                    host.found.push(child);
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

    pub(crate) fn element(&self) -> &Element {
        &self.element
    }

    /// The focused element, looked for where the widget's nodes are: inside a shadow root the
    /// document only knows that the host has focus.
    pub(crate) fn active_element(&self) -> Option<Element> {
        self.scope.active_element()
    }

    /// Removes what the widget added, wherever the page has moved it, and gives the host its
    /// rendering back; once. Goes on past a failure, so one refusal loses nothing else.
    pub(crate) fn restore(&self) {
        if self.restored.replace(true) {
            return;
        }
        for node in &self.added {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
        for node in &self.found {
            let _ = self.element.append_child(node);
        }
        // The sheet stays while another light-DOM widget in the same scope still needs it.
        let in_use = self.shadow.is_none() && matches!(self.scope.query_selector(LIGHT_WIDGET), Ok(Some(_)));
        if let (Ok(sheet), false) = (sheet(), in_use) {
            let _ = self.scope.adopt(&sheet, false);
        }
        // A shadow root cannot be detached. Left empty but for our marked default <slot>, it
        // renders the host's own children exactly as before, and a later mount reuses it.
        if let (Some(root), Some(document)) = (&self.shadow, self.element.owner_document()) {
            if let Ok(slot) = document.create_element("slot") {
                let _ = slot.set_attribute(OUR_SLOT, "");
                let _ = root.append_child(&slot);
            }
        }
    }
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

/// The elements HTML lets hold a shadow root, besides custom elements.
const SHADOW_HOSTS: [&str; 18] = [
    "article",
    "aside",
    "blockquote",
    "body",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "p",
    "section",
    "span",
];

const OWN_SHADOW_ROOT: &str =
    "this element already has a shadow root of its own; mount into an element inside it, or pass { shadow: false }";

/// The host's shadow root: a new open one, or the one a destroyed widget left (nothing in
/// it but our marked `<slot>`). Any other shadow root belongs to someone else.
fn shadow_root_for(element: &Element) -> Result<ShadowRoot, JsValue> {
    if let Some(root) = element.shadow_root() {
        let only_our_slot = root.child_nodes().length() == 1
            && root.first_element_child().is_some_and(|only| only.has_attribute(OUR_SLOT));
        if !only_our_slot {
            return Err(JsValue::from_str(OWN_SHADOW_ROOT));
        }
        while let Some(child) = root.first_child() {
            root.remove_child(&child)?;
        }
        return Ok(root);
    }
    element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| {
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
    })
}
