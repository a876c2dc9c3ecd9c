//! What the browser tests (`tests/web_*.rs`) share: the article's fixed facts, a fresh
//! container per test, mounting, and the words the tests are written in (the mode control, a
//! section's button and panel, what is visible, what has focus, the widget's state).
//!
//! The widget renders into an open shadow root on its host by default, so the query helpers
//! look inside `host.shadowRoot` when there is one, and in the host itself otherwise (for
//! `{ shadow: false }`, whose tests use fresh containers that never held a shadow root).
//!
//! Each `tests/web_*.rs` file is a test crate of its own, run in a page of its own; the tests
//! of one file share that page. Many leave their widget mounted on a removed container, so
//! counts that are global to the page (listeners, the document's adopted sheets) are compared
//! as deltas. Every light-DOM widget is destroyed by its test, since the document's adopted
//! sheet is counted. A test that changes page CSS reads everything it needs, puts the page
//! back, and only then asserts: a failed assertion aborts the test where it stands, and must
//! not leave a hostile style behind for the next one.
//!
//! Every test file says `wasm_bindgen_test_configure!(run_in_browser);` itself: without it,
//! `wasm-pack test` skips that file's tests and still exits 0.

// Each test file is its own crate and uses a subset of these helpers; the rest would be
// reported as dead code in that crate.
#![allow(dead_code)]

pub(crate) mod events;

use reading_widget::ReadingWidget;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, HtmlElement, ShadowRoot};

pub(crate) const SLUG: &str = "ukraine-war-korean-war";

pub(crate) const SECTION_IDS: [&str; 4] = [
    "the-korean-war-could-reignite-in-ukraine",
    "the-dead-and-the-deserters",
    "did-north-korea-fall-for-a-putin-trap",
    "will-seoul-send-its-forces",
];

pub(crate) const LOADING: &str = "<p>Loading the article…</p>";

pub(crate) fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh, attached container with something in it, as a publisher's placeholder would be.
pub(crate) fn container() -> Element {
    container_in(&document().body().expect("body"))
}

pub(crate) fn container_in(parent: &web_sys::Node) -> Element {
    let doc = document();
    let host = doc.create_element("div").expect("div");
    host.set_attribute("class", "host").expect("class");
    let loading = doc.create_element("p").expect("p");
    loading.set_text_content(Some("Loading the article…"));
    host.append_child(&loading).expect("append");
    parent.append_child(&host).expect("append host");
    host
}

/// Mounts without persistence: tests share one page, and a state stored by one test must not
/// leak into the next. The persistence tests turn it on themselves.
pub(crate) fn mount(host: &Element) -> ReadingWidget {
    mount_with(host, r#"{"persist":false}"#)
}

pub(crate) fn mount_with(host: &Element, options_json: &str) -> ReadingWidget {
    ReadingWidget::mount(host.into(), options(options_json)).expect("mount")
}

/// `{ shadow: false }`: the widget renders into the host's light DOM.
pub(crate) fn mount_light(host: &Element) -> ReadingWidget {
    mount_with(host, r#"{"persist":false,"shadow":false}"#)
}

pub(crate) fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("json")
}

/// The host's open shadow root, where the widget renders by default.
pub(crate) fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root().expect("an open shadow root on the host")
}

/// The first match for `selector` in `root`'s shadow root if it has one, else in `root`.
pub(crate) fn query(root: &Element, selector: &str) -> HtmlElement {
    let found = match root.shadow_root() {
        Some(shadow) => shadow.query_selector(selector),
        None => root.query_selector(selector),
    };
    found
        .expect("selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .expect("an HTML element")
}

/// Every match for `selector` in `root`'s shadow root if it has one, else in `root`.
pub(crate) fn query_all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = match root.shadow_root() {
        Some(shadow) => shadow.query_selector_all(selector),
        None => root.query_selector_all(selector),
    }
    .expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// What has keyboard focus in the widget on `host`. Inside a shadow root the document only
/// knows that the host has it; the shadow root knows which of its elements.
pub(crate) fn focused(host: &Element) -> Option<Element> {
    match host.shadow_root() {
        Some(shadow) => shadow.active_element(),
        None => document().active_element(),
    }
}

pub(crate) fn is_focused(host: &Element, element: &HtmlElement) -> bool {
    focused(host).as_ref() == Some(AsRef::<Element>::as_ref(element))
}

#[wasm_bindgen]
extern "C" {
    /// An element seen only for `checkVisibility()`, which web-sys does not bind yet.
    type Checkable;
    /// False under `hidden`, `display: none` and the `content-visibility: hidden` that
    /// `hidden="until-found"` uses.
    #[wasm_bindgen(method, js_name = checkVisibility)]
    fn check_visibility(this: &Checkable) -> bool;

    /// A document or shadow root, seen only for `getAnimations()`.
    type Animated;
    #[wasm_bindgen(method, js_name = getAnimations)]
    fn get_animations(this: &Animated) -> js_sys::Array;
}

/// What a reader can see once any opening or closing animation is over.
pub(crate) fn is_visible(element: &HtmlElement) -> bool {
    finish_animations(element);
    element.unchecked_ref::<Checkable>().check_visibility()
}

/// Whether a folding container shows its content. `hidden="until-found"` keeps the container's
/// own (empty) box and hides what is inside, so look at its first child.
pub(crate) fn shows_content(container: &HtmlElement) -> bool {
    let first: Option<HtmlElement> = container.first_element_child().and_then(|child| child.dyn_into().ok());
    is_visible(container) && first.is_some_and(|child| is_visible(&child))
}

/// Jumps every running transition around `element` to its end, so visibility is what the
/// reader ends up with. A document's `getAnimations()` does not reach into shadow roots, so
/// ask the root `element` lives in.
pub(crate) fn finish_animations(element: &Element) {
    let root = element.get_root_node();
    for animation in root.unchecked_ref::<Animated>().get_animations().iter() {
        let finish = js_sys::Reflect::get(&animation, &"finish".into()).expect("finish");
        finish.unchecked_into::<js_sys::Function>().call0(&animation).expect("finish()");
    }
}

/// The computed value of a CSS property, as `getComputedStyle` reports it.
pub(crate) fn computed(element: &Element, property: &str) -> String {
    let window = web_sys::window().expect("window");
    let style = window.get_computed_style(element).expect("getComputedStyle").expect("a style");
    style.get_property_value(property).expect("a value")
}

/// A `<style>` in the document's head, as a publisher's page would have; `remove()` it after.
pub(crate) fn page_style(css: &str) -> Element {
    let style = document().create_element("style").expect("style");
    style.set_text_content(Some(css));
    document().head().expect("head").append_child(&style).expect("append style");
    style
}

pub(crate) fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

pub(crate) fn error_message(error: wasm_bindgen::JsError) -> String {
    let value: JsValue = error.into();
    assert!(value.is_instance_of::<js_sys::Error>(), "a JS Error, not {value:?}");
    String::from(value.unchecked_into::<js_sys::Error>().message())
}

pub(crate) fn mode_button(host: &Element) -> HtmlElement {
    query(host, "button.rw-mode")
}

pub(crate) fn section_button(host: &Element, id: &str) -> HtmlElement {
    query(host, &format!("button[data-rw-section=\"{id}\"]"))
}

pub(crate) fn panel(host: &Element, id: &str) -> HtmlElement {
    let button = section_button(host, id);
    query(host, &format!("#{}", button.get_attribute("aria-controls").expect("aria-controls")))
}

/// The control's label as a reader sees it: the text of its visible parts.
pub(crate) fn visible_text(control: &HtmlElement) -> String {
    query_all(control, "span").iter().filter(|s| is_visible(s)).map(|s| text(s)).collect()
}

pub(crate) fn mode(widget: &ReadingWidget) -> String {
    let state = widget.state().expect("state");
    js_sys::Reflect::get(&state, &"mode".into()).ok().and_then(|m| m.as_string()).unwrap_or_default()
}

pub(crate) fn expanded(widget: &ReadingWidget) -> Vec<String> {
    let state = widget.state().expect("state");
    let list = js_sys::Reflect::get(&state, &"expanded".into()).expect("expanded");
    js_sys::Array::from(&list).iter().filter_map(|id| id.as_string()).collect()
}

pub(crate) fn set_hash(hash: &str) {
    web_sys::window().expect("window").location().set_hash(hash).expect("hash");
}

pub(crate) fn hashchange() {
    let window = web_sys::window().expect("window");
    window.dispatch_event(&Event::new("hashchange").expect("event")).expect("dispatch");
}

pub(crate) fn session_storage() -> web_sys::Storage {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten()).expect("sessionStorage")
}

pub(crate) fn storage_key() -> String {
    let path = web_sys::window().expect("window").location().pathname().expect("path");
    format!("reading-widget:{path}:ukraine-war-korean-war")
}

/// The article files `wasm-pack test` builds the module with (`content/`), compiled here as
/// build.rs compiles them: what the view renders, for comparing the DOM with its markup.
const SOURCES: [(&str, &str); 1] =
    [("content/ukraine-war-korean-war.md", include_str!("../../content/ukraine-war-korean-war.md"))];

/// The model of the article with this slug, or of the first one.
fn model(slug: Option<&str>) -> Option<reading_widget::Article> {
    let mut articles = SOURCES.iter().filter_map(|(path, text)| content::compile(path, text).ok());
    articles.find(|article| slug.is_none_or(|slug| article.slug == slug))
}

/// The static markup a page pre-renders for the article (`reading_widget::prerender`).
pub(crate) fn prerender(slug: Option<&str>, full: bool, prefix: &str, shadow: bool) -> Option<String> {
    model(slug).map(|article| reading_widget::prerender(&article, full, prefix, shadow))
}

/// The markup the module renders live for the article (`reading_widget::render_live`).
pub(crate) fn render_live(slug: Option<&str>, full: bool, prefix: &str, shadow: bool) -> Option<String> {
    model(slug).map(|article| reading_widget::render_live(&article, full, prefix, shadow))
}
