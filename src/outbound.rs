//! What goes out to JavaScript: the compiled-in articles' metadata, a widget's state, and the
//! detail of the events the host receives. The metadata is JSON that build.rs wrote
//! (`build/codegen.rs`); the state and event details are plain Rust structs, written as JSON
//! here and parsed by the browser into plain JS objects. Their TypeScript twins (`TYPES`) are
//! beside them.

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

/// The detail of `readingwidget:change`: the state's fields, then these.
pub(crate) struct Change {
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

/// One of the shapes above, written as JSON.
///
/// Every string in them is a slug, a section id, a mode or a cause: letters, digits and `-`
/// only. The content compiler refuses any other character in a slug or an id
/// (`build/front_matter.rs`, `build/markdown.rs`), so none needs escaping. Written by hand
/// rather than by serde_json, whose serializer cost 426 B of module and glue, gzip -9
/// (README "Size"); the tests hold the output to serde_json's.
pub(crate) trait Json {
    fn write(&self, out: &mut String);
}

/// A JSON string of letters, digits and `-`.
fn string(out: &mut String, text: &str) {
    out.push('"');
    out.push_str(text);
    out.push('"');
}

impl StateInfo {
    /// `"article":…,"mode":…,"expanded":[…]`, the fields `Change` shares.
    fn fields(&self, out: &mut String) {
        out.push_str("\"article\":");
        string(out, self.article);
        out.push_str(",\"mode\":");
        string(out, self.mode);
        out.push_str(",\"expanded\":[");
        for (index, id) in self.expanded.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            string(out, id);
        }
        out.push(']');
    }
}

impl Json for StateInfo {
    fn write(&self, out: &mut String) {
        out.push('{');
        self.fields(out);
        out.push('}');
    }
}

impl Json for Change {
    fn write(&self, out: &mut String) {
        out.push('{');
        self.state.fields(out);
        out.push_str(",\"section\":");
        match self.section {
            Some(id) => string(out, id),
            None => out.push_str("null"),
        }
        out.push_str(",\"cause\":");
        string(out, self.cause);
        out.push('}');
    }
}

/// A plain JS object (arrays for lists, `null` for nothing) from one of the shapes above:
/// JSON, parsed by the browser, where serde-wasm-bindgen would build it call by call in more
/// bytes of module (README "Size").
pub(crate) fn to_js(value: &impl Json) -> Result<JsValue, JsValue> {
    let mut text = String::new();
    value.write(&mut text);
    json_parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Mode;
    use serde_json::{json, Value};

    fn written(value: &impl Json) -> Value {
        let mut text = String::new();
        value.write(&mut text);
        match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(error) => panic!("not JSON ({error}): {text}"),
        }
    }

    #[test]
    fn the_state_and_the_change_are_the_json_serde_json_would_write() {
        let Ok(article) = article::find(None) else { panic!("no article") };
        let mut before = State::new(Mode::Summary, article.sections.len());
        before.sections_open.fill(false);
        let mut after = before.clone();
        after.mode = Mode::Full;
        after.sections_open[1] = true;
        let ids =
            |state: &State| -> Vec<&str> { state.open_sections().map(|i| article.sections[i]).collect() };
        assert_eq!(
            written(&StateInfo::of(article, &before)),
            json!({ "article": article.slug, "mode": "summary", "expanded": [] })
        );
        assert_eq!(ids(&after), [article.sections[1]]);
        assert_eq!(
            written(&Change::new(article, &before, &after, Cause::Find)),
            json!({
                "article": article.slug, "mode": "full", "expanded": ids(&after),
                "section": article.sections[1], "cause": "find",
            })
        );
        after.sections_open.fill(true);
        assert_eq!(
            written(&Change::new(article, &before, &after, Cause::Restore)),
            json!({
                "article": article.slug, "mode": "full", "expanded": article.sections,
                "section": null, "cause": "restore",
            })
        );
    }

    #[test]
    fn every_slug_and_section_id_needs_no_escaping_in_json() {
        for compiled in article::all() {
            for text in std::iter::once(compiled.slug).chain(compiled.sections.iter().copied()) {
                assert!(
                    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '-'),
                    "{text:?}"
                );
                assert_eq!(serde_json::to_string(text).ok(), Some(["\"", text, "\""].concat()));
            }
        }
    }
}
