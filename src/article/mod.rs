//! The articles the module in the page carries (`compiled.rs`: what the API tells about each,
//! and its markup as a template), which build.rs writes; no Markdown or TOML is parsed at run
//! time. The model they were rendered from is `crates/model`'s.

mod compiled;
#[cfg(test)]
mod mutated;

pub(crate) use compiled::{add, Compiled};

use crate::labels;

/// Every article in this module, in the order they were compiled.
pub(crate) fn all() -> &'static [Compiled] {
    compiled::all()
}

/// Why no article could be chosen.
#[derive(Debug, PartialEq)]
pub(crate) enum NotFound {
    Unknown,
    Ambiguous,
    /// No slug, and no article in the module to show.
    Empty,
}

/// The article with this slug or, without one, the only article compiled in.
pub(crate) fn find(slug: Option<&str>) -> Result<&'static Compiled, NotFound> {
    let articles = all();
    match slug {
        Some(slug) => articles.iter().find(|a| a.slug == slug).ok_or(NotFound::Unknown),
        None if articles.len() == 1 => articles.first().ok_or(NotFound::Unknown),
        None if articles.is_empty() => Err(NotFound::Empty),
        None => Err(NotFound::Ambiguous),
    }
}

/// What a mount that found no article throws: why, and the slugs there are to choose from.
pub(crate) fn not_found_message(not_found: NotFound, slug: Option<&str>) -> String {
    let slugs: Vec<&str> = all().iter().map(|a| a.slug).collect();
    match not_found {
        NotFound::Unknown => [
            "unknown article '",
            slug.unwrap_or(""),
            "'; ",
            &choices("the compiled-in articles are: ", &slugs),
        ]
        .concat(),
        NotFound::Ambiguous => {
            choices("several articles are compiled in; choose one with the 'article' option: ", &slugs)
        }
        NotFound::Empty => "this module has no articles; add one with ReadingWidget.addArticles".to_owned(),
    }
}

/// How many choices a message names; the rest it counts. A module may hold a thousand
/// articles, and an error message is read on one line of a console.
const NAMED: usize = 5;

/// `intro` and "a, b, c", or "a, b, c, d, e and 996 more": the choices a message lists. With
/// none, "there are none" alone.
pub(crate) fn choices(intro: &str, names: &[&str]) -> String {
    let Some((first, rest)) = names.split_first() else { return "there are none".to_owned() };
    let mut out = [intro, first].concat();
    for name in rest.iter().take(NAMED - 1) {
        out.push_str(", ");
        out.push_str(name);
    }
    if names.len() > NAMED {
        out.push_str(&[" and ", &labels::decimal(names.len() - NAMED), " more"].concat());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    use crate::fill::Fill;
    use crate::labels::Labels;
    use crate::template::{self, Op, Ops};

    /// The real article's template, written from its file as build.rs writes it.
    fn fresh_template() -> Vec<u8> {
        const PATH: &str = "content/ukraine-war-korean-war.md";
        let article = match content::compile(PATH, include_str!("../../content/ukraine-war-korean-war.md")) {
            Ok(article) => article,
            Err(problems) => panic!("{PATH} does not compile: {problems:?}"),
        };
        template::of(&article)
    }

    #[test]
    fn the_module_carries_the_template_of_the_view() {
        let Ok(compiled) = find(Some("ukraine-war-korean-war")) else { panic!("no article") };
        let line = |op: Op| format!("{op:?}");
        let built: Vec<String> = Ops::new(compiled.template, true).map(line).collect();
        let fresh: Vec<String> = Ops::new(&fresh_template(), true).map(line).collect();
        let first_difference = built.iter().zip(&fresh).position(|(a, b)| a != b);
        assert_eq!(first_difference, None, "{:?}", first_difference.map(|i| (&built[i], &fresh[i])));
        assert_eq!(built.len(), fresh.len());
        assert!(built.len() > 300, "a whole article: {} operations", built.len());
    }

    #[test]
    fn every_text_in_the_templates_is_utf8() {
        // What the page takes on trust (`Reader::text`, once a file's checksum matched), checked
        // here on every template: the tags and names, and the values with the texts among
        // their holes.
        let labels = Labels::default();
        let fill = Fill { ids: "rw1-", labels: &labels, parts: true, build: "b1" };
        for compiled in all() {
            for op in Ops::new(compiled.template, true) {
                let text = match op {
                    Op::Open(tag) => Cow::Borrowed(tag),
                    Op::Attr(name, value) => Cow::Owned([name, &value.filled(&fill)].concat()),
                    Op::Text(value) => value.filled(&fill),
                    Op::Part(_) | Op::Close => continue,
                };
                assert!(std::str::from_utf8(text.as_bytes()).is_ok());
            }
        }
    }

    #[test]
    fn without_a_slug_the_only_article_or_none() {
        // However many articles this build compiled in (READING_WIDGET_CONTENT).
        let expected = match all() {
            [only] => Ok(only.slug),
            [] => Err(NotFound::Empty),
            _ => Err(NotFound::Ambiguous),
        };
        assert_eq!(find(None).map(|a| a.slug), expected);
        let article = find(Some("ukraine-war-korean-war")).map(|a| a.slug);
        assert_eq!(article, Ok("ukraine-war-korean-war"));
    }

    #[test]
    fn unknown_slug_is_not_found() {
        assert!(matches!(find(Some("nope")), Err(NotFound::Unknown)));
    }

    #[test]
    fn section_ids_are_derived_from_headings() {
        let ids = find(Some("ukraine-war-korean-war")).map(|a| a.section_choices());
        assert_eq!(
            ids,
            Ok("the sections are: the-korean-war-could-reignite-in-ukraine, the-dead-and-the-deserters, \
                did-north-korea-fall-for-a-putin-trap, will-seoul-send-its-forces"
                .to_owned())
        );
    }

    #[test]
    fn a_message_names_five_choices_and_counts_the_rest() {
        let names: Vec<String> = (1..=1001).map(|n| ["a", &labels::decimal(n)].concat()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let named = |n: usize| choices("the articles are: ", &names[..n]);
        assert_eq!(named(1001), "the articles are: a1, a2, a3, a4, a5 and 996 more");
        assert_eq!(named(6), "the articles are: a1, a2, a3, a4, a5 and 1 more");
        assert_eq!(named(5), "the articles are: a1, a2, a3, a4, a5");
        assert_eq!(named(1), "the articles are: a1");
        assert_eq!(named(0), "there are none");
    }

    #[test]
    fn a_mount_that_finds_no_article_says_why_and_what_there_is() {
        // However many articles this build compiled in (READING_WIDGET_CONTENT).
        let slugs: Vec<&str> = all().iter().map(|a| a.slug).collect();
        let listed = choices("the compiled-in articles are: ", &slugs);
        assert_eq!(
            not_found_message(NotFound::Unknown, Some("nope")),
            ["unknown article 'nope'; ", &listed].concat()
        );
        assert!(listed.contains("ukraine-war-korean-war"), "{listed}");
        assert_eq!(
            not_found_message(NotFound::Empty, None),
            "this module has no articles; add one with ReadingWidget.addArticles"
        );
    }
}
