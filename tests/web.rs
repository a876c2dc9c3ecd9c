//! Browser tests: the widget mounted for real, driven with real clicks, in Chrome, Firefox and
//! WebKit (`make test` runs all three). Each test gets a fresh container in the page.
//!
//! The widget renders into an open shadow root on its host by default, so the query helpers
//! look inside `host.shadowRoot` when there is one, and in the host itself otherwise (for
//! `{ shadow: false }`, whose tests use fresh containers that never held a shadow root).
//!
//! Tests share one page: many leave their widget mounted on a removed container, so counts
//! that are global to the page (listeners, the document's adopted sheets) are compared as
//! deltas. Every light-DOM widget is destroyed by its test, since the document's adopted
//! sheet is counted. A test that changes page CSS reads everything it needs, puts the page
//! back, and only then asserts: a failed assertion aborts the test where it stands, and must
//! not leave a hostile style behind for the next one.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use reading_widget::{prerender, ReadingWidget};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CustomEvent, Document, Element, Event, EventTarget, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = include_str!("../content/ukraine-war-korean-war.md");
const SLUG: &str = "ukraine-war-korean-war";
const SECTION_IDS: [&str; 4] = [
    "the-korean-war-could-reignite-in-ukraine",
    "the-dead-and-the-deserters",
    "did-north-korea-fall-for-a-putin-trap",
    "will-seoul-send-its-forces",
];
const LOADING: &str = "<p>Loading the article…</p>";

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh, attached container with something in it, as a publisher's placeholder would be.
fn container() -> Element {
    container_in(&document().body().expect("body"))
}

fn container_in(parent: &web_sys::Node) -> Element {
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
fn mount(host: &Element) -> ReadingWidget {
    mount_with(host, r#"{"persist":false}"#)
}

fn mount_with(host: &Element, options_json: &str) -> ReadingWidget {
    ReadingWidget::mount(host.into(), options(options_json)).expect("mount")
}

/// `{ shadow: false }`: the widget renders into the host's light DOM.
fn mount_light(host: &Element) -> ReadingWidget {
    mount_with(host, r#"{"persist":false,"shadow":false}"#)
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("json")
}

/// The host's open shadow root, where the widget renders by default.
fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root().expect("an open shadow root on the host")
}

/// The first match for `selector` in `root`'s shadow root if it has one, else in `root`.
fn query(root: &Element, selector: &str) -> HtmlElement {
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
fn query_all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = match root.shadow_root() {
        Some(shadow) => shadow.query_selector_all(selector),
        None => root.query_selector_all(selector),
    }
    .expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// What has keyboard focus in the widget on `host`. Inside a shadow root the document only
/// knows that the host has it; the shadow root knows which of its elements.
fn focused(host: &Element) -> Option<Element> {
    match host.shadow_root() {
        Some(shadow) => shadow.active_element(),
        None => document().active_element(),
    }
}

fn is_focused(host: &Element, element: &HtmlElement) -> bool {
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
fn is_visible(element: &HtmlElement) -> bool {
    finish_animations(element);
    element.unchecked_ref::<Checkable>().check_visibility()
}

/// Whether a folding container shows its content. `hidden="until-found"` keeps the container's
/// own (empty) box and hides what is inside, so look at its first child.
fn shows_content(container: &HtmlElement) -> bool {
    let first: Option<HtmlElement> = container.first_element_child().and_then(|child| child.dyn_into().ok());
    is_visible(container) && first.is_some_and(|child| is_visible(&child))
}

/// Jumps every running transition around `element` to its end, so visibility is what the
/// reader ends up with. A document's `getAnimations()` does not reach into shadow roots, so
/// ask the root `element` lives in.
fn finish_animations(element: &Element) {
    let root = element.get_root_node();
    for animation in root.unchecked_ref::<Animated>().get_animations().iter() {
        let finish = js_sys::Reflect::get(&animation, &"finish".into()).expect("finish");
        finish.unchecked_into::<js_sys::Function>().call0(&animation).expect("finish()");
    }
}

/// The computed value of a CSS property, as `getComputedStyle` reports it.
fn computed(element: &Element, property: &str) -> String {
    let window = web_sys::window().expect("window");
    let style = window.get_computed_style(element).expect("getComputedStyle").expect("a style");
    style.get_property_value(property).expect("a value")
}

/// A `<style>` in the document's head, as a publisher's page would have; `remove()` it after.
fn page_style(css: &str) -> Element {
    let style = document().create_element("style").expect("style");
    style.set_text_content(Some(css));
    document().head().expect("head").append_child(&style).expect("append style");
    style
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn error_message(error: wasm_bindgen::JsError) -> String {
    let value: JsValue = error.into();
    assert!(value.is_instance_of::<js_sys::Error>(), "a JS Error, not {value:?}");
    String::from(value.unchecked_into::<js_sys::Error>().message())
}

fn mode_button(host: &Element) -> HtmlElement {
    query(host, "button[data-rw-action=mode]")
}

fn section_button(host: &Element, id: &str) -> HtmlElement {
    query(host, &format!("button[data-rw-section=\"{id}\"]"))
}

fn panel(host: &Element, id: &str) -> HtmlElement {
    let button = section_button(host, id);
    query(host, &format!("#{}", button.get_attribute("aria-controls").expect("aria-controls")))
}

/// The body's bullets, headings and paragraphs, read straight from the Markdown.
struct Source {
    bullets: Vec<String>,
    headings: Vec<String>,
    paragraphs: Vec<String>,
}

fn source() -> Source {
    let body = ARTICLE.splitn(3, "+++").nth(2).expect("a body after the front matter");
    let mut source = Source { bullets: vec![], headings: vec![], paragraphs: vec![] };
    for line in body.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if let Some(bullet) = line.strip_prefix("- ") {
            source.bullets.push(bullet.to_owned());
        } else if let Some(heading) = line.strip_prefix("## ") {
            source.headings.push(heading.to_owned());
        } else {
            source.paragraphs.push(line.to_owned());
        }
    }
    source
}

#[wasm_bindgen_test]
fn every_paragraph_heading_and_bullet_is_rendered() {
    let host = container();
    let _widget = mount(&host);
    let source = source();
    assert_eq!((source.bullets.len(), source.headings.len()), (3, 4));

    let bullets: Vec<String> = query_all(&host, ".rw-summary-list li").iter().map(|li| text(li)).collect();
    assert_eq!(bullets, source.bullets);
    let headings: Vec<String> = query_all(&host, ".rw-section-heading").iter().map(|h| text(h)).collect();
    assert_eq!(headings, source.headings);
    let paragraphs: Vec<String> = query_all(&host, ".rw-panel p").iter().map(|p| text(p)).collect();
    assert_eq!(paragraphs, source.paragraphs);

    let all = shadow(&host).text_content().unwrap_or_default();
    for expected in [
        "The Ukraine War Could Be the Spark to Restart the Korean War",
        "Though Seoul could also provide small arms",
        "Peter Suciu is a Michigan-based writer.",
        "Creative Commons and/or Shutterstock.",
        "October 23, 2024",
    ] {
        assert!(all.contains(expected), "missing: {expected}");
    }
    assert_eq!(query(&host, "time").get_attribute("datetime").as_deref(), Some("2024-10-23"));
    assert_eq!(query(&host, "article").get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(text(&query(&host, "h1")), "The Ukraine War Could Be the Spark to Restart the Korean War");
    host.remove();
}

#[wasm_bindgen_test]
fn summary_mode_shows_the_bullets_and_hides_the_sections() {
    let host = container();
    let widget = mount(&host);
    assert!(query_all(&host, ".rw-summary-list li").iter().all(is_visible));
    assert!(query_all(&host, ".rw-section").iter().all(|s| !is_visible(s)));
    assert!(query_all(&host, ".rw-panel p").iter().all(|p| !is_visible(p)));
    let state = widget.state().expect("state");
    assert_eq!(
        js_sys::JSON::stringify(&state).expect("json"),
        r#"{"article":"ukraine-war-korean-war","mode":"summary","expanded":["the-korean-war-could-reignite-in-ukraine","the-dead-and-the-deserters","did-north-korea-fall-for-a-putin-trap","will-seoul-send-its-forces"]}"#
    );
    host.remove();
}

#[wasm_bindgen_test]
fn clicking_the_control_shows_everything_and_clicking_again_returns_to_the_summary() {
    let host = container();
    let widget = mount(&host);
    let control = mode_button(&host);
    assert_eq!(visible_text(&control), "Read the full article · 3 min");
    control.focus().expect("focus");

    control.click();
    assert!(query_all(&host, ".rw-panel p").iter().all(is_visible));
    assert!(query_all(&host, ".rw-summary-list li").iter().all(is_visible));
    assert_eq!(control.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(visible_text(&control), "Back to the summary");
    assert_eq!(mode(&widget), "full");

    control.click();
    assert!(query_all(&host, ".rw-panel p").iter().all(|p| !is_visible(p)));
    assert_eq!(control.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(visible_text(&control), "Read the full article · 3 min");
    assert_eq!(mode(&widget), "summary");
    // The control was flipped, not rebuilt, so focus stayed on it.
    assert!(is_focused(&host, &control));
    // The page sees only that focus is in the host; the shadow root knows where.
    assert!(document().active_element().as_ref() == Some(&host));
    host.remove();
}

/// The control's label as a reader sees it: the text of its visible parts.
fn visible_text(control: &HtmlElement) -> String {
    query_all(control, "span").iter().filter(|s| is_visible(s)).map(|s| text(s)).collect()
}

fn mode(widget: &ReadingWidget) -> String {
    let state = widget.state().expect("state");
    js_sys::Reflect::get(&state, &"mode".into()).ok().and_then(|m| m.as_string()).unwrap_or_default()
}

fn expanded(widget: &ReadingWidget) -> Vec<String> {
    let state = widget.state().expect("state");
    let list = js_sys::Reflect::get(&state, &"expanded".into()).expect("expanded");
    js_sys::Array::from(&list).iter().filter_map(|id| id.as_string()).collect()
}

#[wasm_bindgen_test]
fn section_buttons_fold_and_unfold_their_own_section() {
    let host = container();
    let widget = ReadingWidget::mount(host.clone().into(), options(r#"{"mode":"full","persist":false}"#))
        .expect("mount");
    let button = section_button(&host, SECTION_IDS[1]);
    let panel = query(&host, &format!("#{}", button.get_attribute("aria-controls").expect("aria-controls")));
    assert!(shows_content(&panel));

    button.click();
    assert!(!shows_content(&panel));
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(expanded(&widget), [SECTION_IDS[0], SECTION_IDS[2], SECTION_IDS[3]]);
    // Its neighbours are untouched.
    for id in [SECTION_IDS[0], SECTION_IDS[2]] {
        assert_eq!(section_button(&host, id).get_attribute("aria-expanded").as_deref(), Some("true"));
    }

    button.click();
    assert!(shows_content(&panel));
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(expanded(&widget).len(), 4);
    host.remove();
}

#[wasm_bindgen_test]
fn the_summary_box_folds_with_its_own_button() {
    let host = container();
    let _widget = mount(&host);
    let button = query(&host, "button[data-rw-action=summary]");
    assert_eq!(text(&button), "What You Need to Know");
    button.click();
    assert!(query_all(&host, ".rw-summary-list li").iter().all(|li| !is_visible(li)));
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    button.click();
    assert!(query_all(&host, ".rw-summary-list li").iter().all(is_visible));
    host.remove();
}

/// Every visible button with `aria-controls` says `aria-expanded="true"` exactly when what it
/// controls is visible.
fn assert_aria_matches_visibility(host: &Element, step: &str) {
    for button in query_all(host, "button[aria-expanded][aria-controls]").iter().filter(|b| is_visible(b)) {
        let controlled = query(host, &format!("#{}", button.get_attribute("aria-controls").expect("id")));
        let expanded = button.get_attribute("aria-expanded").as_deref() == Some("true");
        assert_eq!(expanded, shows_content(&controlled), "after {step}: {}", text(button));
    }
}

#[wasm_bindgen_test]
fn aria_expanded_always_matches_what_is_visible() {
    let host = container();
    let widget = mount(&host);
    assert_aria_matches_visibility(&host, "mount");
    let steps: [(&str, &dyn Fn()); 9] = [
        ("click mode", &|| mode_button(&host).click()),
        ("fold section 1", &|| section_button(&host, SECTION_IDS[0]).click()),
        ("fold section 4", &|| section_button(&host, SECTION_IDS[3]).click()),
        ("fold summary", &|| query(&host, "button[data-rw-action=summary]").click()),
        ("api showSummary", &|| widget.show_summary().expect("showSummary")),
        ("api expandSection", &|| widget.expand_section(SECTION_IDS[3]).expect("expand")),
        ("api collapseSection", &|| widget.collapse_section(SECTION_IDS[1]).expect("collapse")),
        ("api toggle", &|| widget.toggle().expect("toggle")),
        ("api showFull", &|| widget.show_full().expect("showFull")),
    ];
    for (step, act) in steps {
        act();
        assert_aria_matches_visibility(&host, step);
    }
    host.remove();
}

#[wasm_bindgen_test]
fn expanding_a_section_from_the_summary_shows_the_full_text() {
    let host = container();
    let widget = mount(&host);
    widget.collapse_section(SECTION_IDS[2]).expect("collapse");
    assert_eq!(mode(&widget), "summary");
    widget.expand_section(SECTION_IDS[2]).expect("expand");
    assert_eq!(mode(&widget), "full");
    assert!(is_visible(&section_button(&host, SECTION_IDS[2])));
    host.remove();
}

#[wasm_bindgen_test]
fn toggling_flips_attributes_and_never_rebuilds_the_dom() {
    let host = container();
    let widget = mount(&host);
    let elements_before = query_all(&host, "*");
    let paragraph = query(&host, ".rw-panel p");
    for _ in 0..3 {
        mode_button(&host).click();
        section_button(&host, SECTION_IDS[0]).click();
        widget.toggle().expect("toggle");
    }
    let elements_after = query_all(&host, "*");
    assert_eq!(elements_before.len(), elements_after.len());
    assert!(elements_before.iter().zip(&elements_after).all(|(a, b)| a == b));
    assert!(paragraph.is_connected());
    host.remove();
}

#[wasm_bindgen_test]
fn bad_input_is_answered_with_an_error_naming_the_problem() {
    let host = container();
    let cases: Vec<(JsValue, JsValue, &str)> = vec![
        ("#nowhere".into(), JsValue::UNDEFINED, "no element matches '#nowhere'"),
        ("##".into(), JsValue::UNDEFINED, "'##' is not a valid CSS selector"),
        (JsValue::NULL, JsValue::UNDEFINED, "mount needs an Element or a CSS selector, got null"),
        (
            host.clone().into(),
            options(r#"{"colour":"red"}"#),
            "unknown option 'colour'; the options are: mode, article, labels, persist, shadow",
        ),
        (host.clone().into(), options(r#"{"mode":"wide"}"#), "unknown mode 'wide'; use 'summary' or 'full'"),
        (host.clone().into(), 5.into(), "options must be an object like { mode: 'full' } (got number)"),
        (host.clone().into(), options(r#"{"mode":5}"#), "the 'mode' option must be a string (got number)"),
        (
            host.clone().into(),
            options(r#"{"article":"nope"}"#),
            "unknown article 'nope'; the compiled-in articles are: ukraine-war-korean-war",
        ),
    ];
    for (target, options, expected) in cases {
        match ReadingWidget::mount(target, options) {
            Ok(widget) => {
                widget.destroy().expect("destroy");
                panic!("mounted, but expected: {expected}");
            }
            Err(error) => assert_eq!(error_message(error), expected),
        }
    }
    // None of those touched the host.
    assert_eq!(host.inner_html(), LOADING);

    let widget = mount(&host);
    let error = widget.expand_section("nope").expect_err("an error");
    assert_eq!(
        error_message(error),
        "unknown section 'nope'; the sections are: the-korean-war-could-reignite-in-ukraine, \
         the-dead-and-the-deserters, did-north-korea-fall-for-a-putin-trap, will-seoul-send-its-forces"
    );
    let error = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).err().expect("an error");
    assert_eq!(error_message(error), "this element already hosts a reading widget; destroy() it first");

    widget.destroy().expect("destroy");
    for error in [widget.toggle().err(), widget.state().err(), widget.destroy().err()] {
        let error = error.expect("an error after destroy");
        assert_eq!(error_message(error), "this reading widget was destroyed; mount a new one");
    }
    host.remove();
}

#[wasm_bindgen_test]
fn destroy_leaves_the_host_as_it_found_it() {
    let host = container();
    host.set_attribute("data-note", "publisher's").expect("attribute");
    let before = host.outer_html();
    let loading: HtmlElement = host.first_element_child().expect("a child").dyn_into().expect("html");
    assert!(is_visible(&loading));

    let widget = mount(&host);
    // The host's own children stay where they are, unrendered: nothing slots them.
    assert_eq!(host.outer_html(), before, "the light DOM is not touched");
    assert!(!is_visible(&loading), "the loading message is not shown under the widget");
    mode_button(&host).click();
    section_button(&host, SECTION_IDS[1]).click();
    widget.destroy().expect("destroy");

    let root = shadow(&host);
    assert_eq!(host.outer_html(), before);
    assert!(host.first_child().as_ref() == Some(loading.as_ref()), "the same node is still there");
    assert_eq!(root.inner_html(), "<slot></slot>", "the shadow root renders the host's children");
    assert_eq!(root.adopted_style_sheets().length(), 0, "the widget's sheet is gone");
    assert!(is_visible(&loading), "the loading message shows again");

    // A second widget mounts where the first one was, in the same shadow root, and works.
    let again = mount(&host);
    assert!(host.shadow_root().as_ref() == Some(&root), "the shadow root is reused");
    assert_eq!(root.adopted_style_sheets().length(), 1);
    assert!(!is_visible(&loading));
    mode_button(&host).click();
    assert_eq!(mode(&again), "full");
    assert!(query_all(&host, ".rw-panel p").iter().all(is_visible));
    again.destroy().expect("destroy");
    assert_eq!(host.outer_html(), before);
    assert_eq!(root.inner_html(), "<slot></slot>");
    assert_eq!(root.adopted_style_sheets().length(), 0);
    assert!(is_visible(&loading));
    host.remove();
}

#[wasm_bindgen_test]
fn destroy_in_the_light_dom_gives_the_host_its_own_children_back() {
    let host = container();
    host.set_attribute("data-note", "publisher's").expect("attribute");
    let before = host.outer_html();
    let loading = host.first_child().expect("a child");

    let widget = mount_light(&host);
    assert!(host.shadow_root().is_none(), "no shadow root with {{ shadow: false }}");
    assert!(!loading.is_connected(), "the placeholder's content is set aside while mounted");
    assert_eq!(host.child_element_count(), 1, "the widget's root alone");
    mode_button(&host).click();
    section_button(&host, SECTION_IDS[1]).click();
    widget.destroy().expect("destroy");

    assert_eq!(host.outer_html(), before);
    assert!(host.first_child().as_ref() == Some(&loading), "the same node came back");
    // A second widget can mount where the first one was.
    let again = mount_light(&host);
    mode_button(&host).click();
    assert_eq!(mode(&again), "full");
    again.destroy().expect("destroy");
    assert_eq!(host.outer_html(), before);
    assert!(host.shadow_root().is_none());
    host.remove();
}

#[wasm_bindgen_test]
fn the_dom_matches_the_native_html_render_byte_for_byte() {
    for (full, mode_option) in
        [(false, r#"{"mode":"summary","persist":false}"#), (true, r#"{"mode":"full","persist":false}"#)]
    {
        let host = container();
        let _widget = mount_with(&host, mode_option);
        // The shadow root holds the widget's root and nothing else (the sheet is adopted).
        let root = shadow(&host);
        assert_eq!(root.child_nodes().length(), 1);
        let article = root.first_element_child().expect("the widget's root");
        let title_id = article.get_attribute("aria-labelledby").expect("aria-labelledby");
        let prefix = title_id.strip_suffix("title").expect("an id prefix");
        let expected = prerender(None, full, prefix).expect("prerender");
        assert_eq!(article.outer_html(), expected);
        host.remove();
    }
}

#[wasm_bindgen_test]
fn two_widgets_have_distinct_ids_and_independent_state() {
    let (first_host, second_host) = (container(), container());
    let first = mount(&first_host);
    let second = mount(&second_host);
    first.show_full().expect("showFull");
    assert_eq!((mode(&first).as_str(), mode(&second).as_str()), ("full", "summary"));
    let ids = |host: &Element| -> Vec<String> { query_all(host, "[id]").iter().map(|e| e.id()).collect() };
    let first_ids = ids(&first_host);
    assert!(!first_ids.is_empty());
    assert!(ids(&second_host).iter().all(|id| !first_ids.contains(id)));
    first_host.remove();
    second_host.remove();
}

// Reading experience (WAI-ARIA APG accordion, find-in-page, deep links, persistence, labels)

fn press(target: &HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
fn arrow_keys_home_and_end_move_between_section_headers() {
    let host = container();
    let widget = mount(&host);
    widget.show_full().expect("showFull");
    let buttons: Vec<HtmlElement> = SECTION_IDS.iter().map(|id| section_button(&host, id)).collect();
    buttons[0].focus().expect("focus");
    let at = |i: usize| is_focused(&host, &buttons[i]);

    press(&buttons[0], "ArrowDown");
    assert!(at(1));
    press(&buttons[1], "ArrowDown");
    assert!(at(2));
    press(&buttons[2], "End");
    assert!(at(3));
    press(&buttons[3], "ArrowDown");
    assert!(at(0), "Down on the last header wraps to the first");
    press(&buttons[0], "ArrowUp");
    assert!(at(3), "Up on the first header wraps to the last");
    press(&buttons[3], "Home");
    assert!(at(0));
    // Other keys are left to the button: nothing moves.
    press(&buttons[0], "a");
    assert!(at(0));
    host.remove();
}

#[wasm_bindgen_test]
fn panels_are_regions_labelled_by_their_header_buttons() {
    let host = container();
    let _widget = mount(&host);
    for id in SECTION_IDS {
        let button = section_button(&host, id);
        let panel = query(&host, &format!("#{}", button.get_attribute("aria-controls").expect("controls")));
        assert_eq!(panel.get_attribute("role").as_deref(), Some("region"));
        assert_eq!(panel.get_attribute("aria-labelledby"), Some(button.id()));
        // The heading holds exactly the button (APG accordion header).
        let heading = button.parent_element().expect("heading");
        assert_eq!(heading.tag_name(), "H2");
        assert_eq!(heading.child_element_count(), 1);
    }
    host.remove();
}

#[wasm_bindgen_test]
fn the_live_region_announces_each_mode() {
    let host = container();
    let _widget = mount(&host);
    let status = query(&host, "[role=status]");
    assert_eq!(text(&status), "", "nothing is announced on load");
    mode_button(&host).click();
    assert_eq!(text(&status), "Full article shown, 4 sections");
    mode_button(&host).click();
    assert_eq!(text(&status), "Summary shown");
    host.remove();
}

#[wasm_bindgen_test]
fn expand_all_and_collapse_all_switch_every_section() {
    let host = container();
    let widget = mount(&host);
    widget.show_full().expect("showFull");
    let all = query(&host, "button[data-rw-action=all]");
    assert_eq!(visible_text(&all), "Collapse all", "every section starts open");
    all.click();
    assert!(expanded(&widget).is_empty());
    assert_eq!(visible_text(&all), "Expand all");
    section_button(&host, SECTION_IDS[2]).click();
    assert_eq!(visible_text(&all), "Expand all", "one open section is not all");
    all.click();
    assert_eq!(expanded(&widget).len(), 4);
    assert_eq!(visible_text(&all), "Collapse all");
    host.remove();
}

#[wasm_bindgen_test]
fn focus_inside_folded_text_moves_to_the_control_that_folded_it() {
    let host = container();
    let widget = mount(&host);
    widget.show_full().expect("showFull");
    let button = section_button(&host, SECTION_IDS[1]);
    button.focus().expect("focus");
    widget.show_summary().expect("showSummary");
    assert!(is_focused(&host, &mode_button(&host)));
    host.remove();
}

#[wasm_bindgen_test]
fn folded_text_is_hidden_until_found_and_beforematch_opens_it() {
    let host = container();
    let widget = mount(&host);
    widget.collapse_section(SECTION_IDS[2]).expect("collapse");
    let full = query(&host, ".rw-full");
    assert_eq!(full.get_attribute("hidden").as_deref(), Some("until-found"));

    // What the browser does when find-in-page lands in the full text: beforematch, then it
    // removes `hidden` itself. The widget's state must follow.
    full.dispatch_event(&web_sys::Event::new("beforematch").expect("event")).expect("dispatch");
    assert_eq!(mode(&widget), "full");
    assert_eq!(mode_button(&host).get_attribute("aria-expanded").as_deref(), Some("true"));

    let button = section_button(&host, SECTION_IDS[2]);
    let panel = query(&host, &format!("#{}", button.get_attribute("aria-controls").expect("controls")));
    assert_eq!(panel.get_attribute("hidden").as_deref(), Some("until-found"));
    panel.dispatch_event(&web_sys::Event::new("beforematch").expect("event")).expect("dispatch");
    assert!(expanded(&widget).contains(&SECTION_IDS[2].to_owned()));
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(shows_content(&panel));
    host.remove();
}

fn set_hash(hash: &str) {
    web_sys::window().expect("window").location().set_hash(hash).expect("hash");
}

#[wasm_bindgen_test]
fn a_section_id_in_the_url_opens_that_section_on_mount_and_on_hashchange() {
    let host = container();
    set_hash(SECTION_IDS[3]);
    let widget = ReadingWidget::mount(host.clone().into(), options(r#"{"persist":false}"#)).expect("mount");
    assert_eq!(mode(&widget), "full");
    widget.destroy().expect("destroy");

    set_hash("");
    let widget = mount(&host);
    widget.collapse_section(SECTION_IDS[1]).expect("collapse");
    assert_eq!(mode(&widget), "summary");
    set_hash(SECTION_IDS[1]);
    // setting the hash fires hashchange later; fire it now as the browser would.
    web_sys::window()
        .expect("window")
        .dispatch_event(&web_sys::Event::new("hashchange").expect("event"))
        .expect("dispatch");
    assert_eq!(mode(&widget), "full");
    assert!(expanded(&widget).contains(&SECTION_IDS[1].to_owned()));
    set_hash("");
    // An id that is not a section is none of the widget's business.
    widget.show_summary().expect("showSummary");
    set_hash("comments");
    web_sys::window()
        .expect("window")
        .dispatch_event(&web_sys::Event::new("hashchange").expect("event"))
        .expect("dispatch");
    assert_eq!(mode(&widget), "summary");
    set_hash("");
    host.remove();
}

fn session_storage() -> web_sys::Storage {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten()).expect("sessionStorage")
}

fn storage_key() -> String {
    let path = web_sys::window().expect("window").location().pathname().expect("path");
    format!("reading-widget:{path}:ukraine-war-korean-war")
}

#[wasm_bindgen_test]
fn the_state_survives_a_remount_in_the_same_tab_unless_persistence_is_off() {
    let storage = session_storage();
    storage.remove_item(&storage_key()).expect("clear");
    let host = container();
    let widget = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
    widget.show_full().expect("showFull");
    widget.collapse_section(SECTION_IDS[0]).expect("collapse");
    widget.destroy().expect("destroy");
    assert_eq!(storage.get_item(&storage_key()).expect("get").as_deref(), Some("rw1f10111"));

    let again = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
    assert_eq!(mode(&again), "full");
    assert_eq!(expanded(&again), &SECTION_IDS[1..]);
    again.destroy().expect("destroy");

    let off = ReadingWidget::mount(host.clone().into(), options(r#"{"persist":false}"#)).expect("mount");
    assert_eq!(mode(&off), "summary", "persist: false ignores what is stored");
    off.show_full().expect("showFull");
    off.destroy().expect("destroy");
    assert_eq!(
        storage.get_item(&storage_key()).expect("get").as_deref(),
        Some("rw1f10111"),
        "and stores nothing"
    );

    storage.set_item(&storage_key(), "{\"mode\":\"full\"}").expect("set");
    let fresh =
        ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("a foreign value is not fatal");
    assert_eq!(mode(&fresh), "summary");
    fresh.destroy().expect("destroy");
    storage.remove_item(&storage_key()).expect("clear");
    host.remove();
}

#[wasm_bindgen_test]
fn every_label_can_be_replaced_for_another_language() {
    let host = container();
    let korean = r#"{"persist":false,"labels":{"summaryHeading":"꼭 알아야 할 것","readFull":"전체 기사 읽기","minutes":"{n}분","backToSummary":"요약으로 돌아가기","expandAll":"모두 펼치기","collapseAll":"모두 접기","fullShown":"전체 기사 표시, {n}개 섹션"}}"#;
    let _widget = ReadingWidget::mount(host.clone().into(), options(korean)).expect("mount");
    assert_eq!(text(&query(&host, "button[data-rw-action=summary]")), "꼭 알아야 할 것");
    assert_eq!(visible_text(&mode_button(&host)), "전체 기사 읽기 · 3분");
    mode_button(&host).click();
    assert_eq!(visible_text(&mode_button(&host)), "요약으로 돌아가기");
    assert_eq!(visible_text(&query(&host, "button[data-rw-action=all]")), "모두 접기");
    assert_eq!(text(&query(&host, "[role=status]")), "전체 기사 표시, 4개 섹션");
    host.remove();

    for (options_json, expected) in [
        (r#"{"labels":{"readfull":"x"}}"#, "unknown label 'readfull'; the labels are: summaryHeading, readFull, backToSummary, minutes, minutesLeft, expandAll, collapseAll, linkToSection, fullShown, summaryShown, by, tags, aboutAuthor, image, imageCredit"),
        (r#"{"labels":"Korean"}"#, "the 'labels' option must be an object of strings (got string)"),
        (r#"{"persist":"no"}"#, "the 'persist' option must be true or false (got string)"),
    ] {
        let host = container();
        let error = ReadingWidget::mount(host.clone().into(), options(options_json)).err().expect("an error");
        assert_eq!(error_message(error), expected);
        host.remove();
    }
}

#[wasm_bindgen_test]
fn each_section_says_how_long_is_left_to_read_from_there() {
    let host = container();
    let _widget = mount(&host);
    let left: Vec<String> = query_all(&host, ".rw-time").iter().map(|t| text(t)).collect();
    assert_eq!(left.len(), 4);
    assert_eq!(left[0], "3 min left");
    let minutes: Vec<u32> =
        left.iter().map(|l| l.trim_end_matches(" min left").parse().expect("a number")).collect();
    assert!(minutes.windows(2).all(|pair| pair[0] >= pair[1]), "{left:?}");
    let anchors: Vec<String> =
        query_all(&host, ".rw-anchor").iter().filter_map(|a| a.get_attribute("href")).collect();
    assert_eq!(anchors, SECTION_IDS.map(|id| format!("#{id}")));
    host.remove();
}

#[wasm_bindgen_test]
fn destroy_removes_every_listener_the_widget_registered() {
    // Other tests leave widgets mounted on removed containers, so this compares with the
    // count before; with no widget on the page it would be 0.
    let before = reading_widget::live_listeners();
    let mounts: [fn(&Element) -> ReadingWidget; 2] = [mount, mount_light];
    for mount_here in mounts {
        let host = container();
        let widget = mount_here(&host);
        assert!(reading_widget::live_listeners() > before, "mounting registers listeners");
        mode_button(&host).click();
        section_button(&host, SECTION_IDS[2]).click();
        widget.destroy().expect("destroy");
        assert_eq!(reading_widget::live_listeners(), before);
        host.remove();
    }
    // Two at once, destroyed in the order they were mounted.
    let (first_host, second_host) = (container(), container());
    let (first, second) = (mount(&first_host), mount_light(&second_host));
    first.destroy().expect("destroy");
    assert!(reading_widget::live_listeners() > before, "the second widget's are still there");
    second.destroy().expect("destroy");
    assert_eq!(reading_widget::live_listeners(), before);
    // A mount that fails registers nothing.
    let button = document().create_element("button").expect("button");
    document().body().expect("body").append_child(&button).expect("append");
    assert!(ReadingWidget::mount(button.clone().into(), JsValue::UNDEFINED).is_err());
    assert_eq!(reading_widget::live_listeners(), before);
    for host in [first_host, second_host, button] {
        host.remove();
    }
}

#[wasm_bindgen_test]
fn a_widget_inside_another_only_answers_its_own_buttons() {
    // In the light DOM the outer widget's delegated listener sees the inner widget's buttons
    // themselves; in shadow roots it sees the click retargeted to the inner host.
    let mounts: [fn(&Element) -> ReadingWidget; 2] = [mount, mount_light];
    for mount_here in mounts {
        let outer_host = container();
        let outer = mount_here(&outer_host);
        let inner_host = document().create_element("div").expect("div");
        query(&outer_host, ".rw-summary").append_child(&inner_host).expect("append");
        let inner = mount_here(&inner_host);
        mode_button(&inner_host).click();
        assert_eq!((mode(&inner).as_str(), mode(&outer).as_str()), ("full", "summary"));
        section_button(&inner_host, SECTION_IDS[0]).click();
        assert_eq!(expanded(&inner).len(), 3);
        assert_eq!(expanded(&outer).len(), 4);
        inner.destroy().expect("destroy");
        outer.destroy().expect("destroy");
        outer_host.remove();
    }
}

// Isolation: the shadow root, the adopted stylesheet, theming from outside

/// Our stylesheet, as the widget adopted it into `host`'s shadow root.
fn adopted_sheet(host: &Element) -> JsValue {
    let sheets = shadow(host).adopted_style_sheets();
    assert_eq!(sheets.length(), 1, "one adopted sheet");
    sheets.get(0)
}

#[wasm_bindgen_test]
fn the_widget_renders_into_an_open_shadow_root_with_its_sheet_adopted() {
    let host = container();
    let widget = mount(&host);
    let root = shadow(&host);
    assert_eq!(root.mode(), web_sys::ShadowRootMode::Open);
    assert_eq!(host.inner_html(), LOADING, "the host's own children stay, untouched");
    assert!(query_all(&host, "style, link").is_empty(), "no <style> element: the sheet is adopted");
    assert!(adopted_sheet(&host).is_instance_of::<web_sys::CssStyleSheet>());
    // The sheet really styles the widget.
    assert_eq!(computed(&mode_button(&host), "border-top-left-radius"), "999px");
    // One sheet, parsed once, shared by every widget.
    let other_host = container();
    let other = mount(&other_host);
    assert_eq!(adopted_sheet(&other_host), adopted_sheet(&host));
    for (host, widget) in [(host, widget), (other_host, other)] {
        widget.destroy().expect("destroy");
        host.remove();
    }
}

/// The document's adopted sheets, as a list.
fn document_sheets() -> Vec<JsValue> {
    document().adopted_style_sheets().iter().collect()
}

#[wasm_bindgen_test]
fn light_dom_widgets_share_one_document_sheet_removed_with_the_last_of_them() {
    // Every light-DOM widget in these tests is destroyed, so the document starts without ours.
    let original = document().adopted_style_sheets();
    let page_sheet = web_sys::CssStyleSheet::new().expect("a sheet");
    page_sheet.replace_sync(".page-rule { color: rgb(9, 9, 9) }").expect("replaceSync");
    let page_sheets = original.concat(&js_sys::Array::of1(&page_sheet));
    document().set_adopted_style_sheets(&page_sheets);
    let page_sheets: Vec<JsValue> = page_sheets.iter().collect();

    let (first_host, second_host, shadow_host) = (container(), container(), container());
    let first = mount_light(&first_host);
    let with_ours = document_sheets();
    let second = mount_light(&second_host);
    let with_two = document_sheets();
    let in_shadow = mount(&shadow_host);
    let with_shadow_widget_too = document_sheets();
    let shadow_sheet = adopted_sheet(&shadow_host);
    let styled = computed(&mode_button(&second_host), "border-top-left-radius");
    first.destroy().expect("destroy");
    let after_first = document_sheets();
    second.destroy().expect("destroy");
    let after_second = document_sheets();
    in_shadow.destroy().expect("destroy");
    let after_all = document_sheets();
    document().set_adopted_style_sheets(&original);
    for host in [first_host, second_host, shadow_host] {
        host.remove();
    }

    // Ours is added after the page's own sheets, which keep their place.
    assert_eq!(with_ours.len(), page_sheets.len() + 1);
    assert_eq!(with_ours[..page_sheets.len()], page_sheets[..]);
    let ours = with_ours.last().expect("our sheet");
    assert!(ours.is_instance_of::<web_sys::CssStyleSheet>());
    assert_eq!(*ours, shadow_sheet, "the same sheet a shadow root adopts");
    assert_eq!(styled, "999px", "the document's sheet styles a light-DOM widget");
    assert_eq!(with_two, with_ours, "a second light-DOM widget does not add it again");
    assert_eq!(with_shadow_widget_too, with_ours, "a shadow-root widget leaves the document alone");
    assert_eq!(after_first, with_ours, "kept while a light-DOM widget remains");
    assert_eq!(after_second, page_sheets, "removed with the last, the page's own sheets kept");
    assert_eq!(after_all, page_sheets);
}

/// What a reader sees of the widget's styling, element by element.
fn styling(host: &Element) -> Vec<(&'static str, &'static str, String)> {
    let probes: [(&str, &str); 10] = [
        (".rw-mode", "display"),
        (".rw-mode", "border-top-left-radius"),
        (".rw-mode", "background-color"),
        (".rw-mode", "color"),
        (".rw-section-heading", "font-size"),
        (".rw-section", "display"),
        (".rw-title", "font-size"),
        (".rw-panel p", "letter-spacing"),
        (".rw-panel p", "text-transform"),
        (".rw-panel p", "font-size"),
    ];
    probes
        .iter()
        .map(|&(selector, property)| (selector, property, computed(&query(host, selector), property)))
        .collect()
}

#[wasm_bindgen_test]
fn hostile_page_css_does_not_reach_inside_the_shadow_root() {
    let baseline_host = container();
    let baseline = mount_with(&baseline_host, r#"{"mode":"full","persist":false}"#);
    let expected = styling(&baseline_host);

    let hostile = page_style(
        "* { all: unset } button { display: none } h2 { font-size: 5em } \
         section { display: none !important } body { letter-spacing: 1em; text-transform: uppercase }",
    );
    // A button and a section of the page's own, to show the hostile rules are in force.
    let page_button = document().create_element("button").expect("button");
    let page_section = document().create_element("section").expect("section");
    document().body().expect("body").append_child(&page_button).expect("append");
    document().body().expect("body").append_child(&page_section).expect("append");
    let host = container();
    let widget = mount_with(&host, r#"{"mode":"full","persist":false}"#);
    let got = styling(&host);
    let page_rules = (
        computed(&page_button, "display"),
        computed(&page_section, "display"),
        computed(&document().body().expect("body"), "letter-spacing"),
    );
    let sections_visible = query_all(&host, ".rw-section").iter().all(is_visible);
    let paragraphs_visible = query_all(&host, ".rw-panel p").iter().all(is_visible);
    hostile.remove();
    page_button.remove();
    page_section.remove();
    for (host, widget) in [(host, widget), (baseline_host, baseline)] {
        widget.destroy().expect("destroy");
        host.remove();
    }

    assert_eq!(page_rules.0, "none", "the hostile rules apply to the page");
    assert_eq!(page_rules.1, "none");
    assert_ne!(page_rules.2, "normal");
    assert_eq!(got, expected, "the widget looks as it does without the hostile CSS");
    let value = |selector: &str, property: &str| -> String {
        got.iter()
            .find(|(s, p, _)| *s == selector && *p == property)
            .map(|(_, _, v)| v.clone())
            .unwrap_or_default()
    };
    assert_ne!(value(".rw-mode", "display"), "none");
    assert_eq!(value(".rw-mode", "border-top-left-radius"), "999px");
    assert_ne!(value(".rw-mode", "background-color"), "rgba(0, 0, 0, 0)");
    assert_eq!(value(".rw-panel p", "letter-spacing"), "normal");
    assert_eq!(value(".rw-panel p", "text-transform"), "none");
    assert!(sections_visible && paragraphs_visible, "the full text shows in full mode");
}

#[wasm_bindgen_test]
fn custom_properties_on_the_host_and_part_rules_theme_the_widget() {
    let host = container();
    let widget = mount(&host);
    let (button, title) = (mode_button(&host), query(&host, "h1"));
    assert_eq!(title.get_attribute("part").as_deref(), Some("title"));
    let default_background = computed(&button, "background-color");
    let default_title = computed(&title, "color");

    let host_style = host.unchecked_ref::<HtmlElement>().style();
    host_style.set_property("--rw-accent", "rgb(1, 2, 3)").expect("setProperty");
    let themed_background = computed(&button, "background-color");
    let themed_border = computed(&button, "border-top-color");
    host.set_attribute("class", "host themed").expect("class");
    // A plain `h1` rule cannot reach inside; `::part(title)` is the way in.
    let rules = page_style(".themed::part(title) { color: rgb(4, 5, 6) } .themed h1 { color: rgb(7, 8, 9) }");
    let themed_title = computed(&title, "color");
    rules.remove();
    let title_after = computed(&title, "color");
    widget.destroy().expect("destroy");
    host.remove();

    assert_ne!(default_background, "rgb(1, 2, 3)");
    assert_eq!(themed_background, "rgb(1, 2, 3)");
    assert_eq!(themed_border, "rgb(1, 2, 3)");
    assert_ne!(default_title, "rgb(4, 5, 6)");
    assert_eq!(themed_title, "rgb(4, 5, 6)");
    assert_eq!(title_after, default_title);
}

#[wasm_bindgen_test]
fn with_shadow_false_the_widget_is_in_the_light_dom_where_page_css_reaches_it() {
    // The documented trade-off: no shadow root, so the page's rules apply to the widget.
    let rules = page_style(
        ".page-styled section { display: none !important } .page-styled p { color: rgb(7, 8, 9) }",
    );
    let (light_host, shadow_host) = (container(), container());
    for host in [&light_host, &shadow_host] {
        host.set_attribute("class", "host page-styled").expect("class");
    }
    let light = mount_with(&light_host, r#"{"mode":"full","persist":false,"shadow":false}"#);
    let in_shadow = mount_with(&shadow_host, r#"{"mode":"full","persist":false}"#);
    let in_light_dom = light_host.query_selector(".rw").expect("selector").is_some();
    let light_sections = query_all(&light_host, ".rw-section").iter().any(is_visible);
    let light_colour = computed(&query(&light_host, ".rw-panel p"), "color");
    let shadow_sections = query_all(&shadow_host, ".rw-section").iter().all(is_visible);
    let shadow_colour = computed(&query(&shadow_host, ".rw-panel p"), "color");
    rules.remove();
    let light_sections_after = query_all(&light_host, ".rw-section").iter().all(is_visible);
    for (host, widget) in [(light_host, light), (shadow_host, in_shadow)] {
        widget.destroy().expect("destroy");
        host.remove();
    }

    assert!(in_light_dom, "the widget's root is a child of the host");
    assert!(!light_sections, "the page's `section` rule hides the light-DOM sections");
    assert_eq!(light_colour, "rgb(7, 8, 9)");
    assert!(shadow_sections, "and not those in a shadow root");
    assert_ne!(shadow_colour, "rgb(7, 8, 9)");
    assert!(light_sections_after, "without the page's rule they show");
}

#[wasm_bindgen_test]
fn mount_all_renders_data_shadow_false_placeholders_into_the_light_dom() {
    let (light_host, shadow_host) = (container(), container());
    light_host.set_attribute("data-reading-widget", "").expect("attribute");
    light_host.set_attribute("data-shadow", "false").expect("attribute");
    shadow_host.set_attribute("data-reading-widget", SLUG).expect("attribute");
    reading_widget::mount_all();
    let light = ReadingWidget::get(light_host.clone().into()).expect("get").expect("mounted");
    let in_shadow = ReadingWidget::get(shadow_host.clone().into()).expect("get").expect("mounted");
    assert!(light_host.shadow_root().is_none());
    assert!(light_host.query_selector(".rw").expect("selector").is_some());
    assert!(shadow(&shadow_host).query_selector(".rw").expect("selector").is_some());
    assert_eq!(shadow_host.inner_html(), LOADING);
    for (host, widget) in [(light_host, light), (shadow_host, in_shadow)] {
        widget.destroy().expect("destroy");
        assert_eq!(host.inner_html(), LOADING);
        host.remove();
    }
}

// Events: readingwidget:change and readingwidget:ready

const CHANGE: &str = "readingwidget:change";
const READY: &str = "readingwidget:ready";

/// One event as the widget told it, read from its detail.
#[derive(Clone, Debug, PartialEq)]
enum Told {
    Change { cause: String, mode: String, section: Option<String>, expanded: Vec<String> },
    Ready { mode: String, expanded: Vec<String> },
}

fn change(cause: &str, mode: &str, section: Option<&str>, expanded: &[&str]) -> Told {
    Told::Change {
        cause: cause.to_owned(),
        mode: mode.to_owned(),
        section: section.map(str::to_owned),
        expanded: expanded.iter().map(|id| id.to_string()).collect(),
    }
}

fn ready(mode: &str, expanded: &[&str]) -> Told {
    Told::Ready { mode: mode.to_owned(), expanded: expanded.iter().map(|id| id.to_string()).collect() }
}

/// An event as a listener saw it during dispatch: afterwards the browser clears `target` for
/// an event that came out of a shadow root.
struct Heard {
    event: Event,
    target: Option<EventTarget>,
}

impl Heard {
    /// Reads the detail, holding it to exactly the documented keys.
    fn told(&self) -> Told {
        let event = self.event.dyn_ref::<CustomEvent>().expect("a CustomEvent");
        let detail = event.detail();
        assert!(is_plain_object(&detail), "the detail is a plain object: {detail:?}");
        let mode = string(&detail, "mode");
        let expanded = strings(&detail, "expanded");
        assert_eq!(string(&detail, "article"), SLUG);
        match self.event.type_().as_str() {
            CHANGE => {
                assert_eq!(keys(&detail), ["article", "mode", "expanded", "section", "cause"]);
                let section = field(&detail, "section");
                assert!(section.is_null() || section.is_string(), "section is an id or null: {section:?}");
                Told::Change { cause: string(&detail, "cause"), mode, section: section.as_string(), expanded }
            }
            READY => {
                assert_eq!(keys(&detail), ["article", "mode", "expanded"]);
                Told::Ready { mode, expanded }
            }
            other => panic!("an event we did not listen for: {other}"),
        }
    }
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).expect("a readable field")
}

fn string(object: &JsValue, key: &str) -> String {
    field(object, key).as_string().unwrap_or_else(|| panic!("'{key}' is a string"))
}

fn strings(object: &JsValue, key: &str) -> Vec<String> {
    let list = field(object, key);
    assert!(js_sys::Array::is_array(&list), "'{key}' is an array");
    js_sys::Array::from(&list).iter().map(|item| item.as_string().expect("a string")).collect()
}

/// An object literal would be one: not a `Map`, not an instance of a class.
fn is_plain_object(value: &JsValue) -> bool {
    let object_prototype = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    value.is_object() && js_sys::Object::get_prototype_of(value) == object_prototype
}

fn keys(object: &JsValue) -> Vec<String> {
    js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|key| key.as_string())
        .collect()
}

/// Listens for both events on `target` for as long as it lives; dropping it removes the
/// listeners.
struct Listening {
    target: EventTarget,
    callback: Closure<dyn FnMut(Event)>,
    heard: Rc<RefCell<Vec<Heard>>>,
}

impl Listening {
    fn on(target: &EventTarget) -> Listening {
        Listening::with(target, |_| {})
    }

    /// Also runs `during` inside each event's dispatch, as a host's listener would.
    fn with(target: &EventTarget, mut during: impl FnMut(&CustomEvent) + 'static) -> Listening {
        let heard = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&heard);
        // No assertions in here: a panic inside dispatch would not reach the test. `told()`
        // checks what was heard.
        let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            if let Some(custom) = event.dyn_ref::<CustomEvent>() {
                during(custom);
            }
            let target = event.target();
            log.borrow_mut().push(Heard { event, target });
        });
        for kind in [CHANGE, READY] {
            target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref()).expect("listen");
        }
        Listening { target: target.clone(), callback, heard }
    }

    /// What was told since the last call, in order.
    fn told(&self) -> Vec<Told> {
        self.heard.borrow_mut().drain(..).map(|heard| heard.told()).collect()
    }

    /// The events heard since the last call, in order.
    fn heard(&self) -> Vec<Heard> {
        self.heard.borrow_mut().drain(..).collect()
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        for kind in [CHANGE, READY] {
            let callback = self.callback.as_ref().unchecked_ref();
            let _ = self.target.remove_event_listener_with_callback(kind, callback);
        }
    }
}

const ALL: [&str; 4] = SECTION_IDS;

#[wasm_bindgen_test]
fn each_api_call_that_changes_something_sends_one_change_with_cause_api() {
    let host = container();
    let listening = Listening::on(&host);
    let widget = mount(&host);
    assert_eq!(listening.told(), [ready("summary", &ALL)]);

    widget.show_full().expect("showFull");
    widget.show_full().expect("showFull again changes nothing");
    widget.collapse_section(SECTION_IDS[1]).expect("collapse");
    widget.collapse_section(SECTION_IDS[1]).expect("collapse again changes nothing");
    widget.expand_section(SECTION_IDS[1]).expect("expand");
    widget.show_summary().expect("showSummary");
    widget.show_summary().expect("showSummary again changes nothing");
    // An open section, from the summary: only the mode changes.
    widget.expand_section(SECTION_IDS[3]).expect("expand");
    widget.collapse_section(SECTION_IDS[0]).expect("collapse");
    widget.toggle().expect("toggle");
    // A folded section, from the summary: the section is the one that changed.
    widget.expand_section(SECTION_IDS[0]).expect("expand");
    assert_eq!(
        listening.told(),
        [
            change("api", "full", None, &ALL),
            change("api", "full", Some(SECTION_IDS[1]), &[SECTION_IDS[0], SECTION_IDS[2], SECTION_IDS[3]]),
            change("api", "full", Some(SECTION_IDS[1]), &ALL),
            change("api", "summary", None, &ALL),
            change("api", "full", None, &ALL),
            change("api", "full", Some(SECTION_IDS[0]), &SECTION_IDS[1..]),
            change("api", "summary", None, &SECTION_IDS[1..]),
            change("api", "full", Some(SECTION_IDS[0]), &ALL),
        ]
    );
    widget.destroy().expect("destroy");
    assert!(listening.told().is_empty(), "destroy tells nothing");
    host.remove();
}

#[wasm_bindgen_test]
fn clicks_send_changes_with_cause_user_and_folding_the_summary_sends_none() {
    let host = container();
    let widget = mount(&host);
    let listening = Listening::on(&host);
    let all = query(&host, "button[data-rw-action=all]");
    mode_button(&host).click();
    all.click(); // Collapse all
    section_button(&host, SECTION_IDS[2]).click();
    all.click(); // Expand all: three sections open
    query(&host, "button[data-rw-action=summary]").click();
    query(&host, "button[data-rw-action=summary]").click();
    mode_button(&host).click();
    assert_eq!(
        listening.told(),
        [
            change("user", "full", None, &ALL),
            change("user", "full", None, &[]),
            change("user", "full", Some(SECTION_IDS[2]), &[SECTION_IDS[2]]),
            change("user", "full", None, &ALL),
            change("user", "summary", None, &ALL),
        ]
    );
    widget.destroy().expect("destroy");
    host.remove();
}

fn hashchange() {
    let window = web_sys::window().expect("window");
    window.dispatch_event(&Event::new("hashchange").expect("event")).expect("dispatch");
}

#[wasm_bindgen_test]
fn a_section_in_the_url_sends_changes_with_cause_hash_on_mount_and_on_hashchange() {
    let host = container();
    let listening = Listening::on(&host);
    set_hash(SECTION_IDS[2]);
    let widget = mount(&host);
    set_hash("");
    // The section was open already: only the mode changed.
    assert_eq!(listening.told(), [change("hash", "full", None, &ALL), ready("full", &ALL)]);

    widget.collapse_section(SECTION_IDS[1]).expect("collapse");
    widget.show_summary().expect("showSummary");
    let _ = listening.told();
    set_hash(SECTION_IDS[1]);
    hashchange();
    set_hash("");
    hashchange();
    assert_eq!(listening.told(), [change("hash", "full", Some(SECTION_IDS[1]), &ALL)]);
    widget.destroy().expect("destroy");
    host.remove();
}

#[wasm_bindgen_test]
fn find_in_page_sends_changes_with_cause_find() {
    let host = container();
    let widget = mount(&host);
    widget.collapse_section(SECTION_IDS[3]).expect("collapse");
    let listening = Listening::on(&host);
    let beforematch = |element: &HtmlElement| {
        element.dispatch_event(&Event::new("beforematch").expect("event")).expect("dispatch");
    };
    beforematch(&query(&host, ".rw-full"));
    beforematch(&panel(&host, SECTION_IDS[3]));
    // The summary box alone is not news to the host.
    query(&host, "button[data-rw-action=summary]").click();
    beforematch(&query(&host, ".rw-summary-list"));
    assert!(is_visible(&query(&host, ".rw-summary-list li")));
    assert_eq!(
        listening.told(),
        [change("find", "full", None, &SECTION_IDS[..3]), change("find", "full", Some(SECTION_IDS[3]), &ALL)]
    );
    widget.destroy().expect("destroy");
    host.remove();
}

#[wasm_bindgen_test]
fn a_restored_state_sends_a_change_with_cause_restore_before_hash_and_ready() {
    let storage = session_storage();
    let host = container();
    host.set_id("restored-reader");
    let key = format!("{}#restored-reader", storage_key());
    storage.remove_item(&key).expect("clear");
    storage.remove_item(&storage_key()).expect("clear");
    let listening = Listening::on(&host);

    // Nothing stored yet: nothing to restore.
    let first = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
    first.collapse_section(SECTION_IDS[0]).expect("collapse");
    first.show_full().expect("showFull");
    first.destroy().expect("destroy");
    let stored = storage.get_item(&key).expect("get");
    let stored_without_id = storage.get_item(&storage_key()).expect("get");
    let told_first = listening.told();

    let second = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
    let restored = mode(&second);
    second.destroy().expect("destroy");
    let told_second = listening.told();

    // The restore, then the URL's section, then ready with the state both made.
    set_hash(SECTION_IDS[0]);
    let third = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
    set_hash("");
    third.destroy().expect("destroy");
    let told_third = listening.told();

    // A stored state that the options give anyway, or one that differs only in the summary
    // box, is no change to tell.
    let mut told_unchanged = Vec::new();
    for stored in ["rw1s11111", "rw1s01111"] {
        storage.set_item(&key, stored).expect("set");
        let widget = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
        told_unchanged.push((listening.told(), query(&host, ".rw-summary-list").has_attribute("hidden")));
        widget.destroy().expect("destroy");
    }
    storage.remove_item(&key).expect("clear");
    host.remove();

    assert_eq!(stored.as_deref(), Some("rw1f10111"), "kept under the host's id");
    assert_eq!(stored_without_id, None, "and not under the page's key");
    assert_eq!(
        told_first,
        [
            ready("summary", &ALL),
            change("api", "summary", Some(SECTION_IDS[0]), &SECTION_IDS[1..]),
            change("api", "full", None, &SECTION_IDS[1..]),
        ]
    );
    assert_eq!(restored, "full");
    assert_eq!(
        told_second,
        [
            change("restore", "full", Some(SECTION_IDS[0]), &SECTION_IDS[1..]),
            ready("full", &SECTION_IDS[1..])
        ]
    );
    assert_eq!(
        told_third,
        [
            change("restore", "full", Some(SECTION_IDS[0]), &SECTION_IDS[1..]),
            change("hash", "full", Some(SECTION_IDS[0]), &ALL),
            ready("full", &ALL),
        ]
    );
    assert_eq!(told_unchanged, [(vec![ready("summary", &ALL)], false), (vec![ready("summary", &ALL)], true)]);
}

#[wasm_bindgen_test]
fn events_bubble_to_the_document_and_cross_an_enclosing_shadow_root() {
    // The host sits in another component's shadow root: only a composed event gets out.
    let component = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&component).expect("append");
    let component_root = component
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .expect("attach");
    let host = container_in(&component_root);
    let at_document = Listening::on(&document());
    let at_host = Listening::on(&host);
    let widget = mount(&host);
    mode_button(&host).click();

    let heard = at_document.heard();
    assert_eq!(
        heard.iter().map(Heard::told).collect::<Vec<_>>(),
        [ready("summary", &ALL), change("user", "full", None, &ALL)]
    );
    for heard in &heard {
        assert!(heard.event.bubbles() && heard.event.composed());
        assert!(heard.target.as_ref() == Some(component.as_ref()), "retargeted to the component");
    }
    for heard in at_host.heard() {
        assert!(heard.target.as_ref() == Some(host.as_ref()), "sent from the host element");
    }
    widget.destroy().expect("destroy");
    component.remove();
}

#[wasm_bindgen_test]
fn ready_fires_once_after_mounting_and_get_already_works_during_the_events() {
    let host = container();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (during_host, during_seen) = (host.clone(), Rc::clone(&seen));
    let listening = Listening::with(&host, move |event| {
        let handle = ReadingWidget::get(during_host.clone().into()).expect("get during the event");
        let handle = handle.expect("a handle during the event");
        during_seen.borrow_mut().push((event.type_(), mode(&handle)));
    });
    set_hash(SECTION_IDS[1]);
    let widget = mount(&host);
    set_hash("");
    let told_on_mount = listening.told();
    widget.toggle().expect("toggle");
    mode_button(&host).click();
    let told_later = listening.told();
    widget.destroy().expect("destroy");
    host.remove();

    assert_eq!(told_on_mount, [change("hash", "full", None, &ALL), ready("full", &ALL)]);
    assert_eq!(told_later, [change("api", "summary", None, &ALL), change("user", "full", None, &ALL)]);
    let seen = seen.borrow();
    let seen: Vec<(&str, &str)> = seen.iter().map(|(kind, mode)| (kind.as_str(), mode.as_str())).collect();
    assert_eq!(seen, [(CHANGE, "full"), (READY, "full"), (CHANGE, "summary"), (CHANGE, "full")]);
}

// ReadingWidget.get and ReadingWidget.articles

#[wasm_bindgen_test]
fn get_returns_a_handle_to_the_live_widget_and_undefined_once_it_is_gone() {
    let host = container();
    host.set_id("got-reader");
    let widget = mount(&host);
    let by_element = ReadingWidget::get(host.clone().into()).expect("get").expect("a handle");
    let by_selector = ReadingWidget::get("#got-reader".into()).expect("get").expect("a handle");
    by_element.toggle().expect("toggle");
    assert_eq!(mode(&widget), "full", "the handle drives the same widget");
    by_selector.collapse_section(SECTION_IDS[2]).expect("collapse");
    assert_eq!(expanded(&widget).len(), 3);
    widget.show_summary().expect("showSummary");
    assert_eq!(mode(&by_element), "summary");

    let empty = container();
    assert!(ReadingWidget::get(empty.clone().into()).expect("get").is_none(), "no widget there");
    let cases: [(JsValue, &str); 4] = [
        (JsValue::NULL, "got null"),
        (JsValue::UNDEFINED, "got undefined"),
        ("#nobody-here".into(), "no element matches '#nobody-here'"),
        ("##".into(), "'##' is not a valid CSS selector"),
    ];
    for (target, expected) in cases {
        let message = error_message(ReadingWidget::get(target).err().expect("an error"));
        assert!(message.contains(expected), "{message:?} says {expected:?}");
    }

    widget.destroy().expect("destroy");
    assert!(ReadingWidget::get(host.clone().into()).expect("get").is_none(), "undefined after destroy");
    let error = by_element.toggle().expect_err("an error");
    assert_eq!(error_message(error), "this reading widget was destroyed; mount a new one");
    host.remove();
    empty.remove();
}

#[wasm_bindgen_test]
fn articles_describes_the_compiled_in_article_as_the_widget_renders_it() {
    let list = ReadingWidget::articles().expect("articles");
    assert!(js_sys::Array::is_array(&list));
    let list = js_sys::Array::from(&list);
    assert_eq!(list.length(), 1);
    let article = list.get(0);
    assert_eq!(
        keys(&article),
        ["slug", "title", "dek", "date", "tags", "author", "language", "minutes", "sections"]
    );
    assert!(is_plain_object(&article));

    let host = container();
    let widget = mount(&host);
    assert_eq!(string(&article, "slug"), SLUG);
    assert_eq!(string(&article, "slug"), string(&widget.state().expect("state"), "article"));
    assert_eq!(string(&article, "title"), text(&query(&host, "h1")));
    assert_eq!(string(&article, "dek"), text(&query(&host, ".rw-dek")));
    assert_eq!(Some(string(&article, "date")), query(&host, "time").get_attribute("datetime"));
    assert_eq!(string(&article, "date"), "2024-10-23");
    let tags: Vec<String> = query_all(&host, ".rw-tags li").iter().map(|li| text(li)).collect();
    assert!(!tags.is_empty());
    assert_eq!(strings(&article, "tags"), tags);
    assert_eq!(string(&article, "author"), text(&query(&host, ".rw-author")));
    assert_eq!(Some(string(&article, "language")), query(&host, "article").get_attribute("lang"));
    let minutes = field(&article, "minutes");
    assert_eq!(minutes.as_f64(), Some(3.0), "minutes is the number 3");
    assert!(visible_text(&mode_button(&host)).ends_with(" · 3 min"));

    let sections = field(&article, "sections");
    assert!(js_sys::Array::is_array(&sections));
    let sections: Vec<JsValue> = js_sys::Array::from(&sections).iter().collect();
    let times: Vec<String> = query_all(&host, ".rw-time").iter().map(|t| text(t)).collect();
    assert_eq!(sections.len(), 4);
    for (i, section) in sections.iter().enumerate() {
        assert_eq!(keys(section), ["id", "heading", "minutesLeft"]);
        assert_eq!(string(section, "id"), SECTION_IDS[i]);
        assert_eq!(string(section, "heading"), text(&section_button(&host, SECTION_IDS[i])));
        let left = field(section, "minutesLeft").as_f64().expect("a number");
        assert_eq!(format!("{left} min left"), times[i]);
    }
    widget.destroy().expect("destroy");
    host.remove();
}

// Misuse: every mistake a host can make is an Error with a message, never a wasm trap

/// A JavaScript value made by JavaScript: getters and proxies that throw.
fn js(body: &str) -> JsValue {
    js_sys::Function::new_no_args(body).call0(&JsValue::NULL).expect("the script runs")
}

fn element(tag: &str) -> Element {
    let element = document().create_element(tag).expect("element");
    element.set_text_content(Some("the page's own"));
    document().body().expect("body").append_child(&element).expect("append");
    element
}

#[wasm_bindgen_test]
fn misuse_is_answered_with_errors_and_every_widget_keeps_working() {
    let bystander_host = container();
    let bystander = mount(&bystander_host);
    let (host, shadow_host, light_host) = (container(), container(), container());
    let (button, link, foreign) = (element("button"), element("a"), container());
    let foreign_root =
        foreign.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).expect("attach");
    foreign_root.set_inner_html("<p>their component</p>");
    let hosting = mount(&shadow_host);
    let hosting_light = mount_light(&light_host);
    let at_document = Listening::on(&document());

    let no_shadow = "cannot hold a shadow root; mount into a <div> or a <section>, or pass { shadow: false }";
    let cases: Vec<(JsValue, JsValue, String)> = vec![
        (JsValue::NULL, JsValue::UNDEFINED, "mount needs an Element or a CSS selector, got null".into()),
        (
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            "mount needs an Element or a CSS selector, got undefined".into(),
        ),
        ("#nowhere".into(), JsValue::UNDEFINED, "no element matches '#nowhere'".into()),
        ("div[".into(), JsValue::UNDEFINED, "'div[' is not a valid CSS selector".into()),
        (
            shadow_host.clone().into(),
            options(r#"{"shadow":false}"#),
            "this element already hosts a reading widget; destroy() it first".into(),
        ),
        (
            light_host.clone().into(),
            JsValue::UNDEFINED,
            "this element already hosts a reading widget; destroy() it first".into(),
        ),
        (button.clone().into(), JsValue::UNDEFINED, format!("a <button> {no_shadow}")),
        (link.clone().into(), JsValue::UNDEFINED, format!("a <a> {no_shadow}")),
        (
            foreign.clone().into(),
            JsValue::UNDEFINED,
            "this element already has a shadow root of its own; mount into an element inside it, or pass \
             { shadow: false }"
                .into(),
        ),
        (
            host.clone().into(),
            5.into(),
            "options must be an object like { mode: 'full' } (got number)".into(),
        ),
        (
            host.clone().into(),
            "full".into(),
            "options must be an object like { mode: 'full' } (got string)".into(),
        ),
        (
            host.clone().into(),
            true.into(),
            "options must be an object like { mode: 'full' } (got boolean)".into(),
        ),
        (
            host.clone().into(),
            js("return () => {}"),
            "options must be an object like { mode: 'full' } (got function)".into(),
        ),
        (
            host.clone().into(),
            options(r#"["full"]"#),
            "options must be an object like { mode: 'full' } (got array)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"mode":3}"#),
            "the 'mode' option must be a string (got number)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"mode":null}"#),
            "the 'mode' option must be a string (got null)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"mode":"Full"}"#),
            "unknown mode 'Full'; use 'summary' or 'full'".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"article":5}"#),
            "the 'article' option must be a string (got number)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"article":"ukraine"}"#),
            format!("unknown article 'ukraine'; the compiled-in articles are: {SLUG}"),
        ),
        (
            host.clone().into(),
            options(r#"{"persist":"yes"}"#),
            "the 'persist' option must be true or false (got string)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"shadow":1}"#),
            "the 'shadow' option must be true or false (got number)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"shadow":"false"}"#),
            "the 'shadow' option must be true or false (got string)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"labels":5}"#),
            "the 'labels' option must be an object of strings (got number)".into(),
        ),
        (
            host.clone().into(),
            options(r#"{"colour":"red"}"#),
            "unknown option 'colour'; the options are: mode, article, labels, persist, shadow".into(),
        ),
        (
            host.clone().into(),
            js("return { get mode() { throw new Error('no') } }"),
            "reading the 'mode' option threw".into(),
        ),
        (
            host.clone().into(),
            js("return new Proxy({}, { ownKeys() { throw new Error('no') } })"),
            "listing the options threw".into(),
        ),
    ];
    for (target, options, expected) in cases {
        match ReadingWidget::mount(target, options) {
            Ok(widget) => {
                widget.destroy().expect("destroy");
                panic!("mounted, but expected: {expected}");
            }
            Err(error) => assert_eq!(error_message(error), expected),
        }
    }
    // None of those touched an element.
    assert_eq!(host.inner_html(), LOADING);
    assert!(host.shadow_root().is_none());
    for refused in [&button, &link] {
        assert_eq!(refused.inner_html(), "the page's own");
        assert!(refused.shadow_root().is_none());
    }
    assert_eq!(foreign_root.inner_html(), "<p>their component</p>");
    assert_eq!(foreign.inner_html(), LOADING);

    // A widget's own mistakes.
    let widget = mount(&host);
    let sections = SECTION_IDS.join(", ");
    for error in [widget.expand_section("nope").err(), widget.collapse_section("").err()] {
        let message = error_message(error.expect("an error"));
        assert!(message.starts_with("unknown section '"), "{message}");
        assert!(message.ends_with(&format!("'; the sections are: {sections}")), "{message}");
    }
    assert_eq!(mode(&widget), "summary", "nothing changed");
    widget.destroy().expect("destroy");
    let after_destroy = [
        widget.toggle().err(),
        widget.show_full().err(),
        widget.show_summary().err(),
        widget.state().err(),
        widget.expand_section(SECTION_IDS[0]).err(),
        widget.collapse_section(SECTION_IDS[0]).err(),
        widget.destroy().err(),
    ];
    for error in after_destroy {
        let error = error.expect("an error after destroy");
        assert_eq!(error_message(error), "this reading widget was destroyed; mount a new one");
    }

    // No trap: the module still answers, a new widget mounts, and the one that was on the
    // page all along still toggles.
    assert_eq!(js_sys::Array::from(&ReadingWidget::articles().expect("articles")).length(), 1);
    let fresh = mount(&host);
    mode_button(&host).click();
    assert_eq!(mode(&fresh), "full");
    mode_button(&bystander_host).click();
    assert_eq!(mode(&bystander), "full");
    // The only events were the two good mounts' and the two clicks'.
    let (mounted, clicked) = (ready("summary", &ALL), change("user", "full", None, &ALL));
    assert_eq!(at_document.told(), [mounted.clone(), mounted, clicked.clone(), clicked]);
    for widget in [fresh, bystander, hosting, hosting_light] {
        widget.destroy().expect("destroy");
    }
    for element in [host, shadow_host, light_host, button, link, foreign, bystander_host] {
        element.remove();
    }
}

// Edge cases of misuse and re-entrance (each found failing once, then fixed in src/).

#[wasm_bindgen_test]
fn an_element_with_a_closed_shadow_root_is_refused_as_having_a_shadow_root_of_its_own() {
    let host = container();
    host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Closed)).expect("attach");
    let error = ReadingWidget::mount(host.clone().into(), options(r#"{"persist":false}"#)).err();
    host.remove();
    let message = error_message(error.expect("an error"));
    // `element.shadowRoot` is null for a closed root, so only attach_shadow's refusal shows it;
    // the message must not blame the kind of element.
    assert!(message.contains("already has a shadow root"), "{message}");
}

#[wasm_bindgen_test]
fn get_names_itself_when_it_is_given_no_element() {
    // `get` shares `dom::find_target` with `mount`; the message names the caller.
    let error = ReadingWidget::get(JsValue::NULL).err().expect("an error");
    assert_eq!(error_message(error), "get needs an Element or a CSS selector, got null");
}

#[wasm_bindgen_test]
fn an_array_is_refused_as_options() {
    let host = container();
    let result = ReadingWidget::mount(host.clone().into(), options("[]"));
    if let Ok(widget) = &result {
        widget.destroy().expect("destroy");
    }
    host.remove();
    // An array is an object to `is_object()`; it must still be refused.
    let message = error_message(result.err().expect("an error for an array"));
    assert_eq!(message, "options must be an object like { mode: 'full' } (got array)");
}

#[wasm_bindgen_test]
fn a_label_of_the_wrong_type_is_called_a_label() {
    let host = container();
    let error = ReadingWidget::mount(host.clone().into(), options(r#"{"labels":{"readFull":5}}"#)).err();
    host.remove();
    assert_eq!(error_message(error.expect("an error")), "the 'readFull' label must be a string (got number)");
}

/// A handle for listeners to use, once there is a widget to hand them.
type Later = Rc<RefCell<Option<ReadingWidget>>>;

#[wasm_bindgen_test]
fn a_change_listener_can_destroy_the_widget_whatever_caused_the_change() {
    // A click's handler runs outside the registry; a method call's runs on a clone the
    // registry handed out. Either way the listener's destroy() must take the widget off.
    let mut results = Vec::new();
    for by_api in [false, true] {
        let host = container();
        let later: Later = Rc::new(RefCell::new(None));
        let outcome = Rc::new(RefCell::new(None));
        let (handle, result) = (Rc::clone(&later), Rc::clone(&outcome));
        let _listening = Listening::with(&host, move |event| {
            if let (CHANGE, Some(widget)) = (event.type_().as_str(), handle.borrow().as_ref()) {
                *result.borrow_mut() = Some(widget.destroy().map_err(error_message));
            }
        });
        let widget = mount(&host);
        *later.borrow_mut() = ReadingWidget::get(host.clone().into()).expect("get");
        if by_api {
            widget.show_full().expect("showFull");
        } else {
            mode_button(&host).click();
        }
        let destroyed = ReadingWidget::get(host.clone().into()).expect("get").is_none();
        if !destroyed {
            widget.destroy().expect("destroy");
        }
        host.remove();
        results.push((by_api, outcome.take(), destroyed));
    }
    assert_eq!(results, [(false, Some(Ok(())), true), (true, Some(Ok(())), true)]);
}

#[wasm_bindgen_test]
fn a_ready_listener_can_mount_another_widget() {
    let (first, second) = (container(), container());
    let outcome = Rc::new(RefCell::new(None));
    let (target, result) = (second.clone(), Rc::clone(&outcome));
    let listening = Listening::with(&first, move |event| {
        if event.type_() == READY && result.borrow().is_none() {
            let mounted = ReadingWidget::mount(target.clone().into(), options(r#"{"persist":false}"#));
            *result.borrow_mut() = Some(mounted.map(|widget| widget.destroy()).map_err(error_message));
        }
    });
    let widget = mount(&first);
    drop(listening);
    widget.destroy().expect("destroy");
    first.remove();
    second.remove();
    // The ready event is sent while the first mount is still returning; the registry must
    // not be held then.
    let outcome = outcome.take();
    assert!(matches!(outcome, Some(Ok(Ok(())))), "the second widget mounted: {outcome:?}");
}

/// Bytes of WebAssembly memory the module has.
fn memory_bytes() -> f64 {
    let buffer = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into()).expect("buffer");
    js_sys::Reflect::get(&buffer, &"byteLength".into()).expect("byteLength").as_f64().expect("a number")
}

#[wasm_bindgen_test]
fn memory_stops_growing_once_mounting_has_warmed_up() {
    let host = container();
    let cycle = || {
        let widget = mount(&host);
        mode_button(&host).click();
        section_button(&host, SECTION_IDS[1]).click();
        let _ = widget.state().expect("state");
        widget.destroy().expect("destroy");
    };
    for _ in 0..50 {
        cycle();
    }
    let warmed = memory_bytes();
    for _ in 0..300 {
        cycle();
    }
    assert_eq!(memory_bytes(), warmed, "freed blocks are reused");
    assert_eq!(host.inner_html(), LOADING);
    host.remove();
}

/// The module's allocator (src/alloc.rs) under the sizes and alignments it must serve.
#[wasm_bindgen_test]
fn the_allocator_hands_out_aligned_blocks_that_keep_their_contents() {
    #[repr(align(4096))]
    struct Page([u8; 4096]);
    let blocks: Vec<Vec<u8>> = (0..21).map(|k| vec![k as u8; 1 << k]).collect(); // up to 1 MiB
    let pages: Vec<Box<Page>> = (0..8u8).map(|i| Box::new(Page([i; 4096]))).collect();
    let mut grown = String::new();
    for i in 0..10_000 {
        grown.push(char::from(b'a' + (i % 26) as u8));
    }
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page.as_ref() as *const Page as usize % 4096, 0, "page {i} is aligned");
        assert!(page.0.iter().all(|byte| usize::from(*byte) == i));
    }
    for (k, block) in blocks.iter().enumerate() {
        assert_eq!(block.len(), 1 << k);
        assert!(block.iter().all(|byte| usize::from(*byte) == k), "block of 2^{k} bytes kept its bytes");
    }
    assert!(grown.bytes().enumerate().all(|(i, byte)| byte == b'a' + (i % 26) as u8));
}
