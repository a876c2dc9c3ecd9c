//! Browser tests of a widget whose host leaves the document without `destroy()`, as a
//! framework's unmount does: it acts on nothing more (no state change, no event, no stored
//! state), and the next mount or hash change lets it go (its listeners removed, its handle
//! throwing). A host moved within the document keeps its widget.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use common::events::{change, Listening, ALL};
use common::{
    container_in, document, error_message, expanded, mode, mode_button, mount, mount_with, panel,
    section_button, session_storage, set_hash, storage_key, SECTION_IDS,
};
use reading_widget::ReadingWidget;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event};

wasm_bindgen_test_configure!(run_in_browser);

const DESTROYED: &str = "this reading widget was destroyed; mount a new one";

/// A part of the page for one test, removed when the test ends however it ends.
struct Region(Element);

impl Region {
    fn new() -> Region {
        let region = document().create_element("div").expect("div");
        document().body().expect("body").append_child(&region).expect("append region");
        Region(region)
    }

    /// A fresh host in this region, with a placeholder's content.
    fn host(&self) -> Element {
        container_in(&self.0)
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// A widget destroyed when the test ends, unless it was let go already.
struct Mounted(ReadingWidget);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = self.0.destroy();
    }
}

/// Puts `location.hash` back as the test found it, however the test ends.
struct HashBack(String);

impl HashBack {
    fn new() -> HashBack {
        HashBack(web_sys::window().expect("window").location().hash().expect("hash"))
    }
}

impl Drop for HashBack {
    fn drop(&mut self) {
        set_hash(&self.0);
    }
}

/// Sets `location.hash` to `#id` and resolves once the browser has fired the `hashchange` for
/// it (one left over from an earlier test's navigation is not it). Registered after the
/// widgets' listeners, so they have all heard it by then. Fails after 5 s rather than hang.
struct Navigation {
    /// `Some(true)` once heard, `Some(false)` on timing out.
    outcome: Rc<Cell<Option<bool>>>,
    waker: Rc<RefCell<Option<Waker>>>,
    listener: Closure<dyn FnMut(Event)>,
    _timeout: Closure<dyn FnMut()>,
}

fn navigate(id: &str) -> Navigation {
    let window = web_sys::window().expect("window");
    let wanted = format!("#{id}");
    assert_ne!(
        window.location().hash().expect("hash"),
        wanted,
        "a navigation to where the page is fires nothing"
    );
    let outcome = Rc::new(Cell::new(None));
    let waker: Rc<RefCell<Option<Waker>>> = Rc::new(RefCell::new(None));
    let settle = {
        let (outcome, waker) = (Rc::clone(&outcome), Rc::clone(&waker));
        move |heard: bool| {
            if outcome.get().is_none() {
                outcome.set(Some(heard));
            }
            if let Some(waker) = waker.borrow_mut().take() {
                waker.wake();
            }
        }
    };
    let on_timeout = settle.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let url = js_sys::Reflect::get(&event, &"newURL".into()).ok().and_then(|url| url.as_string());
        if url.is_some_and(|url| url.ends_with(&wanted)) {
            settle(true);
        }
    });
    window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref()).expect("listen");
    let timeout = Closure::<dyn FnMut()>::new(move || on_timeout(false));
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(timeout.as_ref().unchecked_ref(), 5000)
        .expect("setTimeout");
    set_hash(id);
    Navigation { outcome, waker, listener, _timeout: timeout }
}

impl Future for Navigation {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.outcome.get() {
            Some(heard) => {
                assert!(heard, "the browser fired the hashchange within 5 s");
                Poll::Ready(())
            }
            None => {
                *self.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for Navigation {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window
                .remove_event_listener_with_callback("hashchange", self.listener.as_ref().unchecked_ref());
        }
    }
}

/// How many stylesheets the document has adopted (light-DOM widgets share one there).
fn document_sheets() -> u32 {
    js_sys::Array::from(&js_sys::Reflect::get(&document(), &"adoptedStyleSheets".into()).expect("sheets"))
        .length()
}

/// The state a widget on `host` with this id keeps for the tab, if any.
fn stored_for(host_id: &str) -> Option<String> {
    session_storage().get_item(&format!("{}#{host_id}", storage_key())).expect("getItem")
}

fn forget_stored(host_id: &str) {
    session_storage().remove_item(&format!("{}#{host_id}", storage_key())).expect("removeItem");
}

#[wasm_bindgen_test]
fn widgets_whose_hosts_were_removed_are_let_go_at_the_next_mount() {
    let region = Region::new();
    // One widget's listeners, counted on a page with no other widget: this mount lets go of
    // any an earlier test left out of the document.
    let probe = mount(&region.host());
    let one = reading_widget::live_listeners();
    probe.destroy().expect("destroy");
    assert_eq!(reading_widget::live_listeners(), 0, "no widget is left on the page");
    let sheets = document_sheets();

    // A framework unmounts its components: some hosts removed one by one, the rest with the
    // subtree they were in. One in four renders into the light DOM, with the document's sheet.
    let subtree = document().create_element("section").expect("section");
    region.0.append_child(&subtree).expect("append subtree");
    let mut hosts = Vec::new();
    let mut widgets = Vec::new();
    for i in 0..200 {
        let host = if i % 2 == 0 { region.host() } else { container_in(&subtree) };
        let options = if i % 4 == 0 { r#"{"persist":false,"shadow":false}"# } else { r#"{"persist":false}"# };
        widgets.push(mount_with(&host, options));
        hosts.push(host);
    }
    assert!(document_sheets() > sheets, "the light-DOM widgets adopted their sheet");
    for host in hosts.iter().step_by(2) {
        host.remove();
    }
    subtree.remove();
    assert!(hosts.iter().all(|host| !host.is_connected()));

    let elsewhere = region.host();
    let _live = Mounted(mount(&elsewhere));
    for (i, host) in hosts.iter().enumerate() {
        let found = ReadingWidget::get(host.into()).expect("get");
        assert!(found.is_none(), "the widget of removed host {i} was let go");
    }
    assert_eq!(reading_widget::live_listeners(), one, "only the new widget's listeners are held");
    assert_eq!(document_sheets(), sheets, "the light-DOM widgets' sheet left the document");
    for widget in &widgets {
        assert_eq!(
            error_message(widget.show_full().expect_err("a call on a let-go widget throws")),
            DESTROYED
        );
    }
}

#[wasm_bindgen_test]
async fn a_removed_widget_ignores_a_hash_change_and_is_let_go_while_a_live_one_follows_it() {
    let _hash = HashBack::new();
    let section = SECTION_IDS[1];
    let region = Region::new();
    let (gone_host, live_host) = (region.host(), region.host());
    gone_host.set_id("lifecycle-gone");
    live_host.set_id("lifecycle-live");
    // Persisted, so a stored state for the removed one would show.
    let gone = Mounted(mount_with(&gone_host, "{}"));
    let live = Mounted(mount_with(&live_host, "{}"));
    for widget in [&gone, &live] {
        widget.0.collapse_section(section.into()).expect("collapse");
    }
    forget_stored("lifecycle-gone");
    let (gone_button, gone_panel) = (section_button(&gone_host, section), panel(&gone_host, section));
    let (gone_heard, live_heard) = (Listening::on(&gone_host), Listening::on(&live_host));
    gone_host.remove();

    navigate(section).await;

    assert_eq!(gone_heard.told(), [], "the removed host hears no change");
    assert_eq!(stored_for("lifecycle-gone"), None, "nothing is stored for the removed widget");
    assert_eq!(
        gone_button.get_attribute("aria-expanded").as_deref(),
        Some("false"),
        "its section stays folded"
    );
    assert!(gone_panel.has_attribute("hidden"), "its section's text stays hidden");
    assert!(ReadingWidget::get((&gone_host).into()).expect("get").is_none(), "the removed widget was let go");
    assert_eq!(error_message(gone.0.state().expect_err("a call on a let-go widget throws")), DESTROYED);

    assert_eq!(live_heard.told(), [change("hash", "full", Some(section), &ALL)]);
    assert_eq!(expanded(&live.0), ALL);
    assert_eq!(mode(&live.0), "full");
    assert!(stored_for("lifecycle-live").is_some(), "the live widget keeps its state for the tab");
    forget_stored("lifecycle-live");
}

#[wasm_bindgen_test]
async fn a_host_moved_within_the_document_keeps_its_widget_and_follows_later_hash_changes() {
    let _hash = HashBack::new();
    let section = SECTION_IDS[2];
    let (from, to) = (Region::new(), Region::new());
    let host = from.host();
    let widget = Mounted(mount(&host));
    widget.0.show_full().expect("showFull");
    widget.0.collapse_section(section.into()).expect("collapse");

    // A move in one task, as a framework reordering a list does: out, asked about (a
    // custom element's `disconnectedCallback` would), and back in elsewhere.
    from.0.remove_child(&host).expect("removeChild");
    let asked = ReadingWidget::get((&host).into()).expect("get");
    to.0.append_child(&host).expect("appendChild");

    assert!(asked.is_some(), "the widget is still there while its host is out for a moment");
    assert!(ReadingWidget::get((&host).into()).expect("get").is_some(), "the moved host keeps its widget");
    // A mount elsewhere after the move leaves it alone too.
    let _other = Mounted(mount(&to.host()));
    assert!(ReadingWidget::get((&host).into()).expect("get").is_some());
    assert_eq!(mode(&widget.0), "full");
    let others: Vec<&str> = ALL.iter().copied().filter(|id| *id != section).collect();
    assert_eq!(expanded(&widget.0), others, "its state is kept");

    let heard = Listening::on(&host);
    navigate(section).await;
    assert_eq!(heard.told(), [change("hash", "full", Some(section), &ALL)]);
    assert_eq!(section_button(&host, section).get_attribute("aria-expanded").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn an_api_call_on_a_removed_widget_changes_nothing_and_tells_nothing() {
    let region = Region::new();
    let host = region.host();
    host.set_id("lifecycle-api");
    let widget = Mounted(mount_with(&host, "{}"));
    forget_stored("lifecycle-api");
    let heard = Listening::on(&host);
    let button = mode_button(&host);
    let before = button.get_attribute("aria-expanded");
    assert_eq!(before.as_deref(), Some("false"), "the summary is shown");
    host.remove();

    let result = widget.0.show_full();

    assert!(result.is_ok(), "not yet let go, the handle still answers");
    assert_eq!(heard.told(), [], "no change is told");
    assert_eq!(mode(&widget.0), "summary", "the state did not change");
    assert_eq!(button.get_attribute("aria-expanded"), before, "no attribute flipped");
    assert_eq!(stored_for("lifecycle-api"), None, "nothing is stored");
}
