//! The widget's one stylesheet: parsed once into a constructed `CSSStyleSheet` and adopted
//! where the widget's nodes are (a shadow root, a document), never a `<style>` element, which
//! a strict `style-src` would block.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::Array;
use web_sys::{CssStyleSheet, Element};

const NO_CSSOM: &str = "this browser cannot construct stylesheets (CSSStyleSheet)";

#[cfg(not(feature = "stylesheet-file"))]
thread_local! {
    /// The one constructed stylesheet every widget adopts: parsed once, and never a `<style>`
    /// element, which a strict `style-src` would block.
    static SHEET: std::cell::OnceCell<Option<CssStyleSheet>> = const { std::cell::OnceCell::new() };
}

/// The sheet made from the text the module carries (`wasm-pack test`, stable builds).
#[cfg(not(feature = "stylesheet-file"))]
pub(super) fn sheet() -> Result<CssStyleSheet, JsValue> {
    SHEET
        .try_with(|sheet| {
            sheet
                .get_or_init(|| {
                    let sheet = CssStyleSheet::new().ok()?;
                    sheet.replace_sync(reading_widget_view::STYLESHEET).ok()?;
                    Some(sheet)
                })
                .clone()
        })
        .ok()
        .flatten()
        .ok_or_else(|| JsValue::from_str(NO_CSSOM))
}

#[cfg(feature = "stylesheet-file")]
#[wasm_bindgen(module = "/src/dom/sheet.js")]
extern "C" {
    /// The sheet `sheet.js` made from `reading_widget.css` before the module started.
    #[wasm_bindgen(js_name = styles)]
    fn fetched() -> Option<CssStyleSheet>;
}

/// The sheet fetched with the glue (the build that ships: docs/src/performance.md "The stylesheet as a file").
#[cfg(feature = "stylesheet-file")]
pub(super) fn sheet() -> Result<CssStyleSheet, JsValue> {
    fetched().ok_or_else(|| JsValue::from_str(NO_CSSOM))
}

/// `sheets` with `sheet` added (once) or taken out: `adoptedStyleSheets` is replaced whole,
/// never edited in place, and the host's own sheets keep their order.
fn with_sheet(sheets: Array, sheet: &CssStyleSheet, adopt: bool) -> Array {
    let kept = Array::new();
    let sheet: &JsValue = sheet.as_ref();
    for index in 0..sheets.length() {
        let other = sheets.get(index);
        if other != *sheet {
            kept.push(&other);
        }
    }
    if adopt {
        kept.push(sheet);
    }
    kept
}

#[wasm_bindgen]
extern "C" {
    /// A Document or a ShadowRoot: the nodes that hold adopted stylesheets and know which
    /// element has focus. One type for both, so a light-DOM widget inside someone else's
    /// shadow root is styled there, not in the document whose rules could not reach it.
    pub(super) type StyleScope;
    #[wasm_bindgen(method, getter, js_name = adoptedStyleSheets)]
    fn adopted(this: &StyleScope) -> Array;
    /// `catch`: a sheet made in one document is refused by another (an iframe's).
    #[wasm_bindgen(method, setter, js_name = adoptedStyleSheets, catch)]
    fn set_adopted(this: &StyleScope, sheets: &Array) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = activeElement)]
    pub(super) fn active_element(this: &StyleScope) -> Option<Element>;
    #[wasm_bindgen(method, getter, js_name = styleSheets)]
    fn style_sheets(this: &StyleScope) -> SheetList;

    /// A `StyleSheetList`: the sheets of a scope's `<link>` and `<style>` elements.
    type SheetList;
    #[wasm_bindgen(method, getter)]
    fn length(this: &SheetList) -> u32;
}

impl StyleScope {
    /// Whether a stylesheet of the scope's own has loaded: in a pre-rendered shadow root, its
    /// `<link>` to `reading_widget.css`.
    pub(super) fn linked(&self) -> bool {
        self.style_sheets().length() > 0
    }

    /// Adds the sheet once, or takes it out; the scope's other sheets keep their order.
    pub(super) fn adopt(&self, sheet: &CssStyleSheet, adopt: bool) -> Result<(), JsValue> {
        self.set_adopted(&with_sheet(self.adopted(), sheet, adopt))
    }
}

/// The scope a light-DOM host sits in: the shadow root around it, or its document.
pub(super) fn scope_around(element: &Element) -> Result<StyleScope, JsValue> {
    let root = element.get_root_node();
    // 9 and 11: a Document, or a ShadowRoot (a DocumentFragment). A detached host's root is an
    // ordinary element; its document is where it will be shown.
    if matches!(root.node_type(), 9 | 11) {
        return Ok(root.unchecked_into());
    }
    let document =
        element.owner_document().ok_or_else(|| JsValue::from_str("the host is not in a document"))?;
    Ok(document.unchecked_into())
}
