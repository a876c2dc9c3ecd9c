//! Focus and scrolling: where the reader's attention goes after a change.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Moves keyboard focus to `element`, one of the widget's own buttons (always an HTML element,
/// so no `instanceof` check is spent on it).
pub(crate) fn focus(button: &Element) {
    let _ = button.unchecked_ref::<HtmlElement>().focus();
}

/// Scrolls `element` to the top of the view.
pub(crate) fn scroll_to_top(element: &Element) {
    element.scroll_into_view_with_bool(true);
}

/// Brings `element` back into view if it is above the top of the view, leaving the page alone
/// otherwise: the reader stays where they were.
pub(crate) fn keep_in_view(element: &Element) {
    if element.get_bounding_client_rect().top() < 0.0 {
        element.scroll_into_view_with_bool(true);
    }
}
