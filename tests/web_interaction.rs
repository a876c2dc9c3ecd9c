//! Browser tests of reading, driven with real clicks and keys: the mode control, the section
//! headers and the summary box fold and unfold what they control, `aria-expanded` follows what
//! is visible, and the DOM is flipped, never rebuilt; the live region announces each mode;
//! arrow keys move between headers and focus never stays in folded text; find-in-page
//! (`beforematch`) and a section id in the URL open what they point at.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    container, document, expanded, is_focused, is_visible, mode, mode_button, mount, options, query,
    query_all, section_button, set_hash, shows_content, text, visible_text, SECTION_IDS,
};
use reading_widget::ReadingWidget;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

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
    let button = query(&host, ".rw-summary-heading button");
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
        ("fold summary", &|| query(&host, ".rw-summary-heading button").click()),
        ("api showSummary", &|| widget.show_summary().expect("showSummary")),
        ("api expandSection", &|| widget.expand_section(SECTION_IDS[3].into()).expect("expand")),
        ("api collapseSection", &|| widget.collapse_section(SECTION_IDS[1].into()).expect("collapse")),
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
    widget.collapse_section(SECTION_IDS[2].into()).expect("collapse");
    assert_eq!(mode(&widget), "summary");
    widget.expand_section(SECTION_IDS[2].into()).expect("expand");
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
    let all = query(&host, "button.rw-all");
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

// The keyboard and focus (WAI-ARIA APG accordion)

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

// Find-in-page and deep links open what they point at

#[wasm_bindgen_test]
fn folded_text_is_hidden_until_found_and_beforematch_opens_it() {
    let host = container();
    let widget = mount(&host);
    widget.collapse_section(SECTION_IDS[2].into()).expect("collapse");
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

#[wasm_bindgen_test]
fn a_section_id_in_the_url_opens_that_section_on_mount_and_on_hashchange() {
    let host = container();
    set_hash(SECTION_IDS[3]);
    let widget = ReadingWidget::mount(host.clone().into(), options(r#"{"persist":false}"#)).expect("mount");
    assert_eq!(mode(&widget), "full");
    widget.destroy().expect("destroy");

    set_hash("");
    let widget = mount(&host);
    widget.collapse_section(SECTION_IDS[1].into()).expect("collapse");
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
