//! The publisher fragments: per article, the `<reading-widget>` element with the widget
//! pre-rendered in it and the module script, to paste into a page (`make dist` writes them to
//! `dist/embed/`).

use reading_widget_view::html::prerender;
use reading_widget_view::Article;

use super::{light_content, meta, preloads, shadow_content, CODE_HASH, ELEMENT, STYLESHEET_IN_BUILD};

/// One publisher fragment: `name` is its path under the output folder (`embed/<slug>.html`).
pub struct Fragment {
    /// `embed/<slug>.html` (shadow DOM) or `embed/<slug>.light.html` (light DOM).
    pub name: String,
    /// The fragment: a comment saying what it is, the element, the module script.
    pub html: String,
}

/// Two fragments per compiled-in article, in article order (as [`of`] writes them), for a page
/// at the root of `make dist`'s output.
pub fn fragments() -> Result<Vec<Fragment>, String> {
    Ok(super::models().iter().flat_map(|article| of(article, "./", CODE_HASH)).collect())
}

/// `article`'s two fragments: the element with the pre-rendered summary in a declarative
/// shadow root, and its light-DOM twin; each with the preload links and the module script,
/// linking the build's files under `base` (a URL ending in `/`: `./`, `/reading-widget/`) and
/// the code by its hash `code` (or [`CODE_HASH`], to fill in later). No comment for the editor: what is pasted is what readers get.
pub fn of(article: &Article, base: &str, code: &str) -> [Fragment; 2] {
    let slug = article.slug.as_str();
    let markup = |shadow| prerender(article, false, "rwp1-", shadow);
    let host = ["<", ELEMENT, " article=\"", &meta::escape_attr(slug), "\""].concat();
    let end = ["</", ELEMENT, ">"].concat();
    let css = [base, STYLESHEET_IN_BUILD].concat();
    let script =
        ["\n<script type=\"module\" src=\"", &meta::escape_attr(base), "embed.js\"></script>\n"].concat();
    let hints = preloads(base, &[slug]).replace(CODE_HASH, code);
    [
        Fragment {
            name: ["embed/", slug, ".html"].concat(),
            html: [&host, ">", &shadow_content(&css, &markup(true)), &end, &hints, &script].concat(),
        },
        Fragment {
            name: ["embed/", slug, ".light.html"].concat(),
            html: [&host, " shadow=\"false\">", &light_content(&css, &markup(false)), &end, &hints, &script]
                .concat(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::super::STYLESHEET;
    use super::*;

    const SLUG: &str = "ukraine-war-korean-war";

    #[test]
    fn fragments_hold_the_placeholder_the_content_and_the_module_script() {
        let Ok(fragments) = fragments() else { panic!("no fragments") };
        let names: Vec<&str> = fragments.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, [["embed/", SLUG, ".html"].concat(), ["embed/", SLUG, ".light.html"].concat()]);
        let script = "\n<script type=\"module\" src=\"./embed.js\"></script>\n";
        let shadow = [
            "<reading-widget article=\"",
            SLUG,
            "\">",
            &shadow_content(STYLESHEET, &markup(true)),
            "</reading-widget>",
            &preloads("./", &[SLUG]),
        ];
        let light = [
            "<reading-widget article=\"",
            SLUG,
            "\" shadow=\"false\">",
            &light_content(STYLESHEET, &markup(false)),
            "</reading-widget>",
            &preloads("./", &[SLUG]),
        ];
        for (fragment, host) in fragments.iter().zip([shadow.concat(), light.concat()]) {
            assert_eq!(fragment.html, [host.as_str(), script].concat());
        }
        // `::part()` names only in the shadow root: the light DOM's would do nothing, and are invalid.
        assert!(fragments[0].html.contains(" part=\"root\""));
        assert!(!fragments[1].html.contains(" part="), "{}", fragments[1].html);
    }

    fn markup(shadow: bool) -> String {
        let Some(article) = super::super::models().first() else { panic!("no article") };
        prerender(article, false, "rwp1-", shadow)
    }
}
