//! reading-widget: a news article compiled into WebAssembly, rendered into any page with a
//! "What You Need to Know" summary and one control for the full text.
//!
//! This file is the JavaScript surface only. The data's trip: `content/*.md` → `build.rs` →
//! [`article`] (static model) → [`view`] (pure) → [`dom`] (web-sys), with the state in
//! [`state`] and one mounted widget in [`widget`].

#![deny(missing_docs)]
#![warn(unreachable_pub)]

#[cfg(target_arch = "wasm32")]
mod alloc;
mod article;
mod dom;
mod options;
mod outbound;
mod registry;
mod widget;

// The pure half (crates/view), under the names the modules here use.
use reading_widget_view::{
    blob, controller, fill, fragment, html, labels, listing, part, state, template, view,
};

use wasm_bindgen::prelude::*;

use crate::dom::Element;

/// A small allocator in place of dlmalloc; see `alloc.rs` for why.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::SizeClasses = alloc::SizeClasses::new();
use crate::options::Options;
use crate::state::{Action, Mode};
use crate::view::IdPrefix;
use crate::widget::{Setup, Widget};
pub use reading_widget_view::Article;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options for `ReadingWidget.mount`. Unknown keys are an error. */
export interface ReadingWidgetOptions {
  /** What shows first. Default: 'summary'. */
  mode?: 'summary' | 'full';
  /** The slug of a compiled-in article. Optional when only one is compiled in. */
  article?: string;
  /** Remember the mode and open sections for this tab (sessionStorage). Default: true. */
  persist?: boolean;
  /** Replacements for the widget's own words; `{n}` stands for a number. */
  labels?: ReadingWidgetLabels;
  /**
   * Render into an open shadow root on the host, out of reach of the page's CSS (the
   * default), or, with `false`, into the host element itself, where the page's CSS applies.
   */
  shadow?: boolean;
}

/**
 * Mounts every element carrying `data-reading-widget` that does not hold a widget yet (its
 * value, if any, is the article's slug; `data-mode="full"` opens the full text;
 * `data-shadow="false"` renders into the light DOM). `init()` runs it once; call it again after adding placeholders to the page. One bad
 * placeholder is reported on the console and does not stop the others. (Written in
 * JavaScript: `src/api.js`.)
 */
export function mountAll(): void;

/**
 * Loads and starts the module, as `init` does, but mounts nothing: for a module whose
 * articles are added after it starts (`ReadingWidget.addArticles`).
 */
export function start(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/**
 * `<reading-widget>`, the element `embed.js` defines: a widget that mounts when the element is
 * connected and lets go when it leaves the document. Its events are the host's
 * (`readingwidget:change`, `readingwidget:ready`, typed on every HTMLElement).
 */
export interface ReadingWidgetElement
  extends HTMLElement,
    Pick<ReadingWidget, 'showFull' | 'showSummary' | 'toggle' | 'expandSection' | 'collapseSection' | 'state'> {
  /**
   * Resolves to the state once the widget has mounted or taken over; rejects with an `Error`
   * if it cannot (an article that cannot be fetched: `unknown article 'x' (404)`). Before it
   * has resolved, the handle's methods throw.
   */
  readonly ready: Promise<ReadingWidgetState>;
  /** The widget's own words; kept if set before the element was defined. */
  labels: ReadingWidgetLabels | undefined;
}

/** The element's attributes, as a template or JSX writes them. */
export interface ReadingWidgetAttributes {
  /** The article's slug; optional on a site of one article. */
  article?: string;
  /**
   * The folder that holds the articles' files (`pkg/articles/<slug>.<build>.bin`), as a URL relative
   * to the page. By default the folder the site's `embed.js` is served from; for the npm
   * package's element, `/reading-widget/`. Changing it mounts the article from there.
   */
  base?: string;
  /** What shows; any value but 'full' is the summary. Changing it changes the state. */
  mode?: 'summary' | 'full';
  /** 'false': do not remember the reader's state for the tab. */
  persist?: 'true' | 'false';
  /** 'false': render into the light DOM instead of a shadow root. */
  shadow?: 'true' | 'false';
  /**
   * 'lazy', on a pre-rendered element: nothing is downloaded until it comes near the viewport,
   * is focused or pressed, or the URL names a section in it. The default is eager.
   */
  loading?: 'lazy' | 'eager';
  id?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'reading-widget': ReadingWidgetElement;
  }
}

/** The widget's own words. Any subset may be given. */
export interface ReadingWidgetLabels {
  summaryHeading?: string;
  readFull?: string;
  backToSummary?: string;
  minutes?: string;
  minutesLeft?: string;
  expandAll?: string;
  collapseAll?: string;
  linkToSection?: string;
  fullShown?: string;
  summaryShown?: string;
  by?: string;
  tags?: string;
  aboutAuthor?: string;
  image?: string;
  imageCredit?: string;
}
"#;

/// A reading widget mounted in a host element. The handle stays valid until `destroy()`, or
/// until a mount or hash change finds its host out of the document and lets the widget go.
#[wasm_bindgen]
pub struct ReadingWidget {
    id: u32,
}

#[wasm_bindgen]
impl ReadingWidget {
    /// Renders an article into `target` (an Element or a CSS selector) and returns its handle.
    /// Throws an `Error` naming the problem: no such element, an element that already hosts a
    /// widget, an unknown option, mode or article.
    pub fn mount(
        #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReadingWidgetOptions")] options: JsValue,
    ) -> Result<ReadingWidget, JsError> {
        let options = Options::from_js(&options).map_err(|message| JsError::new(&message))?;
        let host = dom::find_target(&target, "mount").map_err(|message| JsError::new(&message))?;
        let setup = Setup {
            mode: options.mode.unwrap_or(Mode::Summary),
            labels: options.labels,
            persist: options.persist.unwrap_or(true),
            shadow: options.shadow.unwrap_or(true),
        };
        mount_in(&host, options.article.as_deref(), setup).map_err(|message| JsError::new(&message))
    }

    /// The widget mounted in `target` (an Element or a CSS selector), by `mountAll` or
    /// `mount`, or `undefined` when it holds none. Throws if there is no such element.
    pub fn get(
        #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    ) -> Result<Option<ReadingWidget>, JsError> {
        let host = dom::find_target(&target, "get").map_err(|message| JsError::new(&message))?;
        let id = registry::find(&host).map_err(|missing| JsError::new(missing.message()))?;
        Ok(id.map(|id| ReadingWidget { id }))
    }

    /// The metadata of the compiled-in articles: slug, title, dek, date, tags, author,
    /// language, reading time and sections.
    #[wasm_bindgen(unchecked_return_type = "ReadingWidgetArticle[]")]
    pub fn articles() -> Result<JsValue, JsError> {
        outbound::articles().map_err(to_error)
    }

    /// Adds the articles of an article file (`pkg/articles/<slug>.<build>.bin`, as `make dist`
    /// writes them) to those this module can mount. The element and `embed.js` fetch these
    /// files themselves; call this when loading the module yourself. Throws an `Error`, and
    /// adds nothing, if the bytes are not an article file, or one of another release, or
    /// damaged.
    #[wasm_bindgen(js_name = addArticles)]
    pub fn add_articles(bytes: &[u8]) -> Result<(), JsError> {
        article::add(bytes.to_vec()).map_err(|message| JsError::new(&message))
    }

    /// How many event listeners the page's widgets hold, by the widgets' own count: 0 once
    /// every widget is destroyed. For leak checks in a host's own tests.
    #[wasm_bindgen(js_name = liveListeners)]
    pub fn live_listeners() -> u32 {
        dom::live_listeners() as u32
    }

    /// Shows the summary and the full text.
    #[wasm_bindgen(js_name = showFull)]
    pub fn show_full(&self) -> Result<(), JsError> {
        self.act(Action::Show(Mode::Full))
    }

    /// Shows the summary only.
    #[wasm_bindgen(js_name = showSummary)]
    pub fn show_summary(&self) -> Result<(), JsError> {
        self.act(Action::Show(Mode::Summary))
    }

    /// Switches between the summary and the full text.
    pub fn toggle(&self) -> Result<(), JsError> {
        self.act(Action::ToggleMode)
    }

    /// Unfolds a section, and shows the full text so the reader can see it.
    #[wasm_bindgen(js_name = expandSection)]
    pub fn expand_section(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<(), JsError> {
        self.set_section(&id, true)
    }

    /// Folds a section.
    #[wasm_bindgen(js_name = collapseSection)]
    pub fn collapse_section(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<(), JsError> {
        self.set_section(&id, false)
    }

    /// `{ article, mode, expanded }`, as a plain object.
    #[wasm_bindgen(unchecked_return_type = "ReadingWidgetState")]
    pub fn state(&self) -> Result<JsValue, JsError> {
        with_widget(self.id, Widget::state_object)
    }

    /// Removes every listener and everything the widget added, and gives the host element back
    /// as it was found: its own children, or the pre-rendered article it took over (static
    /// again, readable). Later calls on this handle throw.
    pub fn destroy(&self) -> Result<(), JsError> {
        // Taken off the page here, after the registry's borrow has ended, even if a call on
        // this widget is still running (a listener destroying it).
        registry::remove(self.id)
            .map(|widget| widget.tear_down())
            .map_err(|missing| JsError::new(missing.message()))
    }
}

impl ReadingWidget {
    fn act(&self, action: Action) -> Result<(), JsError> {
        with_widget(self.id, |widget| widget.update(action))
    }

    /// The id is taken as any value and checked here: the glue would pass a number or an object
    /// on as an empty string, and fail on `null` with a TypeError of its own.
    fn set_section(&self, id: &JsValue, open: bool) -> Result<(), JsError> {
        with_widget(self.id, |widget| {
            let Some(id) = id.as_string() else {
                return Err(JsValue::from_str("the section id must be a string"));
            };
            match widget.article().section_index(&id) {
                Some(index) => widget.update(Action::SetSection(index, open)),
                None => Err(JsValue::from_str(
                    &["unknown section '", &id, "'; ", &widget.article().section_choices()].concat(),
                )),
            }
        })
    }
}

/// Runs `f` on a live widget; a JS `Error` if it was destroyed or `f` fails.
fn with_widget<T>(id: u32, f: impl FnOnce(&Widget) -> Result<T, JsValue>) -> Result<T, JsError> {
    registry::with(id, f).map_err(|missing| JsError::new(missing.message()))?.map_err(to_error)
}

fn to_error(value: JsValue) -> JsError {
    JsError::new(&to_message(value))
}

/// Our own failures are strings; anything else is the page throwing: the DOM refusing a
/// change, say.
fn to_message(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| "the page threw during this call".to_owned())
}

fn mount_in(host: &Element, slug: Option<&str>, setup: Setup) -> Result<ReadingWidget, String> {
    // Widgets whose hosts a framework removed without destroy() go before one more comes.
    registry::sweep();
    let article = article::find(slug).map_err(|not_found| article::not_found_message(not_found, slug))?;
    if registry::hosts(host) {
        return Err("this element already hosts a reading widget; destroy() it first".to_owned());
    }
    let (id, ids) = loop {
        let id = registry::next_id();
        let ids = IdPrefix(["rw", &labels::decimal(id as usize), "-"].concat());
        // A light-DOM widget's ids are the page's too: a prefix the page already uses is skipped.
        if setup.shadow || !dom::ids_in_use(&ids.0) {
            break (id, ids);
        }
    };
    let widget = Widget::mount(host, article, setup, ids).map_err(to_message)?;
    registry::insert(id, widget).map_err(|missing| missing.message().to_owned())?;
    // Registered first, so the host's listeners can reach the handle through `get`.
    registry::with(id, Widget::start).map_err(|missing| missing.message().to_owned())?;
    Ok(ReadingWidget { id })
}

/// The widget's markup pre-rendered for `article` (the view's `html::prerender`), for the
/// browser tests.
#[doc(hidden)]
pub use html::{prerender, render_live};

/// The number of event listeners the widgets have registered and not yet removed. For tests
/// that check `destroy()` leaves nothing behind; JavaScript has `ReadingWidget.liveListeners()`.
#[doc(hidden)]
pub fn live_listeners() -> usize {
    dom::live_listeners()
}
