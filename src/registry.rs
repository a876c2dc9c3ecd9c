//! The live widgets, owned here rather than by their JS handles: a handle that is garbage
//! collected must not take a widget that is still on the page down with it.
//!
//! `try_with` and `try_borrow` everywhere: a thread-local access or a `RefCell` borrow that
//! panics would be a trap that kills every widget on the page (and pulls panic formatting into
//! the module).

use std::cell::{Cell, RefCell};

use web_sys::Element;

use crate::widget::Widget;

thread_local! {
    static WIDGETS: RefCell<Vec<(u32, Widget)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Why a handle's widget could not be reached.
pub(crate) enum Missing {
    /// `destroy()` was called on it.
    Destroyed,
    /// It is in the middle of another call (re-entered from an event handler).
    Busy,
}

impl Missing {
    pub(crate) fn message(&self) -> &'static str {
        match self {
            Missing::Destroyed => "this reading widget was destroyed; mount a new one",
            Missing::Busy => "the reading widget is busy with another call; try again after it returns",
        }
    }
}

/// A fresh id for the next widget; its element ids and its handle use it.
pub(crate) fn next_id() -> u32 {
    NEXT_ID.try_with(|next| next.replace(next.get() + 1)).unwrap_or(0)
}

pub(crate) fn insert(id: u32, widget: Widget) -> Result<(), Missing> {
    WIDGETS
        .try_with(|widgets| widgets.try_borrow_mut().map(|mut widgets| widgets.push((id, widget))))
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

/// Runs `f` on the live widget with this id.
pub(crate) fn with<T>(id: u32, f: impl FnOnce(&Widget) -> T) -> Result<T, Missing> {
    WIDGETS
        .try_with(|widgets| {
            let widgets = widgets.try_borrow().map_err(|_| Missing::Busy)?;
            let (_, widget) = widgets.iter().find(|(wid, _)| *wid == id).ok_or(Missing::Destroyed)?;
            Ok(f(widget))
        })
        .map_err(|_| Missing::Busy)?
}

/// Takes the widget out; dropping what is returned takes it off the page. The caller drops it
/// after the registry's borrow has ended, because the widget's `Drop` touches the DOM.
pub(crate) fn remove(id: u32) -> Result<Widget, Missing> {
    WIDGETS
        .try_with(|widgets| {
            let mut widgets = widgets.try_borrow_mut().map_err(|_| Missing::Busy)?;
            let index = widgets.iter().position(|(wid, _)| *wid == id).ok_or(Missing::Destroyed)?;
            Ok(widgets.remove(index).1)
        })
        .map_err(|_| Missing::Busy)?
}
