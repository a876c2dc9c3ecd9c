//! Browser tests: the widget mounted for real, driven with real clicks, in Chrome, Firefox and
//! WebKit (`make test` runs all three). Each test gets a fresh container in the page.

#![cfg(target_arch = "wasm32")]

use reading_widget::{prerender, ReadingWidget};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = include_str!("../content/ukraine-war-korean-war.md");
const SECTION_IDS: [&str; 4] = [
    "the-korean-war-could-reignite-in-ukraine",
    "the-dead-and-the-deserters",
    "did-north-korea-fall-for-a-putin-trap",
    "will-seoul-send-its-forces",
];

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh, attached container with something in it, as a publisher's placeholder would be.
fn container() -> Element {
    let doc = document();
    let host = doc.create_element("div").expect("div");
    host.set_attribute("class", "host").expect("class");
    let loading = doc.create_element("p").expect("p");
    loading.set_text_content(Some("Loading the article…"));
    host.append_child(&loading).expect("append");
    doc.body().expect("body").append_child(&host).expect("append host");
    host
}

/// Mounts without persistence: tests share one page, and a state stored by one test must not
/// leak into the next. The persistence tests turn it on themselves.
fn mount(host: &Element) -> ReadingWidget {
    ReadingWidget::mount(host.into(), options(r#"{"persist":false}"#)).expect("mount")
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("json")
}

fn query(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .expect("an HTML element")
}

fn query_all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

#[wasm_bindgen]
extern "C" {
    /// An element seen only for `checkVisibility()`, which web-sys does not bind yet.
    type Checkable;
    /// False under `hidden`, `display: none` and the `content-visibility: hidden` that
    /// `hidden="until-found"` uses.
    #[wasm_bindgen(method, js_name = checkVisibility)]
    fn check_visibility(this: &Checkable) -> bool;
}

/// What a reader can see once any opening or closing animation is over.
fn is_visible(element: &HtmlElement) -> bool {
    finish_animations();
    element.unchecked_ref::<Checkable>().check_visibility()
}

/// Whether a folding container shows its content. `hidden="until-found"` keeps the container's
/// own (empty) box and hides what is inside, so look at its first child.
fn shows_content(container: &HtmlElement) -> bool {
    let first: Option<HtmlElement> = container.first_element_child().and_then(|child| child.dyn_into().ok());
    is_visible(container) && first.is_some_and(|child| is_visible(&child))
}

/// Jumps every running transition to its end, so visibility is what the reader ends up with.
fn finish_animations() {
    let animations = js_sys::Reflect::get(&document(), &"getAnimations".into())
        .and_then(|get| get.unchecked_into::<js_sys::Function>().call0(&document()))
        .expect("getAnimations");
    for animation in js_sys::Array::from(&animations).iter() {
        let finish = js_sys::Reflect::get(&animation, &"finish".into()).expect("finish");
        finish.unchecked_into::<js_sys::Function>().call0(&animation).expect("finish()");
    }
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

    let all = text(&host);
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
    let active = document().active_element().expect("focus somewhere");
    assert!(&active == AsRef::<Element>::as_ref(&control));
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
            "unknown option 'colour'; the options are: mode, article, labels, persist",
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
    assert_eq!(host.inner_html(), "<p>Loading the article…</p>");

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
    let loading = host.first_child().expect("a child");

    let widget = mount(&host);
    assert!(!loading.is_connected(), "the placeholder's content is set aside while mounted");
    mode_button(&host).click();
    section_button(&host, SECTION_IDS[1]).click();
    widget.destroy().expect("destroy");

    assert_eq!(host.outer_html(), before);
    assert!(host.first_child().as_ref() == Some(&loading), "the same node came back");
    // A second widget can mount where the first one was.
    let again = mount(&host);
    again.destroy().expect("destroy");
    assert_eq!(host.outer_html(), before);
    host.remove();
}

#[wasm_bindgen_test]
fn the_dom_matches_the_native_html_render_byte_for_byte() {
    for (full, mode_option) in
        [(false, r#"{"mode":"summary","persist":false}"#), (true, r#"{"mode":"full","persist":false}"#)]
    {
        let host = container();
        let _widget = ReadingWidget::mount(host.clone().into(), options(mode_option)).expect("mount");
        let article = query(&host, "article");
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

fn active_element() -> Element {
    document().active_element().expect("something has focus")
}

#[wasm_bindgen_test]
fn arrow_keys_home_and_end_move_between_section_headers() {
    let host = container();
    let widget = mount(&host);
    widget.show_full().expect("showFull");
    let buttons: Vec<HtmlElement> = SECTION_IDS.iter().map(|id| section_button(&host, id)).collect();
    buttons[0].focus().expect("focus");
    let at = |i: usize| active_element() == *AsRef::<Element>::as_ref(&buttons[i]);

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
    assert!(active_element() == *AsRef::<Element>::as_ref(&mode_button(&host)));
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
    let before = reading_widget::live_listeners();
    let host = container();
    let widget = mount(&host);
    assert!(reading_widget::live_listeners() > before, "mounting registers listeners");
    mode_button(&host).click();
    widget.destroy().expect("destroy");
    assert_eq!(reading_widget::live_listeners(), before);
    host.remove();
}

#[wasm_bindgen_test]
fn a_widget_inside_another_only_answers_its_own_buttons() {
    let outer_host = container();
    let outer = mount(&outer_host);
    let inner_host = document().create_element("div").expect("div");
    query(&outer_host, ".rw-summary").append_child(&inner_host).expect("append");
    let inner = mount(&inner_host);
    mode_button(&inner_host).click();
    assert_eq!((mode(&inner).as_str(), mode(&outer).as_str()), ("full", "summary"));
    inner.destroy().expect("destroy");
    outer.destroy().expect("destroy");
    outer_host.remove();
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
    assert_eq!(host.inner_html(), "<p>Loading the article…</p>");
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
