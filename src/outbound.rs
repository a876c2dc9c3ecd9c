//! What goes out to JavaScript: the articles' metadata, a widget's state, and the detail of
//! the events the host receives. Each is a plain Rust type that derives `Serialize`;
//! serde-wasm-bindgen builds it as a plain JS object, property by property, with no text for
//! the page's `JSON.parse` to parse (a page may have replaced it). Their TypeScript twins
//! (`outbound.d.ts`) are beside them, and the tests hold one to the other.

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::article::{self, Compiled};
use crate::listing::Listing;
use crate::state::State;

// The TypeScript twins of the shapes below, in a file of their own beside this one;
// `tests/types/usage.ts` type-checks an example against them, and the tests below hold the
// shapes to their fields.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("outbound.d.ts");

/// The listing of every article in the module (`ReadingWidgetArticle`, declared in
/// `crates/view/src/listing.rs`), in the order they were compiled or added: fresh objects on
/// each call (a caller may change what it gets).
pub(crate) fn articles() -> Result<JsValue, JsValue> {
    let entries: Vec<Listing> = article::all().iter().map(|article| article.listing).collect();
    to_js(&entries)
}

/// What `state()` returns and what `readingwidget:ready` carries: `ReadingWidgetState`.
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

/// Why the state changed, as `readingwidget:change` reports it: `ReadingWidgetCause`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
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

/// The detail of `readingwidget:change`: the state's fields, then what changed and why
/// (`ReadingWidgetChange`). The state's fields are repeated rather than `#[serde(flatten)]`ed:
/// flattening serializes through a map, and the map serializer cost bytes of its own.
#[derive(Serialize)]
pub(crate) struct Change {
    article: &'static str,
    mode: &'static str,
    expanded: Vec<&'static str>,
    /// The one section that was folded or unfolded, if exactly one was.
    section: Option<&'static str>,
    cause: Cause,
}

impl Change {
    pub(crate) fn new(article: &'static Compiled, before: &State, after: &State, cause: Cause) -> Change {
        let section = State::changed_section(before, after).and_then(|i| article.sections.get(i)).copied();
        let StateInfo { article: slug, mode, expanded } = StateInfo::of(article, after);
        Change { article: slug, mode, expanded, section, cause }
    }
}

/// A plain JS object (arrays for lists, `null` for nothing) from one of the shapes above.
pub(crate) fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Mode;
    use serde_json::{json, Value};

    const TYPES: &str = include_str!("outbound.d.ts");

    fn value(of: &impl Serialize) -> Value {
        match serde_json::to_value(of) {
            Ok(value) => value,
            Err(error) => panic!("not serializable: {error}"),
        }
    }

    /// The field names `TYPES` declares for `interface name`, its parent's first.
    fn declared(name: &str) -> Vec<String> {
        let start = format!("export interface {name} ");
        let Some(at) = TYPES.find(&start) else { panic!("TYPES has no {name}") };
        let rest = &TYPES[at + start.len()..];
        let Some(end) = rest.find("\n}") else { panic!("{name} never closes") };
        let mut fields = match rest.strip_prefix("extends ") {
            Some(parent) => declared(parent.split_whitespace().next().unwrap_or_default()),
            None => Vec::new(),
        };
        for line in rest[..end].lines().map(str::trim) {
            if let Some((field, _)) = line.split_once(": ") {
                if !field.starts_with(['/', '*']) && !field.contains(' ') {
                    fields.push(field.to_string());
                }
            }
        }
        fields
    }

    fn keys(value: &Value) -> Vec<String> {
        match value {
            Value::Object(map) => map.keys().cloned().collect(),
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn every_shape_has_the_fields_its_typescript_type_declares() {
        let Ok(article) = article::find(Some("ukraine-war-korean-war")) else { panic!("no article") };
        let state = State::new(Mode::Summary, article.sections.len());
        let info = value(&article.listing);
        let change = value(&Change::new(article, &state, &state, Cause::Api));
        let sorted = |mut names: Vec<String>| {
            names.sort();
            names
        };
        assert_eq!(
            sorted(keys(&value(&StateInfo::of(article, &state)))),
            sorted(declared("ReadingWidgetState"))
        );
        assert_eq!(sorted(keys(&change)), sorted(declared("ReadingWidgetChange")));
        assert_eq!(sorted(keys(&info)), sorted(declared("ReadingWidgetArticle")));
        assert_eq!(sorted(keys(&info["sections"][0])), sorted(declared("ReadingWidgetSection")));
        assert_eq!(declared("ReadingWidgetChange").len(), 5, "the parent's fields count too");
    }

    #[test]
    fn every_cause_is_a_name_its_typescript_type_lists() {
        let Some(line) = TYPES.lines().find(|line| line.starts_with("export type ReadingWidgetCause")) else {
            panic!("TYPES has no ReadingWidgetCause")
        };
        for cause in [Cause::User, Cause::Api, Cause::Hash, Cause::Find, Cause::Restore] {
            let name = value(&cause);
            assert!(line.contains(&format!("'{}'", name.as_str().unwrap_or_default())), "{name} in {line}");
        }
    }

    #[test]
    fn the_state_and_the_change_are_the_objects_the_host_reads() {
        let Ok(article) = article::find(Some("ukraine-war-korean-war")) else { panic!("no article") };
        let mut before = State::new(Mode::Summary, article.sections.len());
        before.sections_open.fill(false);
        let mut after = before.clone();
        after.mode = Mode::Full;
        after.sections_open[1] = true;
        assert_eq!(
            value(&StateInfo::of(article, &before)),
            json!({ "article": article.slug, "mode": "summary", "expanded": [] })
        );
        assert_eq!(
            value(&Change::new(article, &before, &after, Cause::Find)),
            json!({
                "article": article.slug, "mode": "full", "expanded": [article.sections[1]],
                "section": article.sections[1], "cause": "find",
            })
        );
        after.sections_open.fill(true);
        assert_eq!(
            value(&Change::new(article, &before, &after, Cause::Restore)),
            json!({
                "article": article.slug, "mode": "full", "expanded": article.sections,
                "section": null, "cause": "restore",
            })
        );
    }

    #[test]
    fn an_article_lists_its_metadata_and_each_sections_reading_time() {
        let Ok(article) = article::find(Some("ukraine-war-korean-war")) else { panic!("no article") };
        let info = value(&article.listing);
        assert_eq!(info["slug"], "ukraine-war-korean-war");
        assert_eq!(info["title"], "The Ukraine War Could Be the Spark to Restart the Korean War");
        assert_eq!(info["date"], "2024-10-23");
        let Some(sections) = info["sections"].as_array() else { panic!("{info}") };
        assert_eq!(sections.len(), article.sections.len());
        assert_eq!(sections[0]["id"], article.sections[0]);
        assert_eq!(sections[0]["minutesLeft"], info["minutes"], "the first section starts the whole read");
        let left: Vec<u64> = sections.iter().filter_map(|s| s["minutesLeft"].as_u64()).collect();
        assert!(left.windows(2).all(|pair| pair[0] >= pair[1]), "{left:?}");
    }
}
