//! The widget's pure half: the article model rendered by the view, and everything the view and
//! the module share: the state and its transitions, the switched parts, the labels, the node
//! description and what fills its holes, the template format the module carries, the HTML
//! renderer, the controller and the text-fragment parser. No web-sys: build.rs, the native site tools and the module in the
//! page all use it, and `cargo test` covers it natively.

pub mod blob;
pub mod controller;
pub mod fill;
pub mod fragment;
pub mod html;
pub mod labels;
pub mod listing;
pub mod node;
pub mod part;
pub mod state;
pub mod template;
pub mod view;

pub use model::{Article, Block, Inline, Section};

/// The widget's stylesheet (`styles.css`, minified by build.rs): what pre-rendered pages link
/// as `reading_widget.css`, and what the module carries unless built with `stylesheet-file`.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/styles.css"));

/// What `part::BUILD_ATTR` holds for this build: a hash, written by build.rs, of what shapes
/// the markup and the article file (the view's and the blob's code, without comments).
/// Templates leave a hole for it (`node::Piece::Build`), which the module fills in the page and
/// the pre-renderer natively; article files carry it in their header and their name
/// (`blob::file`).
pub const BUILD: &str = include_str!(concat!(env!("OUT_DIR"), "/build-id.txt"));

/// The real article, compiled from its file as build.rs compiles it, for the tests that render
/// a whole article.
#[cfg(test)]
mod testing {
    pub(crate) fn article() -> model::Article {
        const PATH: &str = "content/ukraine-war-korean-war.md";
        match content::compile(PATH, include_str!("../../../content/ukraine-war-korean-war.md")) {
            Ok(article) => article,
            Err(problems) => panic!("{PATH} does not compile: {problems:?}"),
        }
    }
}
