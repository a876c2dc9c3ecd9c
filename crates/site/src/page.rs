//! Whole pages and publisher fragments with the widget pre-rendered in them (native only).
//!
//! `make dist` runs `crates/site/src/bin/prerender.rs`, which reads and writes the files; everything here is
//! a pure function of (path, text), so `cargo test` covers it. A page template's widgets (the
//! `<reading-widget>` element, or a `data-reading-widget` placeholder) get the widget's markup
//! inside, in a declarative shadow root (or in the light DOM for `shadow="false"`), so readers
//! see the article before, or without, the module; a `<!-- reading-widget:head -->` comment in
//! its head becomes the description, Open Graph tags and JSON-LD of the first widget's article,
//! for search engines and link previews. [`fragments`] gives publishers the same element to
//! paste, per article.

mod fragment;
mod index;
pub mod meta;
mod scan;

pub use fragment::{fragments, of as fragments_of, Fragment};
pub use index::{demo_page, pages as index_pages, INDEX};

use std::sync::OnceLock;

use reading_widget_view::html::prerender;
use reading_widget_view::html::{ELEMENT, SHADOW_HOSTS};
use reading_widget_view::state::Mode;
use reading_widget_view::Article;
use scan::Kind;

/// The widget's stylesheet, as pre-rendered pages and fragments link it: relative to a page at
/// the site root, where `make dist` writes it.
pub const STYLESHEET: &str = "./pkg/reading_widget.css";

/// The stylesheet's path in a build's folder, under its base.
pub const STYLESHEET_IN_BUILD: &str = "pkg/reading_widget.css";

/// What the pages of a site are pre-rendered from: its articles, and where the build's files
/// (`embed.js`, `pkg/`) are from the page: [`STYLESHEET`] and the preloads' `./pkg/` are under
/// `base` in place of `./`.
pub struct Site<'a> {
    pub articles: &'a dyn Articles,
    /// A URL ending in `/`: `./` for a page at the root of `make dist`'s output, `/reading-widget/`
    /// for a site whose build was written there.
    pub base: &'a str,
    /// The code's hash, as its file names have it; or [`CODE_HASH`], for the caller to fill in.
    pub code: &'a str,
}

/// The articles a page may name, by slug: the models (`make dist`) or the article files a
/// build wrote (the npm package's prerender, `crates/node`).
pub trait Articles {
    /// Every slug, in order.
    fn slugs(&self) -> Vec<&str>;
    /// The article's static markup (as [`prerender`] writes it), or `None` if there is no such
    /// article.
    fn markup(&self, slug: &str, full: bool, id_prefix: &str, shadow: bool) -> Option<String>;
    /// The article's `<meta>` tags and JSON-LD script, one a line.
    fn head(&self, slug: &str) -> Option<Vec<String>>;
}

impl Articles for &[Article] {
    fn slugs(&self) -> Vec<&str> {
        self.iter().map(|article| article.slug.as_str()).collect()
    }

    fn markup(&self, slug: &str, full: bool, id_prefix: &str, shadow: bool) -> Option<String> {
        let article = self.iter().find(|article| article.slug == slug)?;
        Some(prerender(article, full, id_prefix, shadow))
    }

    fn head(&self, slug: &str) -> Option<Vec<String>> {
        self.iter().find(|article| article.slug == slug).map(meta::head)
    }
}

/// "a, b, c, d, e and 3 more", or "there are none": a list of slugs in a message, however many.
pub fn listed(slugs: &[&str]) -> String {
    const SHOWN: usize = 5;
    match slugs.len() {
        0 => "there are none".to_owned(),
        n if n <= SHOWN => slugs.join(", "),
        n => [&slugs[..SHOWN].join(", "), " and ", &(n - SHOWN).to_string(), " more"].concat(),
    }
}

/// The module script the fragments load, relative to a page at the site root.
pub const MODULE: &str = "./embed.js";

/// Stands for the code's content hash in what the pre-renderer writes (`reading_widget.<hash>`):
/// `crates/site/src/bin/prerender.rs` replaces it by the hash of the code beside the pages it writes.
pub const CODE_HASH: &str = "__CODE__";

/// Hints that start the downloads a page's eager widgets need while the page is still parsing,
/// before `embed.js` has run: the glue, the code module and each article's file. Low priority,
/// so that the page's own text and the widget's stylesheet come first; `crossorigin` because
/// `embed.js` fetches in CORS mode (a hint that does not match is downloaded twice).
pub fn preloads(base: &str, slugs: &[&str]) -> String {
    let base = meta::escape_attr(base);
    let fetch = |path: &str| {
        [
            "<link rel=\"preload\" href=\"",
            &base,
            "pkg/",
            path,
            "\" as=\"fetch\" crossorigin fetchpriority=\"low\">",
        ]
        .concat()
    };
    let mut out = [
        "<link rel=\"modulepreload\" href=\"",
        &base,
        "pkg/reading_widget.",
        CODE_HASH,
        ".js\" fetchpriority=\"low\">",
    ]
    .concat();
    out.push_str(&fetch(&["reading_widget.", CODE_HASH, ".wasm"].concat()));
    for slug in slugs {
        out.push_str(&fetch(&["articles/", &meta::escape_attr(&crate::splice::file_name(slug))].concat()));
    }
    out
}

/// The text of the comment a template puts in its `<head>` where the article's metadata goes:
/// `<!-- reading-widget:head -->`.
pub const HEAD_MARKER: &str = "reading-widget:head";

/// What a shadow-DOM placeholder holds: a declarative shadow root with the stylesheet's link
/// and the widget's markup. No whitespace between them: the hydrating module compares the
/// root's markup byte for byte.
pub fn shadow_content(css: &str, markup: &str) -> String {
    ["<template shadowrootmode=\"open\">", &light_content(css, markup), "</template>"].concat()
}

/// What a light-DOM (`data-shadow="false"`) placeholder holds: the stylesheet's link, then the
/// widget's markup, with nothing between.
pub fn light_content(css: &str, markup: &str) -> String {
    ["<link rel=\"stylesheet\" href=\"", &meta::escape_attr(css), "\">", markup].concat()
}

/// `template` (the page at `path`, named in errors) with every placeholder's contents replaced
/// by the pre-rendered widget, linking [`STYLESHEET`], and the [`HEAD_MARKER`] by the metadata
/// of the first placeholder's article. A page without placeholders comes back as it was.
/// Errors are `path:LINE:COL: what is wrong (and how to fix it)`, every one in the page.
pub fn fill(path: &str, template: &str) -> Result<String, Vec<String>> {
    fill_site(path, template, &Site { articles: &models(), base: "./", code: CODE_HASH })
}

/// The articles a page's widgets name, each once, in order (a widget that names none is not
/// listed); none if the page cannot be read (filling it then says why).
pub fn named(template: &str) -> Vec<String> {
    let mut slugs: Vec<String> = Vec::new();
    for token in scan::tokens(template).unwrap_or_default() {
        let Kind::Start { name, .. } = &token.kind else { continue };
        let names = if name == ELEMENT { &Names::ELEMENT } else { &Names::PLACEHOLDER };
        if let Some(Some(slug)) = token.kind.attr(names.article) {
            if !slug.is_empty() && !slugs.iter().any(|known| known == slug) {
                slugs.push(slug.to_owned());
            }
        }
    }
    slugs
}

/// [`fill`], from `site`'s articles, linking the build's files under its base.
pub fn fill_site(path: &str, template: &str, site: &Site<'_>) -> Result<String, Vec<String>> {
    let at =
        |offset: usize, message: &str| [path, ":", &scan::line_col(template, offset), ": ", message].concat();
    let tokens = scan::tokens(template).map_err(|(offset, message)| vec![at(offset, &message)])?;
    let mut errors = Vec::new();
    // Byte ranges of the template and what replaces each, in order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut marker = None;
    let mut first_article = None;
    let mut placeholders = 0;
    // Where the first eager widget ends, and the articles of every eager widget: the preloads.
    let mut eager: Option<(usize, Vec<String>)> = None;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        if let Kind::Comment(text) = token.kind {
            if text.trim() == HEAD_MARKER {
                match marker {
                    None => marker = Some(token),
                    Some(_) => errors
                        .push(at(token.start, &["a second ", HEAD_MARKER, " marker; keep one"].concat())),
                }
            }
            continue;
        }
        let Kind::Start { name, .. } = &token.kind else { continue };
        let names = if name == ELEMENT { &Names::ELEMENT } else { &Names::PLACEHOLDER };
        let slug = match token.kind.attr(names.article) {
            Some(slug) => slug,
            // `<reading-widget>` without `article` shows the only article.
            None if name == ELEMENT => None,
            None => continue,
        };
        placeholders += 1;
        if scan::VOID.contains(&name.as_str()) {
            errors.push(at(
                token.start,
                &["a <", name, "> has no contents to hold the widget; use a <div data-reading-widget>"]
                    .concat(),
            ));
            continue;
        }
        let Some(end) = closing(&tokens[i..], name) else {
            errors.push(at(
                token.start,
                &["this <", name, "> placeholder is never closed; add </", name, ">"].concat(),
            ));
            break;
        };
        // Nothing inside the placeholder is read again: its old contents are replaced.
        i += end + 1;
        let end_tag = tokens.get(i - 1);
        let close = end_tag.map_or(template.len(), |token| token.start);
        match placeholder(&token.kind, name, names, slug, placeholders, site) {
            Ok((article, content)) => {
                edits.push((token.end, close, content));
                if token.kind.attr("loading") != Some(Some("lazy")) {
                    let after = end_tag.map_or(template.len(), |token| token.end);
                    let (_, slugs) = eager.get_or_insert((after, Vec::new()));
                    if !slugs.contains(&article) {
                        slugs.push(article.clone());
                    }
                }
                first_article.get_or_insert(article);
            }
            Err(message) => errors.push(at(token.start, &message)),
        }
    }
    if let Some(marker) = marker {
        if placeholders == 0 {
            let message = [HEAD_MARKER, " has no widget to describe; add a <reading-widget> or remove it"];
            errors.push(at(marker.start, &message.concat()));
        } else if let Some(head) = first_article.and_then(|slug| site.articles.head(&slug)) {
            let indent = indent_before(template, marker.start);
            edits.push((marker.start, marker.end, head.join(&["\n", indent].concat())));
        }
    }
    if let Some((end, slugs)) = eager {
        let slugs: Vec<&str> = slugs.iter().map(String::as_str).collect();
        let hints = preloads(site.base, &slugs).replace(CODE_HASH, site.code);
        // A page pre-rendered before has them already: filling it again changes nothing.
        if !template.get(end..).is_some_and(|after| after.starts_with(&hints)) {
            edits.push((end, end, hints));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(splice(template, edits))
}

/// `text` with each byte range replaced, the ranges apart from each other.
fn splice(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|(start, _, _)| *start);
    let mut out = String::with_capacity(text.len() + edits.iter().map(|(_, _, s)| s.len()).sum::<usize>());
    let mut copied = 0;
    for (start, end, replacement) in &edits {
        out.push_str(text.get(copied..*start).unwrap_or(""));
        out.push_str(replacement);
        copied = *end;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// Where the element opened just before `tokens` ends: the index of its end tag. Elements of
/// other names nest freely; only ones of the same name count, as the browser would match them.
fn closing(tokens: &[scan::Token<'_>], name: &str) -> Option<usize> {
    let mut depth = 1;
    tokens.iter().position(|token| {
        match &token.kind {
            Kind::Start { name: inner, .. } if inner == name => depth += 1,
            Kind::End { name: inner } if inner == name => depth -= 1,
            _ => {}
        }
        depth == 0
    })
}

/// The attributes a widget's host is read by: the element's, or a placeholder's
/// (`<div data-reading-widget="…" data-mode="…" data-shadow="false">`).
struct Names {
    article: &'static str,
    mode: &'static str,
    shadow: &'static str,
}

impl Names {
    const ELEMENT: Names = Names { article: "article", mode: "mode", shadow: "shadow" };
    const PLACEHOLDER: Names =
        Names { article: "data-reading-widget", mode: "data-mode", shadow: "data-shadow" };
}

/// The article and the pre-rendered contents of the `number`th widget of a page (from 1, for
/// its id prefix), or what is wrong with it.
fn placeholder(
    tag: &Kind<'_>,
    name: &str,
    names: &Names,
    slug: Option<&str>,
    number: usize,
    site: &Site<'_>,
) -> Result<(String, String), String> {
    let shadow = tag.attr(names.shadow) != Some(Some("false"));
    if shadow && !SHADOW_HOSTS.contains(&name) && !name.contains('-') {
        return Err([
            "a <",
            name,
            "> cannot hold a shadow root; use a <div> or a <section>, or add data-shadow=\"false\"",
        ]
        .concat());
    }
    let mode = match tag.attr(names.mode).flatten() {
        None => Mode::Summary,
        Some(name) => Mode::from_name(name).ok_or_else(|| Mode::unknown(name))?,
    };
    let slug = slug.filter(|slug| !slug.is_empty());
    let slugs = site.articles.slugs();
    let article = match (slug, slugs.as_slice()) {
        (Some(slug), _) => slug,
        (None, [only]) => only,
        (None, []) => return Err(["no article to show; name one in ", names.article].concat()),
        (None, _) => {
            return Err(
                ["several articles are built; name one in ", names.article, ": ", &listed(&slugs)].concat()
            )
        }
    };
    let prefix = ["rwp", &number.to_string(), "-"].concat();
    let markup =
        site.articles.markup(article, matches!(mode, Mode::Full), &prefix, shadow).ok_or_else(|| {
            ["unknown article '", article, "'; the articles built are: ", &listed(&slugs)].concat()
        })?;
    let css = [site.base, STYLESHEET_IN_BUILD].concat();
    let content = if shadow { shadow_content(&css, &markup) } else { light_content(&css, &markup) };
    Ok((article.to_owned(), content))
}

/// The spaces before `offset` on its line, if nothing else is there: the metadata's lines line
/// up under the marker.
fn indent_before(text: &str, offset: usize) -> &str {
    let before = text.get(..offset).unwrap_or("");
    let line = before.get(before.rfind('\n').map_or(0, |at| at + 1)..).unwrap_or("");
    if line.chars().all(|c| c == ' ' || c == '\t') {
        line
    } else {
        ""
    }
}

/// The articles' models, compiled from the folders build.rs compiled the module's from
/// (`READING_WIDGET_CONTENT`, or `content`, from the working directory), in the same order: the
/// pages are pre-rendered from the sources the module's templates were written from. Empty if
/// they do not compile (the build would have failed on them).
pub fn models() -> &'static [Article] {
    static MODELS: OnceLock<Vec<Article>> = OnceLock::new();
    MODELS.get_or_init(|| {
        // The tests describe the site of the repository's `content/` (one article, so a widget
        // may name none), whatever READING_WIDGET_CONTENT says, from the crate's folder, where
        // `cargo test` runs them.
        let folders = match cfg!(test) {
            true => concat!(env!("CARGO_MANIFEST_DIR"), "/../../content").to_owned(),
            false => std::env::var("READING_WIDGET_CONTENT").unwrap_or_else(|_| "content".to_owned()),
        };
        let compiled = content::compile_folders(&folders).unwrap_or_default();
        compiled.into_iter().map(|(_, article)| article).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model of the article with this slug.
    fn model(slug: &str) -> Option<&'static Article> {
        models().iter().find(|model| model.slug == slug)
    }

    #[test]
    fn a_page_names_the_articles_of_its_widgets_once_each() {
        let page = "<reading-widget article=\"a\"></reading-widget><div data-reading-widget=\"b\"></div>\
                    <reading-widget></reading-widget><div data-reading-widget></div><p article=\"c\"></p>\
                    <reading-widget article=\"a\"></reading-widget><script>'<div data-reading-widget=\"d\">'</script>";
        assert_eq!(named(page), ["a", "b"]);
    }

    #[test]
    fn a_page_filled_twice_is_the_page_filled_once() {
        let once = filled(
            "<head>\n<!-- reading-widget:head -->\n</head>\n<reading-widget></reading-widget>\n<p>after</p>",
        );
        assert_eq!(filled(&once), once);
        assert_eq!(once.matches("rel=\"modulepreload\"").count(), 1, "{once}");
    }

    #[test]
    fn a_list_of_slugs_names_five_and_counts_the_rest() {
        assert_eq!(listed(&[]), "there are none");
        assert_eq!(listed(&["a", "b"]), "a, b");
        assert_eq!(listed(&["a", "b", "c", "d", "e"]), "a, b, c, d, e");
        let many: Vec<String> = (0..1001).map(|n| n.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(listed(&many), "0, 1, 2, 3, 4 and 996 more");
    }

    const SLUG: &str = "ukraine-war-korean-war";

    fn markup(full: bool, prefix: &str) -> String {
        let Some(article) = model(SLUG) else { panic!("no article") };
        prerender(article, full, prefix, true)
    }

    fn light_markup(full: bool, prefix: &str) -> String {
        let Some(article) = model(SLUG) else { panic!("no article") };
        prerender(article, full, prefix, false)
    }

    fn filled(template: &str) -> String {
        match fill("www/x.html", template) {
            Ok(page) => page,
            Err(errors) => panic!("{errors:?}"),
        }
    }

    fn errors(template: &str) -> Vec<String> {
        match fill("www/x.html", template) {
            Ok(page) => panic!("filled: {page}"),
            Err(errors) => errors,
        }
    }

    #[test]
    fn shadow_content_is_a_declarative_root_with_the_link_then_the_markup() {
        assert_eq!(
            shadow_content("a&b.css", "<article>x</article>"),
            "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"a&amp;b.css\"><article>x</article></template>"
        );
        assert_eq!(light_content("s.css", "<p>x</p>"), "<link rel=\"stylesheet\" href=\"s.css\"><p>x</p>");
    }

    #[test]
    fn preloads_name_the_glue_the_code_module_and_each_article_at_low_priority() {
        assert_eq!(
            preloads("./", &["a", "b&c"]),
            [
                "<link rel=\"modulepreload\" href=\"./pkg/reading_widget.__CODE__.js\" fetchpriority=\"low\">",
                "<link rel=\"preload\" href=\"./pkg/reading_widget.__CODE__.wasm\" as=\"fetch\" crossorigin fetchpriority=\"low\">",
                "<link rel=\"preload\" href=\"./pkg/articles/a.",
                reading_widget_view::BUILD,
                ".bin\" as=\"fetch\" crossorigin fetchpriority=\"low\">",
                "<link rel=\"preload\" href=\"./pkg/articles/b&amp;c.",
                reading_widget_view::BUILD,
                ".bin\" as=\"fetch\" crossorigin fetchpriority=\"low\">",
            ]
            .concat()
        );
    }

    #[test]
    fn replaces_the_placeholders_contents_and_keeps_its_tag_and_the_page() {
        let page = filled("<main>\n<div class=\"a\" data-reading-widget>\n  <p class=\"loading\">Loading…</p>\n</div>\n</main>");
        let expected = [
            "<main>\n<div class=\"a\" data-reading-widget>",
            &shadow_content(STYLESHEET, &markup(false, "rwp1-")),
            "</div>",
            &preloads("./", &[SLUG]),
            "\n</main>",
        ];
        assert_eq!(page, expected.concat());
    }

    #[test]
    fn reads_the_slug_mode_and_shadow_attributes_in_any_order_and_quoting() {
        let page = filled(
            &["<section data-shadow=false data-mode='full' data-reading-widget=\"", SLUG, "\"></section>"]
                .concat(),
        );
        let expected = ["<section data-shadow=false data-mode='full' data-reading-widget=\"", SLUG, "\">"];
        assert_eq!(
            page,
            [
                &expected.concat(),
                &light_content(STYLESHEET, &light_markup(true, "rwp1-")),
                "</section>",
                &preloads("./", &[SLUG])
            ]
            .concat()
        );
        // `part` names only in a shadow root: in the light DOM they do nothing, and are invalid.
        assert!(!page.contains(" part="), "{page}");
        assert!(markup(true, "rwp1-").contains(" part=\"root\""));
    }

    #[test]
    fn fills_the_element_read_by_its_own_attributes() {
        let page =
            filled(&["<p><reading-widget article=\"", SLUG, "\" mode=full></reading-widget></p>"].concat());
        let expected = [
            "<p><reading-widget article=\"",
            SLUG,
            "\" mode=full>",
            &shadow_content(STYLESHEET, &markup(true, "rwp1-")),
            "</reading-widget>",
            &preloads("./", &[SLUG]),
            "</p>",
        ];
        assert_eq!(page, expected.concat());
        // Without `article`, the only article; `data-` names mean nothing on the element.
        let page = filled("<reading-widget shadow=\"false\" data-mode=\"full\"></reading-widget>");
        let expected = [
            "<reading-widget shadow=\"false\" data-mode=\"full\">",
            &light_content(STYLESHEET, &light_markup(false, "rwp1-")),
            "</reading-widget>",
            &preloads("./", &[SLUG]),
        ];
        assert_eq!(page, expected.concat());
        // A lazy widget's downloads wait for it: no preload links.
        let page = filled("<reading-widget loading=\"lazy\"></reading-widget>");
        assert!(!page.contains("preload"), "{page}");
        assert!(page.ends_with("</template></reading-widget>"), "{page}");
        assert_eq!(
            errors("<reading-widget article=\"nope\"></reading-widget>\n<reading-widget mode=wide>"),
            [
                ["www/x.html:1:1: unknown article 'nope'; the articles built are: ", SLUG].concat(),
                "www/x.html:2:1: this <reading-widget> placeholder is never closed; add </reading-widget>"
                    .to_owned(),
            ]
        );
    }

    #[test]
    fn numbers_the_id_prefix_per_placeholder() {
        let page =
            filled("<div data-reading-widget></div><div data-reading-widget data-mode=\"full\"></div>");
        // The preloads once, after the first eager widget, naming each article once.
        let first = [
            "<div data-reading-widget>",
            &shadow_content(STYLESHEET, &markup(false, "rwp1-")),
            "</div>",
            &preloads("./", &[SLUG]),
        ];
        let second = [
            "<div data-reading-widget data-mode=\"full\">",
            &shadow_content(STYLESHEET, &markup(true, "rwp2-")),
            "</div>",
        ];
        assert_eq!(page, [first.concat(), second.concat()].concat());
    }

    #[test]
    fn nested_elements_of_the_same_name_stay_inside_the_placeholder() {
        let page = filled("<div data-reading-widget><div><div></div></div><img src=x></div><div>after</div>");
        assert!(
            page.ends_with(&["</template></div>", &preloads("./", &[SLUG]), "<div>after</div>"].concat()),
            "{page}"
        );
        assert!(!page.contains("<img"), "{page}");
    }

    #[test]
    fn the_head_marker_becomes_the_first_placeholders_metadata_with_its_indent() {
        let page = filled("<head>\n  <!-- reading-widget:head -->\n</head>\n<div data-reading-widget></div>");
        let Some(article) = model(SLUG) else { panic!("no article") };
        assert!(
            page.starts_with(&["<head>\n  ", &meta::head(article).join("\n  "), "\n</head>\n"].concat()),
            "{page}"
        );
        assert!(page.contains("\n  <meta property=\"og:type\" content=\"article\">\n"), "{page}");
    }

    #[test]
    fn a_page_without_placeholders_or_marker_is_unchanged() {
        let template = "<!doctype html><p>No widget, <!-- a comment --> and <script>'<div data-reading-widget>'</script></p>";
        assert_eq!(filled(template), template);
    }

    #[test]
    fn errors_name_the_line_and_column_of_each_bad_placeholder() {
        let template = "<html>\n  <div data-reading-widget=\"nope\"></div>\n <div data-reading-widget data-mode=wide></div>\n<button data-reading-widget></button>";
        assert_eq!(
            errors(template),
            [
                ["www/x.html:2:3: unknown article 'nope'; the articles built are: ", SLUG].concat(),
                "www/x.html:3:2: unknown mode 'wide'; use 'summary' or 'full'".to_owned(),
                "www/x.html:4:1: a <button> cannot hold a shadow root; use a <div> or a <section>, or add data-shadow=\"false\"".to_owned(),
            ]
        );
    }

    #[test]
    fn errors_for_an_unclosed_placeholder_a_void_one_and_a_lonely_marker() {
        assert_eq!(
            errors("<p>\n<div data-reading-widget><div></div>"),
            ["www/x.html:2:1: this <div> placeholder is never closed; add </div>"]
        );
        assert_eq!(
            errors("<img data-reading-widget data-shadow=\"false\">"),
            ["www/x.html:1:1: a <img> has no contents to hold the widget; use a <div data-reading-widget>"]
        );
        assert_eq!(
            errors("<head><!-- reading-widget:head --></head>"),
            ["www/x.html:1:7: reading-widget:head has no widget to describe; add a <reading-widget> or remove it"]
        );
        assert_eq!(
            errors("<!-- reading-widget:head -->\n<!--reading-widget:head--><div data-reading-widget></div>"),
            ["www/x.html:2:1: a second reading-widget:head marker; keep one"]
        );
        assert_eq!(errors("<div class=\"x></div>"), ["www/x.html:1:1: this tag is never closed with >"]);
    }
}
