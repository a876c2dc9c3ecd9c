//! The live widgets, owned here rather than by their JS handles: a handle that is garbage
//! collected must not take a widget that is still on the page down with it.
//!
//! Each is an `Rc`, and a call takes its own clone and lets go of the list before it runs: a
//! host's event listener may then mount, get or destroy widgets in the middle of that call. A
//! widget destroyed that way leaves the page when the call that was running on it returns.
//!
//! `try_with` and `try_borrow` everywhere: a thread-local access or a `RefCell` borrow that
//! panics would be a trap that kills every widget on the page (and pulls panic formatting into
//! the module).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::dom::Element;
use crate::widget::Widget;

thread_local! {
    static WIDGETS: RefCell<Vec<(u32, Rc<Widget>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Why a handle's widget could not be reached.
pub(crate) enum Missing {
    /// `destroy()` was called on it.
    Destroyed,
    /// The list of widgets could not be reached (the page is being torn down).
    Busy,
}

impl Missing {
    pub(crate) fn message(&self) -> &'static str {
        match self {
            Missing::Destroyed => "this reading widget was destroyed; mount a new one",
            Missing::Busy => "the reading widgets are unavailable while the page is torn down",
        }
    }
}

/// A fresh id for the next widget; its element ids and its handle use it.
pub(crate) fn next_id() -> u32 {
    NEXT_ID.try_with(|next| next.replace(next.get() + 1)).unwrap_or(0)
}

pub(crate) fn insert(id: u32, widget: Widget) -> Result<(), Missing> {
    WIDGETS
        .try_with(|widgets| widgets.try_borrow_mut().map(|mut widgets| widgets.push((id, Rc::new(widget)))))
        .map_err(|_| Missing::Busy)?
        .map_err(|_| Missing::Busy)
}

/// Whether `host` already holds a live widget (a busy registry counts as yes, to be safe).
pub(crate) fn hosts(host: &Element) -> bool {
    !matches!(find(host), Ok(None))
}

/// The id of the live widget in `host`, if there is one.
pub(crate) fn find(host: &Element) -> Result<Option<u32>, Missing> {
    WIDGETS
        .try_with(|widgets| {
            let widgets = widgets.try_borrow().map_err(|_| Missing::Busy)?;
            Ok(widgets.iter().find(|(_, w)| w.host() == host).map(|(id, _)| *id))
        })
        .map_err(|_| Missing::Busy)?
}

/// Runs `f` on the live widget with this id, with the list let go of first.
pub(crate) fn with<T>(id: u32, f: impl FnOnce(&Widget) -> T) -> Result<T, Missing> {
    let widget = WIDGETS
        .try_with(|widgets| {
            let widgets = widgets.try_borrow().map_err(|_| Missing::Busy)?;
            let (_, widget) = widgets.iter().find(|(wid, _)| *wid == id).ok_or(Missing::Destroyed)?;
            Ok(Rc::clone(widget))
        })
        .map_err(|_| Missing::Busy)??;
    Ok(f(&widget))
}

/// Lets go of every widget whose host has left the document without `destroy()` (a framework
/// removed it): each is torn down as `destroy()` does, after the list's borrow has ended, so
/// its listeners and the memory behind them go, and its handle throws. Run when a widget is
/// mounted and when a gone widget hears a hash change, never in `get`: a custom element moved
/// within the document is out of it for a moment in the same task, and keeps its widget.
pub(crate) fn sweep() {
    // One at a time, each after the list's borrow has ended (its `Drop` touches the DOM).
    while let Ok(widget) = take(|(_, widget)| !widget.connected()) {
        widget.tear_down();
    }
}

/// Takes the widget out; dropping what is returned takes it off the page (or, if a call on it
/// is still running, that call's end does). The caller drops it after the registry's borrow
/// has ended, because the widget's `Drop` touches the DOM and may run listeners' code.
pub(crate) fn remove(id: u32) -> Result<Rc<Widget>, Missing> {
    take(|(wid, _)| *wid == id)
}

/// Takes out the first widget `which` picks; `Destroyed` if it picks none.
fn take(which: impl Fn(&(u32, Rc<Widget>)) -> bool) -> Result<Rc<Widget>, Missing> {
    WIDGETS
        .try_with(|widgets| {
            let mut widgets = widgets.try_borrow_mut().map_err(|_| Missing::Busy)?;
            let index = widgets.iter().position(which).ok_or(Missing::Destroyed)?;
            Ok(widgets.remove(index).1)
        })
        .map_err(|_| Missing::Busy)?
}
