//! What the widget tells the page: its events on the host, and the console.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element, Event, KeyboardEvent};

/// Sends `kind` (a `readingwidget:…` event) from the host element, bubbling and composed, so
/// a listener anywhere above it hears it, even outside an enclosing shadow root. A listener
/// that throws is the browser's to report; it does not stop the widget.
pub(crate) fn tell_host(host: &Element, kind: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(kind, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The key a "keydown" listener heard (the only kind of event it is registered for, so the
/// event is a `KeyboardEvent`).
pub(crate) fn pressed_key(event: &Event) -> String {
    event.unchecked_ref::<KeyboardEvent>().key()
}

/// Keeps the browser from acting on `event` too: a key the widget used.
pub(crate) fn prevent_default(event: &Event) {
    event.prevent_default();
}

/// Reports a problem nobody called for (a bad placeholder, a refused DOM change in an event
/// handler) on the console, with the element it concerns when there is one.
pub(crate) fn console_error(message: &JsValue, context: &JsValue) {
    web_sys::console::error_2(message, context);
}

/// A warning for the page's developer (pre-rendered markup this module would not adopt).
pub(crate) fn console_warn(message: &JsValue, context: &JsValue) {
    web_sys::console::warn_2(message, context);
}
