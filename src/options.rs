//! The options object a host passes to `ReadingWidget.mount`, read and checked.
//!
//! Read by hand rather than with serde-wasm-bindgen's deserializer: its errors format the
//! value they did not expect, which brings float formatting into the module, and its
//! `deserialize_struct` reads fields a polluted `Object.prototype` adds (BENCHMARKS.md, "What
//! the code's choices saved", has the cost). serde-wasm-bindgen builds what goes out
//! (`outbound.rs`).

use wasm_bindgen::prelude::*;

use crate::labels::Labels;
use crate::state::Mode;

#[derive(Default)]
pub(crate) struct Options {
    pub(crate) mode: Option<Mode>,
    pub(crate) article: Option<String>,
    pub(crate) labels: Labels,
    /// `false` turns off remembering the state for the tab.
    pub(crate) persist: Option<bool>,
    /// `false` renders into the light DOM instead of a shadow root.
    pub(crate) shadow: Option<bool>,
}

const NAMES: [&str; 5] = ["mode", "article", "labels", "persist", "shadow"];

#[wasm_bindgen]
extern "C" {
    /// `catch`: a Proxy's `ownKeys` trap can throw too.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &JsValue) -> Result<Vec<JsValue>, JsValue>;

    /// `catch`: a getter or a Proxy can throw, and a throw must become an Error, not a trap.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(object: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `catch`: it throws on a revoked Proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
}

impl Options {
    /// `undefined` and `null` mean the defaults; anything else must be a plain options object.
    pub(crate) fn from_js(options: &JsValue) -> Result<Options, String> {
        if options.is_undefined() || options.is_null() {
            return Ok(Options::default());
        }
        if !options.is_object() || options.is_function() || is_array(options) {
            return Err(
                ["options must be an object like { mode: 'full' } (got ", &kind(options), ")"].concat()
            );
        }
        // Its own enumerable keys only: an option inherited from a polluted `Object.prototype`
        // (`Object.prototype.mode = 'full'`) is not the host's, and is not read.
        let own: Vec<String> = keys(options)?.iter().map(|key| key.as_string().unwrap_or_default()).collect();
        if let Some(key) = own.iter().find(|key| !NAMES.contains(&key.as_str())) {
            return Err(["unknown option '", key, "'; the options are: ", &NAMES.join(", ")].concat());
        }
        let given = Given { object: options, own: &own };
        let mode = match given.text("mode", "option")? {
            None => None,
            Some(name) => Some(Mode::from_name(&name).ok_or_else(|| Mode::unknown(&name))?),
        };
        Ok(Options {
            mode,
            article: given.text("article", "option")?,
            labels: labels(&given.get("labels")?)?,
            persist: given.flag("persist")?,
            shadow: given.flag("shadow")?,
        })
    }
}

/// An object the host gave (the options, or the labels), with its own enumerable keys.
struct Given<'a> {
    object: &'a JsValue,
    own: &'a [String],
}

impl Given<'_> {
    /// The value under `key` if it is one of the object's own keys; `undefined` otherwise.
    fn get(&self, key: &str) -> Result<JsValue, String> {
        if !self.own.iter().any(|own| own == key) {
            return Ok(JsValue::UNDEFINED);
        }
        reflect_get(self.object, &JsValue::from_str(key))
            .map_err(|_| ["reading the '", key, "' option threw"].concat())
    }

    /// A string option (or label, the `noun`): absent is `None`, any other type is an error
    /// naming it.
    fn text(&self, key: &str, noun: &str) -> Result<Option<String>, String> {
        let value = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| ["the '", key, "' ", noun, " must be a string (got ", &kind(&value), ")"].concat())
    }

    /// A true-or-false option: absent is `None`, any other type is an error naming it.
    fn flag(&self, key: &str) -> Result<Option<bool>, String> {
        let value = self.get(key)?;
        match value.as_bool() {
            _ if value.is_undefined() => Ok(None),
            Some(flag) => Ok(Some(flag)),
            None => Err(["the '", key, "' option must be true or false (got ", &kind(&value), ")"].concat()),
        }
    }
}

/// `labels: { readFull: '…', … }`: each given label replaces the English one.
fn labels(given: &JsValue) -> Result<Labels, String> {
    let mut labels = Labels::default();
    if given.is_undefined() {
        return Ok(labels);
    }
    if !given.is_object() || given.is_function() || is_array(given) {
        return Err(["the 'labels' option must be an object of strings (got ", &kind(given), ")"].concat());
    }
    let own: Vec<String> = keys(given)?.iter().map(|key| key.as_string().unwrap_or_default()).collect();
    if let Some(name) = own.iter().find(|name| !Labels::knows(name)) {
        return Err(["unknown label '", name, "'; the labels are: ", &Labels::names()].concat());
    }
    let given = Given { object: given, own: &own };
    for name in &own {
        // `undefined` keeps the English label, as it keeps the default for an option.
        if let Some(text) = given.text(name, "label")? {
            labels.set(name, text);
        }
    }
    Ok(labels)
}

fn keys(object: &JsValue) -> Result<Vec<JsValue>, String> {
    object_keys(object).map_err(|_| "listing the options threw".to_owned())
}

/// Whether `value` is an array; a value that cannot be asked (a revoked Proxy) is not, and
/// fails later with a message of its own when its keys are read.
fn is_array(value: &JsValue) -> bool {
    array_is_array(value).unwrap_or(false)
}

/// "number", "null", "object"…: what JavaScript handed over, for error messages.
pub(crate) fn kind(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_owned();
    }
    if is_array(value) {
        return "array".to_owned();
    }
    value.js_typeof().as_string().unwrap_or_default()
}
