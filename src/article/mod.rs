//! The articles: the model the view renders (`model.rs`, native code and build.rs), and what
//! the module in the page carries of each (`compiled.rs`: what the API tells about it, and its
//! markup as a template). build.rs writes both; no Markdown or TOML is parsed at run time.

mod compiled;
mod model;

use std::cell::Cell;

pub(crate) use compiled::{add, Compiled};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use compiled::{chunks, EMBEDDED, SPLICE_MARK};
pub(crate) use model::{Article, Block, Inline, Section};

/// Every article in this module, in the order they were compiled.
pub(crate) fn all() -> &'static [Compiled] {
    compiled::all()
}

/// Why no article could be chosen.
#[derive(Debug, PartialEq)]
pub(crate) enum NotFound {
    Unknown,
    Ambiguous,
}

/// The article with this slug or, without one, the only article compiled in.
pub(crate) fn find(slug: Option<&str>) -> Result<&'static Compiled, NotFound> {
    let articles = all();
    match slug {
        Some(slug) => articles.iter().find(|a| a.slug == slug).ok_or(NotFound::Unknown),
        None if articles.len() == 1 => articles.first().ok_or(NotFound::Unknown),
        None => Err(NotFound::Ambiguous),
    }
}

/// "a, b, c": the slugs, for error messages that list the choices.
pub(crate) fn slugs() -> String {
    let slugs: Vec<&str> = all().iter().map(|a| a.slug).collect();
    slugs.join(", ")
}

/// The models build.rs compiled into this build (none in the shell). The module in the page
/// never reads them (its exports reach only templates), so they are left out of it.
static MODELS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/models.bin"));

thread_local! {
    static DECODED: Cell<Option<&'static [Article]>> = const { Cell::new(None) };
}

/// Every article's model, for the view: pre-rendering and the tests.
pub(crate) fn models() -> &'static [Article] {
    if let Ok(Some(models)) = DECODED.try_with(Cell::get) {
        return models;
    }
    let models = model::decode::decode(MODELS).unwrap_or_default();
    let _ = DECODED.try_with(|cell| cell.set(Some(models)));
    models
}

/// The model with this slug or, without one, the only one.
pub(crate) fn model(slug: Option<&str>) -> Option<&'static Article> {
    let compiled = find(slug).ok()?;
    models().iter().find(|model| model.slug == compiled.slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_only_article_is_the_default() {
        assert_eq!(all().len(), 1);
        let article = find(None).map(|a| a.slug);
        assert_eq!(article, Ok("ukraine-war-korean-war"));
        assert_eq!(model(None).map(|a| a.slug), Some("ukraine-war-korean-war"));
        assert_eq!(models().len(), 1);
    }

    #[test]
    fn unknown_slug_is_not_found() {
        assert!(matches!(find(Some("nope")), Err(NotFound::Unknown)));
    }

    #[test]
    fn section_ids_are_derived_from_headings() {
        let ids = find(None).map(|a| a.section_ids());
        assert_eq!(
            ids,
            Ok("the-korean-war-could-reignite-in-ukraine, the-dead-and-the-deserters, \
                did-north-korea-fall-for-a-putin-trap, will-seoul-send-its-forces"
                .to_owned())
        );
    }
}
