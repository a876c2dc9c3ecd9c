//! Browser tests of misuse: every mistake a host can make (a target that is missing or cannot
//! hold a widget, options of the wrong shape, an unknown section, a destroyed widget) is a JS
//! `Error` whose message names the problem, never a wasm trap, and every widget on the page
//! keeps working; listeners that call back into the widget while it is busy (re-entrance)
//! are served.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::events::{change, ready, Listening, ALL, CHANGE, READY};
use common::{
    container, document, error_message, mode, mode_button, mount, mount_light, options, LOADING, SECTION_IDS,
    SLUG,
};
use reading_widget::ReadingWidget;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

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
    let error = widget.expand_section("nope".into()).expect_err("an error");
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
fn add_articles_throws_for_bytes_that_are_not_an_article_file_of_this_release_saying_why() {
    use reading_widget_view::blob::{file, file_of, FORMAT};
    use reading_widget_view::BUILD;
    // A file of no article: taken, and adds nothing.
    assert!(ReadingWidget::add_articles(&file(&[])).is_ok());
    let mut cut = file(&[]);
    cut.pop();
    let cases: [(Vec<u8>, String); 4] = [
        (b"<!doctype html><title>Not found</title>".to_vec(), "these bytes are not an article file".to_owned()),
        (
            cut,
            "this article file is damaged (its checksum does not match): fetch or build it again".to_owned(),
        ),
        (
            file_of(FORMAT, "0123456789abcdef", &[0]),
            [
                "this article file was written by another release (build 0123456789abcdef); this module reads \
                 build ",
                BUILD,
                ": build the articles again with this release",
            ]
            .concat(),
        ),
        (
            file_of(FORMAT + 1, BUILD, &[0]),
            ["this article file was written by another release (build ", BUILD, "); this module reads build ", BUILD, ": build the articles again with this release"].concat(),
        ),
    ];
    for (bytes, expected) in cases {
        let error = ReadingWidget::add_articles(&bytes).expect_err("refused");
        assert_eq!(error_message(error), expected);
    }
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
        (
            // Array.isArray throws on a revoked Proxy; that must be an Error, not a throw
            // through the module.
            host.clone().into(),
            js("const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy"),
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
    for error in [widget.expand_section("nope".into()).err(), widget.collapse_section("".into()).err()] {
        let message = error_message(error.expect("an error"));
        assert!(message.starts_with("unknown section '"), "{message}");
        assert!(message.ends_with(&format!("'; the sections are: {sections}")), "{message}");
    }
    // Not a string: named as such (the glue used to pass a number on as '' and throw a
    // TypeError of its own on null; found by tests/e2e/model.test.mjs).
    let not_strings = [
        (widget.expand_section(JsValue::from(2)).err(), "the section id must be a string"),
        (widget.collapse_section(JsValue::NULL).err(), "the section id must be a string"),
        (widget.expand_section(JsValue::UNDEFINED).err(), "the section id must be a string"),
    ];
    for (error, expected) in not_strings {
        assert_eq!(error_message(error.expect("an error")), expected);
    }
    assert_eq!(mode(&widget), "summary", "nothing changed");
    widget.destroy().expect("destroy");
    let after_destroy = [
        widget.toggle().err(),
        widget.show_full().err(),
        widget.show_summary().err(),
        widget.state().err(),
        widget.expand_section(SECTION_IDS[0].into()).err(),
        widget.collapse_section(SECTION_IDS[0].into()).err(),
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

#[wasm_bindgen_test]
fn a_listener_can_destroy_and_remount_on_the_same_host_in_light_and_shadow_dom() {
    // destroy() inside a listener takes the widget off at once, so the host is free for a
    // new widget before the call that sent the event has returned.
    for light in [false, true] {
        let host = container();
        let later: Later = Rc::new(RefCell::new(None));
        let remounted: Later = Rc::new(RefCell::new(None));
        let (handle, again, target) = (Rc::clone(&later), Rc::clone(&remounted), host.clone());
        let options_json = if light { r#"{"persist":false,"shadow":false}"# } else { r#"{"persist":false}"# };
        let _listening = Listening::with(&host, move |event| {
            if event.type_() != CHANGE || again.borrow().is_some() {
                return;
            }
            if let Some(widget) = handle.borrow_mut().take() {
                widget.destroy().expect("destroy in the listener");
                let fresh =
                    ReadingWidget::mount(target.clone().into(), options(options_json)).expect("remount");
                *again.borrow_mut() = Some(fresh);
            }
        });
        let widget = ReadingWidget::mount(host.clone().into(), options(options_json)).expect("mount");
        *later.borrow_mut() = ReadingWidget::get(host.clone().into()).expect("get");
        widget.show_full().expect("showFull");
        let fresh = remounted.borrow_mut().take().expect("remounted in the listener");
        // One widget in the host, in summary mode (the new one), and the host's own children
        // set aside once, not twice.
        let articles = if light {
            host.query_selector_all("article.rw")
        } else {
            common::shadow(&host).query_selector_all("article.rw")
        };
        assert_eq!(articles.expect("selector").length(), 1, "light: {light}");
        assert_eq!(mode(&fresh), "summary");
        mode_button(&host).click();
        assert_eq!(mode(&fresh), "full");
        fresh.destroy().expect("destroy");
        assert_eq!(host.inner_html(), LOADING, "light: {light}");
        host.remove();
    }
}

#[wasm_bindgen_test]
fn someone_elses_shadow_root_with_a_bare_slot_is_not_taken_over() {
    // Many wrapper components' shadow roots hold just a <slot>; only the marked one a
    // destroyed widget leaves is reused.
    let host = container();
    let root =
        host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).expect("attach");
    let slot = document().create_element("slot").expect("slot");
    root.append_child(&slot).expect("append");
    let error = ReadingWidget::mount(host.clone().into(), options(r#"{"persist":false}"#)).err();
    let message = error_message(error.expect("an error"));
    assert!(message.starts_with("this element already has a shadow root of its own"), "{message}");
    assert_eq!(root.inner_html(), "<slot></slot>", "the component's root is untouched");
    host.remove();
}

#[wasm_bindgen_test]
fn a_label_left_undefined_keeps_its_english_text_and_unknown_names_come_first() {
    let host = container();
    let labels = js("return { persist: false, labels: { readFull: undefined } }");
    let widget = ReadingWidget::mount(host.clone().into(), labels).expect("mount");
    assert!(common::visible_text(&mode_button(&host)).starts_with("Read the full article"));
    widget.destroy().expect("destroy");
    let error = ReadingWidget::mount(host.clone().into(), options(r#"{"labels":{"readfull":5}}"#)).err();
    let message = error_message(error.expect("an error"));
    assert!(message.starts_with("unknown label 'readfull'"), "{message}");
    host.remove();
}
