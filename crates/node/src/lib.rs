//! The publisher's tools, compiled to WebAssembly for Node (`wasm-bindgen --target web`, loaded
//! with `initSync` by the npm package's `build.js`): the same content compiler, view and
//! pre-renderer `make dist` runs natively, so a publisher needs Node and nothing else. Every
//! decision is here; the JavaScript around it only reads and writes files and arguments.
//!
//! What crosses to JavaScript is bytes and JSON text: the package parses the text, so no
//! serde-wasm-bindgen is needed on this side.

#![deny(missing_docs)]
#![warn(unreachable_pub)]

mod files;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use reading_widget_site::page::{self, meta, Site};
use reading_widget_view::blob;
use reading_widget_view::listing::{Listing, SectionListing};

pub use files::Files;

/// One article compiled: its file's bytes, and the rest as JSON (see [`compile`]).
#[wasm_bindgen]
pub struct Compiled {
    file: Vec<u8>,
    json: String,
}

#[wasm_bindgen]
impl Compiled {
    /// The article file (`pkg/articles/<slug>….bin`), empty if the article has problems.
    #[wasm_bindgen(getter)]
    pub fn file(&self) -> Vec<u8> {
        self.file.clone()
    }

    /// `{ slug, listing, fragments: { shadow, light }, jsonLd, head, problems }` as JSON.
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.json.clone()
    }
}

/// What [`compile`] says of an article besides its file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct About<'a> {
    slug: &'a str,
    listing: Listing<'a>,
    fragments: Fragments,
    json_ld: String,
    head: Vec<String>,
}

#[derive(Serialize)]
struct Fragments {
    shadow: String,
    light: String,
}

/// Compiles the article at `path` (a label for its problems) from its `text`, with the build's
/// files under `base` (a URL ending in `/`) and the code named by its hash `code`. Either the article file and `{ slug, listing,
/// fragments, jsonLd, head }`, or no file and `{ problems }`, each located
/// (`{ file, line, column, field, message, fix }`).
#[wasm_bindgen]
pub fn compile(path: &str, text: &str, base: &str, code: &str) -> Compiled {
    let article = match content::compile(path, text) {
        Ok(article) => article,
        Err(problems) => {
            let json = ["{\"problems\":", &reading_widget_site::problems::to_json(&problems), "}"].concat();
            return Compiled { file: Vec::new(), json };
        }
    };
    let (date, tags) = (article.iso_date(), article.tags.iter().map(String::as_str).collect::<Vec<_>>());
    let sections = SectionListing::all_of(&article);
    let [shadow, light] = page::fragments_of(&article, base, code);
    let about = About {
        slug: &article.slug,
        listing: Listing::of(&article, &date, &tags, &sections),
        fragments: Fragments { shadow: shadow.html, light: light.html },
        json_ld: meta::json_ld(&article),
        head: meta::head(&article),
    };
    // Strings, numbers and lists: they always serialize.
    let json = serde_json::to_string(&about).unwrap_or_default();
    Compiled { file: blob::file(&[&article]), json }
}

/// The widget's stylesheet, as the build writes it to `pkg/reading_widget.css`.
#[wasm_bindgen]
pub fn stylesheet() -> String {
    reading_widget_view::STYLESHEET.to_owned()
}

/// The build id: what names this release's article files and marks its pre-rendered markup.
#[wasm_bindgen(js_name = buildId)]
pub fn build_id() -> String {
    reading_widget_view::BUILD.to_owned()
}

/// A new article's file for `title` (`reading-widget new`), dated `year-month-day`; its slug is
/// `slug` or, if empty, made from the title. `[slug, text]` as JSON, or an error if the title
/// gives no slug.
#[wasm_bindgen]
pub fn scaffold(title: &str, slug: &str, year: u16, month: u8, day: u8) -> Result<String, JsError> {
    let slug = match slug {
        "" => content::scaffold::slug_of(title).ok_or_else(|| {
            JsError::new(&format!(
                "the title {title:?} gives no slug of a-z, 0-9 and '-'; give one with --slug my-article"
            ))
        })?,
        slug => slug.to_owned(),
    };
    let text = content::scaffold::scaffold(title, &slug, content::Date { year, month, day });
    Ok(serde_json::to_string(&(slug, text)).unwrap_or_default())
}

/// Fills `html` (the page at `path`, named in errors) with the pre-rendered articles of
/// `files`, linking the build's files under `base`, the code by its hash `code`: what
/// `reading-widget prerender` does to each page of a site. A page without the element comes
/// back as it was, and so does a page filled before. The errors, one a line, each
/// `path:line:col: message`.
#[wasm_bindgen]
pub fn prerender(files: &Files, base: &str, code: &str, path: &str, html: &str) -> Result<String, JsError> {
    let site = Site { articles: files, base, code };
    page::fill_site(path, html, &site).map_err(|errors| JsError::new(&errors.join("\n")))
}
