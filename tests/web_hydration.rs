//! Browser tests of the take-over: markup pre-rendered natively (`reading_widget::prerender`),
//! parsed by the browser into a declarative shadow root (`setHTMLUnsafe`, as the HTML parser
//! does on a page load) or into the light DOM, is adopted in place by `mount`: the same nodes,
//! the same DOM as a fresh render, working clicks and keys, the article given back on
//! `destroy()`. Markup this module would not render is reported once and rendered afresh;
//! options that ask for something else render afresh without a word.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{
    document, error_message, expanded, is_focused, mode, mode_button, options, query, query_all,
    section_button, SECTION_IDS,
};
use common::{prerender, render_live};
use reading_widget::ReadingWidget;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The id prefix the pre-rendered markup is written with, as `make dist` numbers them.
const PREFIX: &str = "rwp1-";

/// A page region holding one pre-rendered host, removed on drop (even when a test fails).
struct Page {
    region: Element,
    host: Element,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.region.remove();
    }
}

/// `html` parsed as the HTML parser parses a page: `setHTMLUnsafe` makes declarative shadow
/// roots, which `innerHTML` does not.
fn parse_into(region: &Element, html: &str) {
    let set = js_sys::Reflect::get(region, &"setHTMLUnsafe".into()).expect("setHTMLUnsafe");
    set.unchecked_into::<js_sys::Function>().call1(region, &html.into()).expect("setHTMLUnsafe()");
}

fn region() -> Element {
    let region = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&region).expect("append");
    region
}

/// A host with `markup` in a declarative shadow root (`shadow`) or as its children.
fn page_with(markup: &str, shadow: bool) -> Page {
    let region = region();
    let html = if shadow {
        format!("<div class=\"host\"><template shadowrootmode=\"open\">{markup}</template></div>")
    } else {
        format!("<div class=\"host\">{markup}</div>")
    };
    parse_into(&region, &html);
    let host = region.first_element_child().expect("the host");
    if shadow {
        assert!(host.shadow_root().is_some(), "setHTMLUnsafe made a declarative shadow root");
    }
    Page { region, host }
}

fn static_markup(full: bool) -> String {
    prerender(None, full, PREFIX, true).expect("prerender")
}

/// The widget's root element, in the host's shadow root or among its children.
fn widget_root(host: &Element) -> Element {
    query(host, "article.rw").into()
}

/// Captures `console.warn` until dropped, then puts the page's own back.
struct Warnings {
    original: JsValue,
    seen: Rc<RefCell<Vec<String>>>,
    _hook: Closure<dyn Fn(JsValue)>,
}

impl Warnings {
    fn capture() -> Warnings {
        let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).expect("console");
        let original = js_sys::Reflect::get(&console, &"warn".into()).expect("warn");
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let hook = Closure::<dyn Fn(JsValue)>::new(move |message: JsValue| {
            sink.borrow_mut().push(message.as_string().unwrap_or_default());
        });
        js_sys::Reflect::set(&console, &"warn".into(), hook.as_ref()).expect("hook warn");
        Warnings { original, seen, _hook: hook }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.borrow().clone()
    }
}

impl Drop for Warnings {
    fn drop(&mut self) {
        let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).expect("console");
        let _ = js_sys::Reflect::set(&console, &"warn".into(), &self.original);
    }
}

/// The article's text elements (headline, paragraphs, bullets), each marked with an expando
/// property, so the same objects can be recognised after the module has run.
fn mark_text_elements(host: &Element) -> Vec<HtmlElement> {
    let marked = query_all(host, "h1, p, li");
    assert!(marked.len() > 20, "the headline, paragraphs and bullets are there to mark");
    for (i, element) in marked.iter().enumerate() {
        js_sys::Reflect::set(element, &"rwMark".into(), &JsValue::from(i as u32)).expect("mark");
    }
    marked
}

/// Every marked element is still in the widget, and each query finds the marked object.
fn assert_same_nodes(host: &Element, marked: &[HtmlElement]) {
    let now = query_all(host, "h1, p, li");
    assert_eq!(now.len(), marked.len(), "as many text elements as before");
    for (i, (before, after)) in marked.iter().zip(&now).enumerate() {
        assert!(before == after, "text element {i} is a new node");
        let mark = js_sys::Reflect::get(after, &"rwMark".into()).expect("mark");
        assert_eq!(mark.as_f64(), Some(i as f64));
    }
}

/// A mounted widget, destroyed when dropped, so a test that fails half-way leaves no widget
/// (and no listener) behind for the next; tests that check `destroy()` call it themselves.
struct Mounted(ReadingWidget);

impl std::ops::Deref for Mounted {
    type Target = ReadingWidget;
    fn deref(&self) -> &ReadingWidget {
        &self.0
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = self.0.destroy();
    }
}

fn mount_on(host: &Element, json: &str) -> Mounted {
    Mounted(ReadingWidget::mount(host.into(), options(json)).expect("mount"))
}

/// The slugs of the compiled-in articles, as `ReadingWidget.articles()` lists them.
fn slugs() -> Vec<String> {
    let articles = ReadingWidget::articles().expect("articles");
    js_sys::Array::from(&articles).iter().map(|article| common::events::string(&article, "slug")).collect()
}

#[wasm_bindgen_test]
fn a_declarative_shadow_root_is_taken_over_with_the_same_nodes_and_the_fresh_dom() {
    for (slug, full) in slugs().iter().flat_map(|slug| [(slug.clone(), false), (slug.clone(), true)]) {
        let json = format!(
            r#"{{"persist":false,"article":"{slug}","mode":"{}"}}"#,
            if full { "full" } else { "summary" }
        );
        let page = page_with(&prerender(Some(&slug), full, PREFIX, true).expect("prerender"), true);
        let marked = mark_text_elements(&page.host);
        let warnings = Warnings::capture();
        let widget = mount_on(&page.host, &json);
        assert_eq!(warnings.seen(), Vec::<String>::new(), "no warning for matching markup");
        assert_same_nodes(&page.host, &marked);
        let expected = render_live(Some(&slug), full, PREFIX, true).expect("render_live");
        assert_eq!(widget_root(&page.host).outer_html(), expected);
        assert_eq!(mode(&widget), if full { "full" } else { "summary" });
        widget.destroy().expect("destroy");
    }
}

#[wasm_bindgen_test]
fn the_api_behaves_as_after_a_fresh_mount_events_get_state_and_methods() {
    use common::events::{change, ready, Listening, ALL};
    let page = page_with(&static_markup(false), true);
    let listening = Listening::on(&page.host);
    let widget = mount_on(&page.host, r#"{"persist":false}"#);
    assert_eq!(listening.told(), vec![ready("summary", &ALL)]);
    let handle =
        ReadingWidget::get(page.host.clone().into()).expect("get").expect("a handle for the taken-over host");
    handle.show_full().expect("showFull");
    widget.collapse_section(SECTION_IDS[3].into()).expect("collapseSection");
    section_button(&page.host, SECTION_IDS[0]).click();
    assert_eq!(
        listening.told(),
        vec![
            change("api", "full", None, &ALL),
            change("api", "full", Some(SECTION_IDS[3]), &ALL[..3]),
            change("user", "full", Some(SECTION_IDS[0]), &ALL[1..3]),
        ]
    );
    assert_eq!(expanded(&widget), SECTION_IDS[1..3].to_vec());
    widget.destroy().expect("destroy");
    assert!(ReadingWidget::get(page.host.clone().into()).expect("get").is_none(), "gone after destroy()");
}

#[wasm_bindgen_test]
fn light_dom_markup_is_taken_over_with_the_same_nodes() {
    assert_eq!(adopted_widget_sheets(), 0, "no light-DOM widget on the page yet");
    // Light-DOM markup names no parts (`::part()` cannot reach it): the module's neither.
    let markup = prerender(None, false, PREFIX, false).expect("prerender");
    assert!(!markup.contains(" part="));
    let page = page_with(&markup, false);
    let marked = mark_text_elements(&page.host);
    let warnings = Warnings::capture();
    let widget = mount_on(&page.host, r#"{"persist":false,"shadow":false}"#);
    assert_eq!(warnings.seen(), Vec::<String>::new());
    assert_same_nodes(&page.host, &marked);
    assert_eq!(
        widget_root(&page.host).outer_html(),
        render_live(None, false, PREFIX, false).expect("render")
    );
    assert_eq!(adopted_widget_sheets(), 1, "the document adopts the sheet while the widget is live");
    widget.destroy().expect("destroy");
    assert_eq!(widget_root(&page.host).outer_html(), markup, "the markup as the page had it");
    assert_eq!(adopted_widget_sheets(), 0, "and the document's sheets as they were");
}

/// How many of the document's adopted sheets are the widget's (its first rule is `:host`).
fn adopted_widget_sheets() -> usize {
    let sheets = js_sys::Reflect::get(&document(), &"adoptedStyleSheets".into()).expect("adoptedStyleSheets");
    js_sys::Array::from(&sheets)
        .iter()
        .filter(|sheet| {
            let sheet: &web_sys::CssStyleSheet = sheet.unchecked_ref();
            let first = sheet.css_rules().ok().and_then(|rules| rules.item(0));
            first.is_some_and(|rule| rule.css_text().starts_with(":host"))
        })
        .count()
}

#[wasm_bindgen_test]
fn clicks_and_keys_work_after_the_take_over() {
    let page = page_with(&static_markup(false), true);
    let widget = mount_on(&page.host, r#"{"persist":false}"#);
    let control = mode_button(&page.host);
    control.click();
    assert_eq!(mode(&widget), "full");
    assert_eq!(control.get_attribute("aria-expanded").as_deref(), Some("true"));
    let first = section_button(&page.host, SECTION_IDS[0]);
    first.click();
    assert_eq!(expanded(&widget), SECTION_IDS[1..].to_vec());
    assert_eq!(first.get_attribute("aria-expanded").as_deref(), Some("false"));
    first.focus().expect("focus");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowDown");
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    first.dispatch_event(&event).expect("dispatch");
    assert!(is_focused(&page.host, &section_button(&page.host, SECTION_IDS[1])), "ArrowDown moves on");
    control.click();
    assert_eq!(mode(&widget), "summary");
    widget.destroy().expect("destroy");
}

#[wasm_bindgen_test]
fn a_reader_who_opened_the_full_text_before_the_module_keeps_it_open() {
    let page = page_with(&static_markup(false), true);
    let details = query(&page.host, "details");
    details.set_attribute("open", "").expect("open, as a click on its summary does");
    let warnings = Warnings::capture();
    let listening = common::events::Listening::on(&page.host);
    let widget = mount_on(&page.host, r#"{"persist":false}"#);
    assert_eq!(warnings.seen(), Vec::<String>::new());
    assert_eq!(mode(&widget), "full", "the reader's own choice wins over the default");
    let all = common::events::ALL;
    assert_eq!(
        listening.told(),
        vec![common::events::change("user", "full", None, &all), common::events::ready("full", &all)],
        "told as the reader's own change, before ready"
    );
    assert_eq!(mode_button(&page.host).get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(query(&page.host, ".rw-full").get_attribute("hidden").is_none());
    widget.destroy().expect("destroy");
    // The static markup with its disclosure open, as the reader had it.
    assert_eq!(widget_root(&page.host).outer_html(), static_markup(true));
}

#[wasm_bindgen_test]
fn a_page_served_in_full_takes_the_mode_option_as_state() {
    let page = page_with(&static_markup(true), true);
    let warnings = Warnings::capture();
    let widget = mount_on(&page.host, r#"{"persist":false,"mode":"summary"}"#);
    assert_eq!(warnings.seen(), Vec::<String>::new(), "a mode is state, not a mismatch");
    assert_eq!(mode(&widget), "summary");
    assert_eq!(widget_root(&page.host).outer_html(), render_live(None, false, PREFIX, true).expect("render"));
    widget.destroy().expect("destroy");
}

#[wasm_bindgen_test]
fn a_reader_who_closed_the_full_text_of_a_full_page_before_the_module_keeps_it_closed() {
    let page = page_with(&static_markup(true), true);
    query(&page.host, "details").remove_attribute("open").expect("closed, as a click on its summary does");
    let widget = mount_on(&page.host, r#"{"persist":false,"mode":"full"}"#);
    assert_eq!(mode(&widget), "summary");
    widget.destroy().expect("destroy");
    assert_eq!(widget_root(&page.host).outer_html(), static_markup(false));
}

#[wasm_bindgen_test]
fn destroy_gives_the_reader_the_prerendered_article_back_and_a_new_mount_takes_it_again() {
    let markup = static_markup(false);
    let page = page_with(&markup, true);
    let before = reading_widget::live_listeners();
    let widget = mount_on(&page.host, r#"{"persist":false}"#);
    mode_button(&page.host).click();
    widget.destroy().expect("destroy");
    assert_eq!(reading_widget::live_listeners(), before, "no listener left");
    // The static markup again: the native disclosure, no control that needs the module.
    assert_eq!(widget_root(&page.host).outer_html(), markup);
    let warnings = Warnings::capture();
    let again = mount_on(&page.host, r#"{"persist":false}"#);
    assert_eq!(warnings.seen(), Vec::<String>::new());
    assert_eq!(widget_root(&page.host).outer_html(), render_live(None, false, PREFIX, true).expect("render"));
    again.destroy().expect("destroy");
    assert_eq!(
        error_message(again.destroy().expect_err("destroyed")),
        "this reading widget was destroyed; mount a new one"
    );
}

/// The root's id prefix, read off the headline's id it points at.
fn prefix_of(root: &Element) -> String {
    let title = root.get_attribute("aria-labelledby").expect("aria-labelledby");
    title.strip_suffix("title").expect("a prefix").to_owned()
}

/// Mounts over markup this module would not render; checks one warning naming each of
/// `reasons`, a fresh widget with none of the old nodes, and the old markup back after
/// `destroy()`.
fn assert_rendered_afresh(markup: &str, reasons: &[&str]) {
    let page = page_with(markup, true);
    let marked = mark_text_elements(&page.host);
    let warnings = Warnings::capture();
    let widget = mount_on(&page.host, r#"{"persist":false}"#);
    let seen = warnings.seen();
    assert_eq!(seen.len(), 1, "one warning: {seen:?}");
    assert!(seen[0].starts_with("reading-widget: the pre-rendered article does not match"), "{}", seen[0]);
    for reason in reasons {
        assert!(seen[0].contains(reason), "the warning names the reason '{reason}': {}", seen[0]);
    }
    let root = widget_root(&page.host);
    let prefix = prefix_of(&root);
    assert_ne!(prefix, PREFIX, "a fresh widget's own ids");
    assert_eq!(root.outer_html(), render_live(None, false, &prefix, true).expect("render"));
    assert!(marked.iter().all(|old| !old.is_connected()), "no node of the old markup is kept");
    mode_button(&page.host).click();
    assert_eq!(mode(&widget), "full");
    widget.destroy().expect("destroy");
    assert_eq!(widget_root(&page.host).outer_html(), markup, "the reader gets the page's article back");
}

#[wasm_bindgen_test]
fn an_edited_paragraph_is_reported_and_rendered_afresh() {
    let markup = static_markup(false);
    // The first paragraph of the second section, its first word changed.
    let panels: Vec<&str> = markup.split("<div class=\"rw-panel\"").collect();
    let paragraph = panels[2].split("<p>").nth(1).and_then(|p| p.split("</p>").next()).expect("a paragraph");
    let edited = markup.replacen(paragraph, &format!("X{paragraph}"), 1);
    assert_ne!(edited, markup);
    // As the warning quotes it: this module's text, up to any markup or entity.
    let start: String = paragraph.chars().take_while(|c| *c != '&' && *c != '<').take(40).collect();
    assert!(start.len() > 20, "a paragraph that starts with text: {paragraph}");
    let (page, module) = (format!("the page has \"X{start}"), format!("where this module has \"{start}"));
    assert_rendered_afresh(&edited, &[&page, &module]);
}

#[wasm_bindgen_test]
fn a_missing_section_is_reported_and_rendered_afresh() {
    let markup = static_markup(false);
    let start = markup.find("<section class=\"rw-section\"").expect("a section");
    let end = start + markup[start..].find("</section>").expect("its end") + "</section>".len();
    let cut = format!("{}{}", &markup[..start], &markup[end..]);
    // The second section is where the first should be: its button's id is the first difference.
    let page = format!("the page has \"id=\"{PREFIX}h-{}\"", SECTION_IDS[1]);
    let module = format!("where this module has \"id=\"{PREFIX}h-{}\"", SECTION_IDS[0]);
    assert_rendered_afresh(&cut, &[&page, &module]);
}

#[wasm_bindgen_test]
fn markup_of_another_build_is_reported_and_rendered_afresh() {
    let markup = static_markup(false);
    let start = markup.find("data-rw-build=\"").expect("the build attribute") + "data-rw-build=\"".len();
    let end = start + markup[start..].find('"').expect("its end");
    let other = format!("{}0123456789abcdef{}", &markup[..start], &markup[end..]);
    assert_rendered_afresh(&other, &["pre-rendered by another build (0123456789abcdef"]);
}

#[wasm_bindgen_test]
fn markup_a_cms_stripped_of_data_attributes_is_reported_on_a_placeholder_and_rendered_afresh() {
    let markup = static_markup(false);
    let start = markup.find(" data-rw-build=\"").expect("the build attribute");
    let end = start
        + " data-rw-build=\"".len()
        + markup[start + " data-rw-build=\"".len()..].find('"').expect("its end")
        + 1;
    let stripped = format!("{}{}", &markup[..start], &markup[end..]);
    let page = page_with(&stripped, true);
    page.host.set_attribute("data-reading-widget", "").expect("a placeholder");
    let warnings = Warnings::capture();
    let widget = mount_on(&page.host, r#"{"persist":false}"#);
    let seen = warnings.seen();
    assert_eq!(seen.len(), 1, "one warning: {seen:?}");
    assert!(seen[0].contains("its root carries no data-rw-build attribute"), "{}", seen[0]);
    assert_eq!(query_all(&page.host, "article.rw").len(), 1, "one widget, rendered afresh");
    widget.destroy().expect("destroy");
    assert_eq!(widget_root(&page.host).outer_html(), stripped, "the page's markup back");
}

#[wasm_bindgen_test]
fn other_labels_render_afresh_without_a_warning() {
    let json = r#"{"persist":false,"labels":{"readFull":"전체 기사 읽기"}}"#;
    let page = page_with(&static_markup(false), true);
    let warnings = Warnings::capture();
    let widget = mount_on(&page.host, json);
    assert_eq!(warnings.seen(), Vec::<String>::new(), "the host asked for this");
    // The same DOM as a fresh mount with those labels, but for the id prefix.
    let plain = region();
    let _plain = Page { region: plain.clone(), host: plain.clone() };
    let fresh = mount_on(&plain, json);
    let fresh_root = widget_root(&plain);
    let root = widget_root(&page.host);
    let expected = fresh_root.outer_html().replace(&prefix_of(&fresh_root), &prefix_of(&root));
    assert_eq!(root.outer_html(), expected);
    assert!(root.outer_html().contains("전체 기사 읽기"));
    fresh.destroy().expect("destroy");
    widget.destroy().expect("destroy");
}

#[wasm_bindgen_test]
fn shadow_false_on_a_declarative_root_renders_in_the_light_dom_and_gives_the_root_back() {
    let markup = static_markup(false);
    let page = page_with(&markup, true);
    let warnings = Warnings::capture();
    let widget = mount_on(&page.host, r#"{"persist":false,"shadow":false}"#);
    assert_eq!(warnings.seen(), Vec::<String>::new());
    let root = page.host.shadow_root().expect("the declarative root");
    // The declarative root now only slots the light DOM, where the widget is.
    assert_eq!(root.child_element_count(), 1);
    assert_eq!(root.first_element_child().map(|slot| slot.local_name()).as_deref(), Some("slot"));
    let light = page.host.query_selector("article.rw").expect("selector").expect("a light-DOM widget");
    assert!(light.dyn_ref::<HtmlElement>().is_some_and(|light| light.offset_height() > 0), "and it shows");
    widget.destroy().expect("destroy");
    assert_eq!(root.first_element_child().map(|article| article.outer_html()), Some(markup));
    assert!(page.host.first_element_child().is_none());
}

#[wasm_bindgen_test]
fn a_fragment_inserted_with_inner_html_gets_no_shadow_root_and_is_rendered_afresh() {
    let region = region();
    let _cleanup = Page { region: region.clone(), host: region.clone() };
    region.set_inner_html(&format!(
        "<div class=\"host\"><template shadowrootmode=\"open\">{}</template></div>",
        static_markup(false)
    ));
    let host = region.first_element_child().expect("host");
    assert!(host.shadow_root().is_none(), "innerHTML makes no declarative shadow root");
    assert!(host.dyn_ref::<HtmlElement>().is_some_and(|host| host.offset_height() == 0), "nothing shows");
    let warnings = Warnings::capture();
    let widget = mount_on(&host, r#"{"persist":false}"#);
    assert_eq!(warnings.seen(), Vec::<String>::new(), "a plain placeholder, not a mismatch");
    assert!(host.shadow_root().is_some());
    assert_eq!(query_all(&host, "article.rw").len(), 1);
    widget.destroy().expect("destroy");
}
