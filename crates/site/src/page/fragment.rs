//! The publisher fragments: per article, the `<reading-widget>` element with the widget
//! pre-rendered in it and the module script, to paste into a page (`make dist` writes them to
//! `dist/embed/`).

use super::{light_content, meta, preloads, shadow_content, ELEMENT, MODULE, STYLESHEET};

/// One publisher fragment: `name` is its path under the output folder (`embed/<slug>.html`).
pub struct Fragment {
    /// `embed/<slug>.html` (shadow DOM) or `embed/<slug>.light.html` (light DOM).
    pub name: String,
    /// The fragment: a comment saying what it is, the element, the module script.
    pub html: String,
}

/// Two fragments per compiled-in article, in article order: the element with the pre-rendered
/// summary in a declarative shadow root, and its light-DOM twin.
pub fn fragments() -> Result<Vec<Fragment>, String> {
    let mut found = Vec::new();
    for article in super::models() {
        let slug = article.slug.as_str();
        let markup = |shadow| reading_widget_view::html::prerender(article, false, "rwp1-", shadow);
        let host = ["<", ELEMENT, " article=\"", &meta::escape_attr(slug), "\""].concat();
        let end = ["</", ELEMENT, ">"].concat();
        let hints = preloads("./", &[slug]);
        found.push(Fragment {
            name: ["embed/", slug, ".html"].concat(),
            html: fragment(
                SHADOW_NOTE,
                &[&host, ">", &shadow_content(STYLESHEET, &markup(true)), &end, &hints].concat(),
            ),
        });
        found.push(Fragment {
            name: ["embed/", slug, ".light.html"].concat(),
            html: fragment(
                LIGHT_NOTE,
                &[&host, " shadow=\"false\">", &light_content(STYLESHEET, &markup(false)), &end, &hints]
                    .concat(),
            ),
        });
    }
    Ok(found)
}

const SHADOW_NOTE: &str = "reading-widget: this article, pre-rendered in its <reading-widget> element, for a \
publisher's page. Paste it where the article goes: readers see the summary at once, even without JavaScript, and the \
module makes it interactive. Its styles are in a shadow root, out of reach of the page's CSS.";

const LIGHT_NOTE: &str = "reading-widget: this article, pre-rendered in its <reading-widget> element in the light \
DOM (shadow=\"false\"), where the page's CSS applies. Paste it where the article goes: readers see the summary at \
once, even without JavaScript, and the module makes it interactive. Its element ids start with rwp1-: one light-DOM \
fragment per page.";

fn fragment(note: &str, host: &str) -> String {
    [
        "<!-- ",
        note,
        "\n     ",
        MODULE,
        " and ",
        STYLESHEET,
        " are relative to a page at the site root, as are the preload links' ./pkg/: change them to where you serve \
         embed.js and pkg/. -->\n",
        host,
        "\n<script type=\"module\" src=\"",
        MODULE,
        "\"></script>\n",
    ]
    .concat()
}

#[cfg(test)]
mod tests {
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
            assert!(fragment.html.starts_with("<!-- reading-widget: "), "{}", fragment.html);
            assert!(fragment.html.ends_with(&[" -->\n", &host, script].concat()), "{}", fragment.html);
            assert_eq!(fragment.html.matches("-->").count(), 1, "one comment, closed once");
        }
        // `::part()` names only in the shadow root: the light DOM's would do nothing, and are invalid.
        assert!(fragments[0].html.contains(" part=\"root\""));
        assert!(!fragments[1].html.contains(" part="), "{}", fragments[1].html);
    }

    fn markup(shadow: bool) -> String {
        let Some(article) = super::super::models().first() else { panic!("no article") };
        reading_widget_view::html::prerender(article, false, "rwp1-", shadow)
    }
}
