//! Finding the page's elements: a mount target, the ids in use.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

#[wasm_bindgen]
extern "C" {
    /// `globalThis.document`: undefined, not an error, where there is no page (a worker).
    /// Read directly rather than through `web_sys::window()`, whose global lookup costs more
    /// module than this whole accessor.
    #[wasm_bindgen(thread_local_v2, js_namespace = globalThis, js_name = document)]
    static DOCUMENT: Option<Document>;
}

/// The page's document, if there is a page.
fn page_document() -> Option<Document> {
    DOCUMENT.with(Clone::clone)
}

/// `element`'s id, empty if it has none.
pub(crate) fn id_of(element: &Element) -> String {
    element.id()
}

/// What `mount` or `get` (the `caller`) was given: an Element, or a CSS selector for one.
pub(crate) fn find_target(target: &JsValue, caller: &str) -> Result<Element, String> {
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let Some(selector) = target.as_string() else {
        let got = if target.is_null() {
            "null"
        } else if target.is_undefined() {
            "undefined"
        } else {
            "something else"
        };
        return Err([caller, " needs an Element or a CSS selector, got ", got].concat());
    };
    let document = page_document().ok_or_else(|| [caller, " needs a page with a document"].concat())?;
    match document.query_selector(&selector) {
        Ok(Some(element)) => Ok(element),
        Ok(None) => Err(["no element matches '", &selector, "'"].concat()),
        Err(_) => Err(["'", &selector, "' is not a valid CSS selector"].concat()),
    }
}

/// Whether an element of the page has an id starting with `prefix` (a CSS identifier).
pub(crate) fn ids_in_use(prefix: &str) -> bool {
    let found =
        page_document().and_then(|document| document.query_selector(&["[id^=", prefix, "]"].concat()).ok());
    found.flatten().is_some()
}

/// The attribute that makes an element a placeholder `mountAll` (`src/api.js`) mounts; its
/// value, if any, is the article's slug.
pub(crate) const PLACEHOLDER: &str = "data-reading-widget";
