//! Event listeners owned by the widget: each removes itself on `Drop`, and the widget keeps
//! count, so tests can check that `destroy()` leaves none behind.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget};

/// An event listener that removes itself when dropped (the gloo-events pattern), so the owner
/// of a listener decides how long it lives and nothing outlives the widget.
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn Fn(Event)>,
}

impl Listener {
    /// Listens in the capture phase when `capture` is set, for events that may not bubble.
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        handler: impl Fn(Event) + 'static,
    ) -> Result<Self, JsValue> {
        let callback = Closure::<dyn Fn(Event)>::new(handler);
        target.add_event_listener_with_callback_and_bool(kind, callback.as_ref().unchecked_ref(), capture)?;
        count_listeners(1);
        Ok(Listener { target: target.clone(), kind, capture, callback })
    }
}

thread_local! {
    /// Listeners registered and not yet removed: the widget's own bookkeeping, so tests can
    /// check that `destroy()` leaves none behind.
    static LIVE_LISTENERS: std::cell::Cell<isize> = const { std::cell::Cell::new(0) };
}

fn count_listeners(change: isize) {
    let _ = LIVE_LISTENERS.try_with(|live| live.set(live.get() + change));
}

pub(crate) fn live_listeners() -> usize {
    LIVE_LISTENERS.try_with(|live| live.get().max(0) as usize).unwrap_or(0)
}

impl Drop for Listener {
    fn drop(&mut self) {
        let callback = self.callback.as_ref().unchecked_ref();
        // Removing a listener that is already gone is not an error worth surfacing in a Drop.
        let _ = self.target.remove_event_listener_with_callback_and_bool(self.kind, callback, self.capture);
        count_listeners(-1);
    }
}
