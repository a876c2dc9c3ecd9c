//! Browser tests: the widget mounted for real, driven with real clicks, in Chrome, Firefox and
//! WebKit (`make test` runs all three). Each test gets a fresh container in the page.

#![cfg(target_arch = "wasm32")]

use reading_widget::{prerender, ReadingWidget};
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
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh, attached container with something in it, as a publisher's placeholder would be.
fn container() -> Element {
    let doc = document();
    let host = doc.create_element("div").expect("div");
    host.set_attribute("class", "host").expect("class");
    let loading = doc.create_element("p").expect("p");
    loading.set_text_content(Some("Loading the article…"));
    host.append_child(&loading).expect("append");
    doc.body()
        .expect("body")
        .append_child(&host)
        .expect("append host");
    host
}

fn mount(host: &Element) -> ReadingWidget {
    ReadingWidget::mount(host.into(), JsValue::UNDEFINED).expect("mount")
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
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Rendered on screen: laid out with a size, which `hidden` and `display: none` both prevent.
fn is_visible(element: &HtmlElement) -> bool {
    element.get_client_rects().length() > 0
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn error_message(error: wasm_bindgen::JsError) -> String {
    let value: JsValue = error.into();
    assert!(
        value.is_instance_of::<js_sys::Error>(),
        "a JS Error, not {value:?}"
    );
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
    let body = ARTICLE
        .splitn(3, "+++")
        .nth(2)
        .expect("a body after the front matter");
    let mut source = Source {
        bullets: vec![],
        headings: vec![],
        paragraphs: vec![],
    };
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

    let bullets: Vec<String> = query_all(&host, ".rw-summary-list li")
        .iter()
        .map(|li| text(li))
        .collect();
    assert_eq!(bullets, source.bullets);
    let headings: Vec<String> = query_all(&host, ".rw-section-heading")
        .iter()
        .map(|h| text(h))
        .collect();
    assert_eq!(headings, source.headings);
    let paragraphs: Vec<String> = query_all(&host, ".rw-panel p")
        .iter()
        .map(|p| text(p))
        .collect();
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
    assert_eq!(
        query(&host, "time").get_attribute("datetime").as_deref(),
        Some("2024-10-23")
    );
    assert_eq!(
        query(&host, "article").get_attribute("lang").as_deref(),
        Some("en")
    );
    assert_eq!(
        text(&query(&host, "h1")),
        "The Ukraine War Could Be the Spark to Restart the Korean War"
    );
    host.remove();
}

#[wasm_bindgen_test]
fn summary_mode_shows_the_bullets_and_hides_the_sections() {
    let host = container();
    let widget = mount(&host);
    assert!(query_all(&host, ".rw-summary-list li")
        .iter()
        .all(is_visible));
    assert!(query_all(&host, ".rw-section")
        .iter()
        .all(|s| !is_visible(s)));
    assert!(query_all(&host, ".rw-panel p")
        .iter()
        .all(|p| !is_visible(p)));
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
    assert!(query_all(&host, ".rw-summary-list li")
        .iter()
        .all(is_visible));
    assert_eq!(
        control.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(visible_text(&control), "Back to the summary");
    assert_eq!(mode(&widget), "full");

    control.click();
    assert!(query_all(&host, ".rw-panel p")
        .iter()
        .all(|p| !is_visible(p)));
    assert_eq!(
        control.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(visible_text(&control), "Read the full article · 3 min");
    assert_eq!(mode(&widget), "summary");
    // The control was flipped, not rebuilt, so focus stayed on it.
    let active = document().active_element().expect("focus somewhere");
    assert!(&active == AsRef::<Element>::as_ref(&control));
    host.remove();
}

/// The control's label as a reader sees it: the text of its visible parts.
fn visible_text(control: &HtmlElement) -> String {
    query_all(control, "span")
        .iter()
        .filter(|s| is_visible(s))
        .map(|s| text(s))
        .collect()
}

fn mode(widget: &ReadingWidget) -> String {
    let state = widget.state().expect("state");
    js_sys::Reflect::get(&state, &"mode".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

fn expanded(widget: &ReadingWidget) -> Vec<String> {
    let state = widget.state().expect("state");
    let list = js_sys::Reflect::get(&state, &"expanded".into()).expect("expanded");
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|id| id.as_string())
        .collect()
}

#[wasm_bindgen_test]
fn section_buttons_fold_and_unfold_their_own_section() {
    let host = container();
    let widget =
        ReadingWidget::mount(host.clone().into(), options(r#"{"mode":"full"}"#)).expect("mount");
    let button = section_button(&host, SECTION_IDS[1]);
    let panel = query(
        &host,
        &format!(
            "#{}",
            button
                .get_attribute("aria-controls")
                .expect("aria-controls")
        ),
    );
    assert!(is_visible(&panel));

    button.click();
    assert!(!is_visible(&panel));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(
        expanded(&widget),
        [SECTION_IDS[0], SECTION_IDS[2], SECTION_IDS[3]]
    );
    // Its neighbours are untouched.
    for id in [SECTION_IDS[0], SECTION_IDS[2]] {
        assert_eq!(
            section_button(&host, id)
                .get_attribute("aria-expanded")
                .as_deref(),
            Some("true")
        );
    }

    button.click();
    assert!(is_visible(&panel));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
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
    assert!(query_all(&host, ".rw-summary-list li")
        .iter()
        .all(|li| !is_visible(li)));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    button.click();
    assert!(query_all(&host, ".rw-summary-list li")
        .iter()
        .all(is_visible));
    host.remove();
}

/// Every visible button with `aria-controls` says `aria-expanded="true"` exactly when what it
/// controls is visible.
fn assert_aria_matches_visibility(host: &Element, step: &str) {
    for button in query_all(host, "button[aria-controls]")
        .iter()
        .filter(|b| is_visible(b))
    {
        let controlled = query(
            host,
            &format!("#{}", button.get_attribute("aria-controls").expect("id")),
        );
        let expanded = button.get_attribute("aria-expanded").as_deref() == Some("true");
        assert_eq!(
            expanded,
            is_visible(&controlled),
            "after {step}: {}",
            text(button)
        );
    }
}

#[wasm_bindgen_test]
fn aria_expanded_always_matches_what_is_visible() {
    let host = container();
    let widget = mount(&host);
    assert_aria_matches_visibility(&host, "mount");
    let steps: [(&str, &dyn Fn()); 9] = [
        ("click mode", &|| mode_button(&host).click()),
        ("fold section 1", &|| {
            section_button(&host, SECTION_IDS[0]).click()
        }),
        ("fold section 4", &|| {
            section_button(&host, SECTION_IDS[3]).click()
        }),
        ("fold summary", &|| {
            query(&host, "button[data-rw-action=summary]").click()
        }),
        ("api showSummary", &|| {
            widget.show_summary().expect("showSummary")
        }),
        ("api expandSection", &|| {
            widget.expand_section(SECTION_IDS[3]).expect("expand")
        }),
        ("api collapseSection", &|| {
            widget.collapse_section(SECTION_IDS[1]).expect("collapse")
        }),
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
    assert!(elements_before
        .iter()
        .zip(&elements_after)
        .all(|(a, b)| a == b));
    assert!(paragraph.is_connected());
    host.remove();
}

#[wasm_bindgen_test]
fn bad_input_is_answered_with_an_error_naming_the_problem() {
    let host = container();
    let cases: Vec<(JsValue, JsValue, &str)> = vec![
        (
            "#nowhere".into(),
            JsValue::UNDEFINED,
            "no element matches '#nowhere'",
        ),
        (
            "##".into(),
            JsValue::UNDEFINED,
            "'##' is not a valid CSS selector",
        ),
        (
            JsValue::NULL,
            JsValue::UNDEFINED,
            "mount needs an Element or a CSS selector, got null",
        ),
        (
            host.clone().into(),
            options(r#"{"colour":"red"}"#),
            "unknown option 'colour'; the options are: mode, article",
        ),
        (
            host.clone().into(),
            options(r#"{"mode":"wide"}"#),
            "unknown mode 'wide'; use 'summary' or 'full'",
        ),
        (
            host.clone().into(),
            5.into(),
            "options must be an object like { mode: 'full' }, got a number",
        ),
        (
            host.clone().into(),
            options(r#"{"mode":5}"#),
            "the 'mode' option must be a string, got a number",
        ),
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
    let error = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED)
        .err()
        .expect("an error");
    assert_eq!(
        error_message(error),
        "this element already hosts a reading widget; destroy() it first"
    );

    widget.destroy().expect("destroy");
    for error in [
        widget.toggle().err(),
        widget.state().err(),
        widget.destroy().err(),
    ] {
        let error = error.expect("an error after destroy");
        assert_eq!(
            error_message(error),
            "this reading widget was destroyed; mount a new one"
        );
    }
    host.remove();
}

#[wasm_bindgen_test]
fn destroy_leaves_the_host_as_it_found_it() {
    let host = container();
    host.set_attribute("data-note", "publisher's")
        .expect("attribute");
    let before = host.outer_html();
    let loading = host.first_child().expect("a child");

    let widget = mount(&host);
    assert!(
        !loading.is_connected(),
        "the placeholder's content is set aside while mounted"
    );
    mode_button(&host).click();
    section_button(&host, SECTION_IDS[1]).click();
    widget.destroy().expect("destroy");

    assert_eq!(host.outer_html(), before);
    assert!(
        host.first_child().as_ref() == Some(&loading),
        "the same node came back"
    );
    // A second widget can mount where the first one was.
    let again = mount(&host);
    again.destroy().expect("destroy");
    assert_eq!(host.outer_html(), before);
    host.remove();
}

#[wasm_bindgen_test]
fn the_dom_matches_the_native_html_render_byte_for_byte() {
    for (full, mode_option) in [
        (false, r#"{"mode":"summary"}"#),
        (true, r#"{"mode":"full"}"#),
    ] {
        let host = container();
        let _widget =
            ReadingWidget::mount(host.clone().into(), options(mode_option)).expect("mount");
        let article = query(&host, "article");
        let title_id = article
            .get_attribute("aria-labelledby")
            .expect("aria-labelledby");
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
    assert_eq!(
        (mode(&first).as_str(), mode(&second).as_str()),
        ("full", "summary")
    );
    let ids = |host: &Element| -> Vec<String> {
        query_all(host, "[id]").iter().map(|e| e.id()).collect()
    };
    let first_ids = ids(&first_host);
    assert!(!first_ids.is_empty());
    assert!(ids(&second_host).iter().all(|id| !first_ids.contains(id)));
    first_host.remove();
    second_host.remove();
}
