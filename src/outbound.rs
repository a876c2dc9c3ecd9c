//! What goes out to JavaScript: the compiled-in articles' metadata, a widget's state, and the
//! detail of the events the host receives. The metadata is JSON that build.rs wrote
//! (`build/codegen.rs`); the state and event details are plain Rust structs, written as JSON by
//! serde_json and parsed by the browser into plain JS objects. Their TypeScript twins (`TYPES`)
//! are beside them.

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::article::{self, Compiled};
use crate::state::State;

// The TypeScript twins of the shapes below, written once next to them; `tests/types/usage.ts`
// type-checks an example against them and the browser tests hold the objects to these keys.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** What `ReadingWidget.state()` returns, and the detail of `readingwidget:ready`. */
export interface ReadingWidgetState {
  /** The article's slug. */
  article: string;
  mode: 'summary' | 'full';
  /** Ids of the unfolded sections, in article order. */
  expanded: string[];
}

/** Why the state changed: the reader, a method call, the URL's #section, find-in-page or a
 * text fragment, or the state remembered for the tab. */
export type ReadingWidgetCause = 'user' | 'api' | 'hash' | 'find' | 'restore';

/** The detail of `readingwidget:change`: the new state, and what changed it. */
export interface ReadingWidgetChange extends ReadingWidgetState {
  /** The one section folded or unfolded, or null (a mode change, "Expand all"). */
  section: string | null;
  cause: ReadingWidgetCause;
}

/** One entry of `ReadingWidget.articles()`. */
export interface ReadingWidgetArticle {
  slug: string;
  title: string;
  dek: string;
  /** ISO 8601, e.g. "2024-10-23". */
  date: string;
  tags: string[];
  author: string;
  /** BCP 47 language tag. */
  language: string;
  /** Reading time of the full article, in whole minutes. */
  minutes: number;
  sections: ReadingWidgetSection[];
}

export interface ReadingWidgetSection {
  id: string;
  heading: string;
  /** Reading time from the top of this section to the end, in whole minutes. */
  minutesLeft: number;
}

/** The events a host element receives; they bubble and cross shadow roots. */
export interface ReadingWidgetEventMap {
  'readingwidget:change': CustomEvent<ReadingWidgetChange>;
  'readingwidget:ready': CustomEvent<ReadingWidgetState>;
}

declare global {
  interface HTMLElementEventMap extends ReadingWidgetEventMap {}
  interface DocumentEventMap extends ReadingWidgetEventMap {}
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// The metadata of every article in the module, in the order they were compiled: fresh
/// objects on each call (a caller may change what it gets), parsed from the JSON build.rs
/// wrote for each.
pub(crate) fn articles() -> Result<JsValue, JsValue> {
    let entries: Vec<&str> = article::all().iter().map(|article| article.json).collect();
    json_parse(&["[", &entries.join(","), "]"].concat())
}

/// What `state()` returns and what `readingwidget:ready` carries.
#[derive(Serialize)]
pub(crate) struct StateInfo {
    article: &'static str,
    mode: &'static str,
    /// Ids of the unfolded sections, in article order.
    expanded: Vec<&'static str>,
}

impl StateInfo {
    pub(crate) fn of(article: &'static Compiled, state: &State) -> StateInfo {
        let expanded = state.open_sections().filter_map(|i| article.sections.get(i).copied()).collect();
        StateInfo { article: article.slug, mode: state.mode.as_str(), expanded }
    }
}

/// Why the state changed, as `readingwidget:change` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cause {
    /// The reader clicked or pressed a key on the widget.
    User,
    /// The host called a method.
    Api,
    /// The URL's `#section-id`.
    Hash,
    /// Find-in-page or a text fragment revealed folded text.
    Find,
    /// The state remembered for this tab was restored on mount.
    Restore,
}

impl Cause {
    fn as_str(self) -> &'static str {
        match self {
            Cause::User => "user",
            Cause::Api => "api",
            Cause::Hash => "hash",
            Cause::Find => "find",
            Cause::Restore => "restore",
        }
    }
}

/// The detail of `readingwidget:change`.
#[derive(Serialize)]
pub(crate) struct Change {
    #[serde(flatten)]
    state: StateInfo,
    /// The one section that was folded or unfolded, if exactly one was.
    section: Option<&'static str>,
    cause: &'static str,
}

impl Change {
    pub(crate) fn new(article: &'static Compiled, before: &State, after: &State, cause: Cause) -> Change {
        let section = State::changed_section(before, after).and_then(|i| article.sections.get(i)).copied();
        Change { state: StateInfo::of(article, after), section, cause: cause.as_str() }
    }
}

/// A plain JS object (arrays for lists, `null` for nothing) from one of the shapes above:
/// JSON, parsed by the browser, where serde-wasm-bindgen would build it call by call in more
/// bytes of module (README "Size").
pub(crate) fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    // The shapes hold strings, lists and `Option`s only: writing them cannot fail.
    let text = serde_json::to_string(value)
        .map_err(|_| JsValue::from_str("the widget could not describe its state"))?;
    json_parse(&text)
}
