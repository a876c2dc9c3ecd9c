//! Listening to the widget's events (`readingwidget:change` and `readingwidget:ready`) and
//! reading their details, held to exactly the documented keys; also the readers of the plain
//! objects `ReadingWidget.articles()` returns.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, Event, EventTarget};

use super::{SECTION_IDS, SLUG};

pub(crate) const CHANGE: &str = "readingwidget:change";

pub(crate) const READY: &str = "readingwidget:ready";

pub(crate) const ALL: [&str; 4] = SECTION_IDS;

/// One event as the widget told it, read from its detail.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Told {
    Change { cause: String, mode: String, section: Option<String>, expanded: Vec<String> },
    Ready { mode: String, expanded: Vec<String> },
}

pub(crate) fn change(cause: &str, mode: &str, section: Option<&str>, expanded: &[&str]) -> Told {
    Told::Change {
        cause: cause.to_owned(),
        mode: mode.to_owned(),
        section: section.map(str::to_owned),
        expanded: expanded.iter().map(|id| id.to_string()).collect(),
    }
}

pub(crate) fn ready(mode: &str, expanded: &[&str]) -> Told {
    Told::Ready { mode: mode.to_owned(), expanded: expanded.iter().map(|id| id.to_string()).collect() }
}

/// An event as a listener saw it during dispatch: afterwards the browser clears `target` for
/// an event that came out of a shadow root.
pub(crate) struct Heard {
    pub(crate) event: Event,
    pub(crate) target: Option<EventTarget>,
}

impl Heard {
    /// Reads the detail, holding it to exactly the documented keys.
    pub(crate) fn told(&self) -> Told {
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

pub(crate) fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).expect("a readable field")
}

pub(crate) fn string(object: &JsValue, key: &str) -> String {
    field(object, key).as_string().unwrap_or_else(|| panic!("'{key}' is a string"))
}

pub(crate) fn strings(object: &JsValue, key: &str) -> Vec<String> {
    let list = field(object, key);
    assert!(js_sys::Array::is_array(&list), "'{key}' is an array");
    js_sys::Array::from(&list).iter().map(|item| item.as_string().expect("a string")).collect()
}

/// An object literal would be one: not a `Map`, not an instance of a class.
pub(crate) fn is_plain_object(value: &JsValue) -> bool {
    let object_prototype = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    value.is_object() && js_sys::Object::get_prototype_of(value) == object_prototype
}

pub(crate) fn keys(object: &JsValue) -> Vec<String> {
    js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|key| key.as_string())
        .collect()
}

/// Listens for both events on `target` for as long as it lives; dropping it removes the
/// listeners.
pub(crate) struct Listening {
    target: EventTarget,
    callback: Closure<dyn FnMut(Event)>,
    heard: Rc<RefCell<Vec<Heard>>>,
}

impl Listening {
    pub(crate) fn on(target: &EventTarget) -> Listening {
        Listening::with(target, |_| {})
    }

    /// Also runs `during` inside each event's dispatch, as a host's listener would.
    pub(crate) fn with(target: &EventTarget, mut during: impl FnMut(&CustomEvent) + 'static) -> Listening {
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
    pub(crate) fn told(&self) -> Vec<Told> {
        self.heard.borrow_mut().drain(..).map(|heard| heard.told()).collect()
    }

    /// The events heard since the last call, in order.
    pub(crate) fn heard(&self) -> Vec<Heard> {
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
