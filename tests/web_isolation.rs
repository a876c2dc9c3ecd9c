//! Browser tests of styling and isolation: the widget renders into an open shadow root with
//! one shared stylesheet adopted; light-DOM widgets share one document sheet, removed with the
//! last of them; hostile page CSS does not reach inside; the host themes the widget through
//! custom properties and `::part`; with `{ shadow: false }` page CSS reaches it, as documented.
//!
//! A test that changes page CSS reads everything it needs, puts the page back, and only then
//! asserts: a failed assertion must not leave a hostile style behind for the next test.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    computed, container, document, is_visible, mode_button, mount, mount_light, mount_with, page_style,
    query, query_all, shadow, LOADING,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

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
fn a_light_dom_widget_inside_another_components_shadow_root_is_styled_there() {
    // The document's adopted sheets do not reach into a shadow root, so the sheet goes to
    // the root the host sits in, and leaves it with the widget.
    let outer = container();
    let component =
        outer.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).expect("attach");
    let host = common::container_in(&component);
    let widget = mount_light(&host);
    assert_eq!(component.adopted_style_sheets().length(), 1, "adopted by the component's root");
    assert_eq!(computed(&mode_button(&host), "border-top-left-radius"), "999px", "styled");
    widget.destroy().expect("destroy");
    assert_eq!(component.adopted_style_sheets().length(), 0, "taken away with the widget");
    outer.remove();
}
