//! The view rendered as an HTML string, natively: the pre-rendered article for readers before
//! and without WebAssembly (`make dist`); the browser tests check it against what `dom/`
//! builds or takes over, byte for byte. Also what HTML allows, where both backends need it.

use crate::fill::Fill;
use crate::labels::Labels;
use crate::node::Node;
use crate::part::Phase;
use crate::state::{Mode, State};
use crate::view::{self, Context};
use model::Article;

/// The widget's markup for `article` as an HTML string, for pre-rendering a page: the static
/// markup, readable with no script (the full text behind a native `<details>`, no control that
/// needs the module), which the module takes over in place. Element ids start with
/// `id_prefix`. For a shadow root (`shadow`), with the elements' `part` names; for the light
/// DOM without them, as the module renders it there (`::part()` cannot reach the light DOM,
/// and HTML checkers refuse `part` there).
pub fn prerender(article: &Article, full: bool, id_prefix: &str, shadow: bool) -> String {
    render_article(article, full, id_prefix, Phase::Static, shadow)
}

/// The markup exactly as the module renders it live in a browser with this id prefix, in a
/// shadow root or in the light DOM (the browser tests hold the DOM to these bytes, fresh or
/// taken over).
pub fn render_live(article: &Article, full: bool, id_prefix: &str, shadow: bool) -> String {
    render_article(article, full, id_prefix, Phase::Live, shadow)
}

fn render_article(article: &Article, full: bool, id_prefix: &str, phase: Phase, shadow: bool) -> String {
    let state = State::new(if full { Mode::Full } else { Mode::Summary }, article.sections.len());
    let labels = Labels::default();
    let fill = Fill { ids: id_prefix, labels: &labels, parts: shadow, build: crate::BUILD };
    render(&view::article(&Context { article, phase }, &state), &fill)
}

/// The custom element `embed.js` defines, `<reading-widget>`: a declarative shadow root on it
/// holds the page's widget, and the pre-renderer fills it by its own attributes.
pub const ELEMENT: &str = "reading-widget";

/// The elements HTML lets hold a shadow root (`attachShadow`, a declarative one), besides
/// custom elements: the module refuses to mount into others with a message saying so, and the
/// pre-renderer refuses such a placeholder at build time.
pub const SHADOW_HOSTS: [&str; 18] = [
    "article",
    "aside",
    "blockquote",
    "body",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "p",
    "section",
    "span",
];

/// The attribute that names an element for `::part()` rules, which reach into a shadow root and
/// nowhere else. In the light DOM it does nothing, and the W3C checker (`make validate-html`)
/// counts it an error there, so light-DOM markup goes without it, in every backend alike: here
/// and in the module's templates (`template::Ops`), or a take-over would find them different.
pub const PART: &str = "part";

/// Serialises the way browsers serialise `outerHTML`, so the two can be compared directly,
/// with the holes filled by `fill`; with the elements' `part` names for a shadow root
/// (`fill.parts`), without them for the light DOM.
pub fn render(node: &Node, fill: &Fill<'_>) -> String {
    let mut out = String::new();
    write_node(node, fill, &mut out);
    out
}

fn write_node(node: &Node, fill: &Fill<'_>, out: &mut String) {
    match node {
        Node::Text(text) => escape(&fill.value(text), false, out),
        Node::Element(element) => {
            out.push('<');
            out.push_str(element.tag);
            for (name, value) in element.attrs.iter().filter(|(name, _)| fill.parts || *name != PART) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape(&fill.value(value), true, out);
                out.push('"');
            }
            // The view has no void elements (<br>, <img>…), so every element gets a closing tag.
            out.push('>');
            for child in &element.children {
                write_node(child, fill, out);
            }
            out.push_str("</");
            out.push_str(element.tag);
            out.push('>');
        }
    }
}

/// The HTML serialisation algorithm's escaping: `&`, no-break space, and `<`/`>` in text;
/// `"` in attributes (current browsers escape `<`/`>` there too).
pub fn escape(text: &str, in_attribute: bool, out: &mut String) {
    // Byte by byte, copying the runs between escapes: less code than char by char. U+00A0 is
    // C2 A0, and A0 after C2 is always that character.
    let bytes = text.as_bytes();
    let mut from = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let (entity, start) = match byte {
            b'&' => ("&amp;", at),
            b'<' => ("&lt;", at),
            b'>' => ("&gt;", at),
            b'"' if in_attribute => ("&quot;", at),
            0xA0 if at > 0 && bytes.get(at - 1) == Some(&0xC2) => ("&nbsp;", at - 1),
            _ => continue,
        };
        out.push_str(text.get(from..start).unwrap_or_default());
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(text.get(from..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Labels;
    use crate::part::Phase;
    use crate::state::{Mode, State};
    use crate::view::{self, Context};

    fn rendered(mode: Mode, phase: Phase) -> String {
        let article = &crate::testing::article();
        let state = State::new(mode, article.sections.len());
        let labels = Labels::default();
        let fill = Fill { ids: "rw1-", labels: &labels, parts: true, build: "b1" };
        render(&view::article(&Context { article, phase }, &state), &fill)
    }

    #[test]
    fn escapes_text_and_attributes() {
        let mut out = String::new();
        escape("a<b> & \"c\"", false, &mut out);
        assert_eq!(out, "a&lt;b&gt; &amp; \"c\"");
        out.clear();
        escape("a<b> & \"c\"", true, &mut out);
        assert_eq!(out, "a&lt;b&gt; &amp; &quot;c&quot;");
        out.clear();
        escape("\u{a0}é\u{a0}x\u{a0}", false, &mut out);
        assert_eq!(out, "&nbsp;é&nbsp;x&nbsp;");
    }

    #[test]
    fn summary_mode_hides_the_full_text_and_labels_the_control() {
        let html = rendered(Mode::Summary, Phase::Live);
        assert!(html.starts_with("<article class=\"rw\" part=\"root\" lang=\"en\""));
        assert!(html.contains("<div class=\"rw-full\" id=\"rw1-full\" hidden=\"until-found\">"));
        assert!(html.contains("aria-controls=\"rw1-full\" aria-expanded=\"false\">"));
        // Both labels are written; CSS shows the one that fits `aria-expanded`.
        assert!(html.contains(
            "aria-expanded=\"false\"><span class=\"rw-when-closed\">Read the full article · 3 min</span>\
             <span class=\"rw-when-open\">Back to the summary</span></button>"
        ));
    }

    #[test]
    fn full_mode_shows_the_sections() {
        let html = rendered(Mode::Full, Phase::Live);
        assert!(html.contains("<div class=\"rw-full\" id=\"rw1-full\">"));
        assert!(html.contains("aria-expanded=\"true\">The Dead and the Deserters</button>"));
    }

    #[test]
    fn the_static_page_folds_the_full_text_in_a_closed_details_and_hides_the_controls() {
        let html = rendered(Mode::Summary, Phase::Static);
        assert!(html.contains("<button type=\"button\" class=\"rw-mode\" part=\"mode-button\" aria-controls=\"rw1-full\" aria-expanded=\"false\" hidden=\"\">"));
        assert!(html.contains("<details class=\"rw-more\"><summary class=\"rw-more-summary\"><span class=\"rw-when-closed\">Read the full article · 3 min</span>"));
        assert!(html.contains("<div class=\"rw-full\" id=\"rw1-full\"><div class=\"rw-tools\" inert=\"\">"));
        // Before the module, a heading's button says nothing of folding: it cannot fold yet.
        assert!(html.contains("data-rw-section=\"the-dead-and-the-deserters\" disabled=\"\">The Dead and the Deserters</button>"));
        assert!(!html.contains("until-found"), "every word readable once the <details> is open");
        let live = rendered(Mode::Summary, Phase::Live);
        assert!(live.contains(
            "<details class=\"rw-more\" open=\"\"><summary class=\"rw-more-summary\" hidden=\"\">"
        ));
        assert!(!live.contains("disabled"));
    }

    #[test]
    fn light_dom_markup_is_the_same_without_part_names() {
        let article = &crate::testing::article();
        let state = State::new(Mode::Full, article.sections.len());
        let labels = Labels::default();
        let cx = Context { article, phase: Phase::Static };
        let fill = |parts| Fill { ids: "rw1-", labels: &labels, parts, build: "b1" };
        let (shadow, light) = (
            render(&view::article(&cx, &state), &fill(true)),
            render(&view::article(&cx, &state), &fill(false)),
        );
        assert!(shadow.starts_with("<article class=\"rw\" part=\"root\" lang=\"en\""));
        assert!(light.starts_with("<article class=\"rw\" lang=\"en\""));
        assert!(!light.contains(" part="), "{light}");
        // Root, title, summary and its button, mode button, footer; three per section.
        assert_eq!(shadow.matches(" part=\"").count(), 6 + 3 * article.sections.len());
        let mut unnamed = String::new();
        for (i, piece) in shadow.split(" part=\"").enumerate() {
            unnamed.push_str(if i == 0 { piece } else { piece.split_once('"').map_or("", |(_, rest)| rest) });
        }
        assert_eq!(unnamed, light, "nothing else differs");
    }

    #[test]
    fn quotes_in_text_stay_as_written() {
        let html = rendered(Mode::Full, Phase::Live);
        assert!(html.contains("Did North Korea Fall for a \"Putin Trap?\"</button>"));
        assert!(html.contains("labeled it \"fake news.\""));
    }
}
