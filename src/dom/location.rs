//! The page's URL: the section a fragment names, the text fragments it was opened with, and
//! the path that keys what is stored.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;

#[wasm_bindgen]
extern "C" {
    /// `catch`: a malformed escape like `%E0%A4%A` throws URIError.
    #[wasm_bindgen(js_name = decodeURIComponent, catch)]
    fn decode_uri_component(encoded: &str) -> Result<String, JsValue>;
}

/// The URL fragment without `#`, decoded, so ids in any script match: `#%EC%A0%84` is `전`.
pub(crate) fn location_fragment(window: &Window) -> Option<String> {
    let hash = window.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').filter(|f| !f.is_empty())?;
    decode_uri_component(fragment).ok()
}

/// The decoded start texts of the `#:~:text=` directives the page was opened with. Scripts
/// cannot see them in `location`; the navigation entry keeps the full URL.
pub(crate) fn text_fragments(window: &Window) -> Vec<String> {
    // Checked, not assumed: a page (or a script wrapping the Performance API) may have no
    // navigation entry, and a call on `undefined` would throw through the module.
    let entry = window.performance().map(|p| p.get_entries_by_type("navigation").get(0));
    let Some(Ok(entry)) = entry.map(|entry| entry.dyn_into::<web_sys::PerformanceEntry>()) else {
        return Vec::new();
    };
    let url = entry.name();
    // Only on the page that was loaded: after a single-page app moves to another path, the
    // entry still holds the first URL, whose directives are about another page.
    let here = window.location().href().ok();
    if page_part(&url).is_none() || page_part(&url) != here.as_deref().and_then(page_part) {
        return Vec::new();
    }
    crate::fragment::text_starts(&url)
        .into_iter()
        .filter_map(|start| decode_uri_component(start).ok())
        .collect()
}

/// A URL without its fragment (a byte search: see `fragment::contains_text`).
fn page_part(url: &str) -> Option<&str> {
    url.get(..url.bytes().position(|byte| byte == b'#').unwrap_or(url.len()))
}

/// The page's path, which with the article's slug keys what the widget stores.
pub(crate) fn location_path(window: &Window) -> String {
    window.location().pathname().unwrap_or_default()
}
