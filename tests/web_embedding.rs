//! Browser tests of a widget's life on a host page: `destroy()` gives the host back as it
//! found it (shadow root or light DOM) and a new widget mounts in its place; widgets side by
//! side or one inside another keep their own ids, state and buttons; the state survives a
//! remount in the same tab unless persistence is off; `mountAll` (JavaScript, tested in tests/e2e) mounts the page's
//! placeholders.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    container, document, expanded, is_visible, mode, mode_button, mount, mount_light, options, query,
    query_all, section_button, session_storage, shadow, storage_key, SECTION_IDS,
};
use reading_widget::ReadingWidget;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

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
    assert_eq!(
        root.inner_html(),
        r#"<slot data-reading-widget-slot=""></slot>"#,
        "the shadow root renders the host's children"
    );
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
    assert_eq!(root.inner_html(), r#"<slot data-reading-widget-slot=""></slot>"#);
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

#[wasm_bindgen_test]
fn the_state_survives_a_remount_in_the_same_tab_unless_persistence_is_off() {
    let storage = session_storage();
    storage.remove_item(&storage_key()).expect("clear");
    let host = container();
    let widget = ReadingWidget::mount(host.clone().into(), JsValue::UNDEFINED).expect("mount");
    widget.show_full().expect("showFull");
    widget.collapse_section(SECTION_IDS[0].into()).expect("collapse");
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
