//! Browser tests of what the widget tells its host: one `readingwidget:change` per change, with
//! its cause (`api`, `user`, `hash`, `find`, `restore`), and one `readingwidget:ready` after
//! mounting, their details, and how they bubble out of shadow roots; then the static
//! `ReadingWidget.get` (a handle to a live widget) and `ReadingWidget.articles` (what is
//! compiled in, as the widget renders it).

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::events::{
    change, field, is_plain_object, keys, ready, string, strings, Heard, Listening, ALL, CHANGE, READY,
};
use common::{
    container, container_in, document, error_message, expanded, hashchange, is_visible, mode, mode_button,
    mount, panel, query, query_all, section_button, session_storage, set_hash, storage_key, text,
    visible_text, SECTION_IDS, SLUG,
};
use reading_widget::ReadingWidget;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn each_api_call_that_changes_something_sends_one_change_with_cause_api() {
    let host = container();
    let listening = Listening::on(&host);
    let widget = mount(&host);
    assert_eq!(listening.told(), [ready("summary", &ALL)]);

    widget.show_full().expect("showFull");
    widget.show_full().expect("showFull again changes nothing");
    widget.collapse_section(SECTION_IDS[1].into()).expect("collapse");
    widget.collapse_section(SECTION_IDS[1].into()).expect("collapse again changes nothing");
    widget.expand_section(SECTION_IDS[1].into()).expect("expand");
    widget.show_summary().expect("showSummary");
    widget.show_summary().expect("showSummary again changes nothing");
    // An open section, from the summary: only the mode changes.
    widget.expand_section(SECTION_IDS[3].into()).expect("expand");
    widget.collapse_section(SECTION_IDS[0].into()).expect("collapse");
    widget.toggle().expect("toggle");
    // A folded section, from the summary: the section is the one that changed.
    widget.expand_section(SECTION_IDS[0].into()).expect("expand");
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
    let all = query(&host, "button.rw-all");
    mode_button(&host).click();
    all.click(); // Collapse all
    section_button(&host, SECTION_IDS[2]).click();
    all.click(); // Expand all: three sections open
    query(&host, ".rw-summary-heading button").click();
    query(&host, ".rw-summary-heading button").click();
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

#[wasm_bindgen_test]
fn a_section_in_the_url_sends_changes_with_cause_hash_on_mount_and_on_hashchange() {
    let host = container();
    let listening = Listening::on(&host);
    set_hash(SECTION_IDS[2]);
    let widget = mount(&host);
    set_hash("");
    // The section was open already: only the mode changed.
    assert_eq!(listening.told(), [change("hash", "full", None, &ALL), ready("full", &ALL)]);

    widget.collapse_section(SECTION_IDS[1].into()).expect("collapse");
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
    widget.collapse_section(SECTION_IDS[3].into()).expect("collapse");
    let listening = Listening::on(&host);
    let beforematch = |element: &HtmlElement| {
        element.dispatch_event(&Event::new("beforematch").expect("event")).expect("dispatch");
    };
    beforematch(&query(&host, ".rw-full"));
    beforematch(&panel(&host, SECTION_IDS[3]));
    // The summary box alone is not news to the host.
    query(&host, ".rw-summary-heading button").click();
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
    first.collapse_section(SECTION_IDS[0].into()).expect("collapse");
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
    by_selector.collapse_section(SECTION_IDS[2].into()).expect("collapse");
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
