//! The pure view: an article and a state in, a description of the markup out.
//!
//! No web-sys here. `dom/` builds this description into live nodes (or claims a page's nodes
//! by it) and `html.rs` writes it as an HTML string, so every output comes from one place and
//! cannot drift apart.
//!
//! Adjacent texts are written as one: the HTML parser makes one text node of them, and
//! hydration compares node for node.
//!
//! Elements whose attributes change carry a [`Part`]; toggling recomputes `part::attrs` for
//! them and never rebuilds anything. The same description in the static phase is what a page
//! carries before the module runs, and what hydration compares the page's nodes against.

use std::borrow::Cow;

use model::{Article, Block, Inline, Section};

use crate::labels::Label;
use crate::node::{el, text, Node, Piece, Value};
use crate::part::{Part, Phase, ARTICLE_ATTR, BUILD_ATTR};
use crate::state::State;

/// Above this many sections, panels stop being `role=region`: a page of landmarks is as bad
/// as none (WAI-ARIA APG, accordion pattern).
const MAX_REGIONS: usize = 6;

/// Element ids start with this, so two widgets on one page never share an id. Section ids get
/// a second prefix of their own (`s-` panels, `h-` header buttons), so a section called
/// "Summary" or "Title" cannot collide with the widget's own `summary` or `title`.
pub struct IdPrefix(pub String);

/// The headline's id, after the prefix; the root is labelled by it.
const TITLE: &str = "title";

/// The element id `name`, after the widget's prefix (a hole: `Piece::Ids`).
fn id<'a>(name: impl Into<Cow<'a, str>>) -> Value<'a> {
    [Piece::Ids, text(name)].into()
}

impl IdPrefix {
    /// The prefix of a widget whose root is labelled by `labelled_by`, the headline's id.
    pub fn of_title(labelled_by: &str) -> Option<IdPrefix> {
        labelled_by.strip_suffix(TITLE).map(|prefix| IdPrefix(prefix.to_owned()))
    }
}

/// Everything the view reads. What differs between widgets of one build (their ids, their
/// labels, the build's id) it leaves as holes, which `fill.rs` fills.
pub struct Context<'a> {
    pub article: &'a Article,
    pub phase: Phase,
}

impl<'a> Context<'a> {
    /// "Read the full article · 3 min".
    fn read_full(&self) -> Value<'a> {
        let minutes = Piece::Count(Label::Minutes, self.article.reading_minutes());
        [Piece::Label(Label::ReadFull), text(" · "), minutes].into()
    }
}

/// The whole widget as it looks in `state`.
pub fn article<'a>(cx: &Context<'a>, state: &State) -> Node<'a> {
    // `part` names are the host's styling hooks into the shadow root (`::part(title)`).
    el("article")
        .attr("class", "rw")
        .attr("part", "root")
        .attr("lang", cx.article.language.as_str())
        .attr("aria-labelledby", id(TITLE))
        .attr(BUILD_ATTR, Piece::Build)
        .attr(ARTICLE_ATTR, cx.article.slug.as_str())
        .switch(Part::Root, state, cx.phase)
        .child(header(cx))
        .child(summary(cx, state))
        .child(mode_button(cx, state))
        .child(full_box(cx, state))
        .child(footer(cx))
        // Mode changes are announced here; it starts empty so nothing is read on load.
        .child(el("p").attr("class", "rw-status").attr("role", "status").switch(
            Part::Status,
            state,
            cx.phase,
        ))
        .into()
}

fn header<'a>(cx: &Context<'a>) -> Node<'a> {
    let article = cx.article;
    let kicker = el("p")
        .attr("class", "rw-kicker")
        .child(el("span").attr("class", "rw-brand").text(article.brand.as_str()))
        .child(el("span").attr("class", "rw-topic").text(article.topic.as_str()))
        .child(el("span").attr("class", "rw-region").text(article.region.as_str()));
    let byline = el("p")
        .attr("class", "rw-byline")
        .text([Piece::Label(Label::By), text(" ")])
        .child(el("span").attr("class", "rw-author").text(article.author_name.as_str()))
        .text(" · ")
        .child(el("time").attr("datetime", article.iso_date()).text(article.date_text()));
    let tags = article.tags.iter().map(|tag| el("li").text(tag.as_str()).into());
    el("header")
        .attr("class", "rw-header")
        .child(kicker)
        .child(
            el("h1")
                .attr("class", "rw-title")
                .attr("part", "title")
                .attr("id", id(TITLE))
                .text(article.title.as_str()),
        )
        .child(el("p").attr("class", "rw-dek").text(article.dek.as_str()))
        .child(byline)
        .child(el("ul").attr("class", "rw-tags").attr("aria-label", Label::Tags).children(tags))
        .into()
}

fn summary<'a>(cx: &Context<'a>, state: &State) -> Node<'a> {
    let list_id = id("summary");
    let button = el("button")
        .attr("type", "button")
        .attr("class", "rw-disclosure")
        .attr("part", "summary-button")
        .attr("id", id("summary-button"))
        .attr("aria-controls", list_id.clone())
        .switch(Part::SummaryButton, state, cx.phase)
        .text(Label::SummaryHeading);
    let items = cx.article.summary.iter().map(|item| el("li").children(inlines(item)).into());
    el("section")
        .attr("class", "rw-summary")
        .attr("part", "summary")
        .attr("aria-labelledby", id("summary-button"))
        .child(el("h2").attr("class", "rw-summary-heading").child(button))
        .child(
            el("ul")
                .attr("class", "rw-summary-list")
                .attr("id", list_id)
                .switch(Part::SummaryList, state, cx.phase)
                .children(items),
        )
        .into()
}

/// Both labels are in the markup and CSS shows the one that fits the button's
/// `aria-expanded`, so switching writes that one attribute, not two `hidden`s as well.
fn mode_button<'a>(cx: &Context<'a>, state: &State) -> Node<'a> {
    el("button")
        .attr("type", "button")
        .attr("class", "rw-mode")
        .attr("part", "mode-button")
        .attr("aria-controls", id("full"))
        .switch(Part::ModeButton, state, cx.phase)
        .child(el("span").attr("class", "rw-when-closed").text(cx.read_full()))
        .child(el("span").attr("class", "rw-when-open").text(Label::BackToSummary))
        .into()
}

/// The full text inside a `<details>`: on the static page its `<summary>`, in the mode
/// button's place and looking the same, opens it with no script (find-in-page opens it too).
/// Live, the `<details>` stays open, its `<summary>` is hidden, and the mode button folds the
/// full text instead. The labels inside the `<summary>` follow `open` by CSS alone.
fn full_box<'a>(cx: &Context<'a>, state: &State) -> Node<'a> {
    let summary = el("summary")
        .attr("class", "rw-more-summary")
        .switch(Part::FullSummary, state, cx.phase)
        .child(el("span").attr("class", "rw-when-closed").text(cx.read_full()))
        .child(el("span").attr("class", "rw-when-open").text(Label::BackToSummary));
    el("details")
        .attr("class", "rw-more")
        .switch(Part::FullBox, state, cx.phase)
        .child(summary)
        .child(full_text(cx, state))
        .into()
}

fn full_text<'a>(cx: &Context<'a>, state: &State) -> Node<'a> {
    let tools = el("div").attr("class", "rw-tools").switch(Part::Tools, state, cx.phase);
    // Every panel's id, separated by spaces.
    let mut panel_ids = Vec::new();
    for (i, section) in cx.article.sections.iter().enumerate() {
        if i > 0 {
            panel_ids.push(text(" "));
        }
        panel_ids.extend(panel_id(section).0);
    }
    let expand_all = el("button")
        .attr("type", "button")
        .attr("class", "rw-all")
        .attr("aria-controls", Value(panel_ids))
        .switch(Part::AllButton, state, cx.phase)
        .child(el("span").switch(Part::AllLabel(false), state, cx.phase).text(Label::ExpandAll))
        .child(el("span").switch(Part::AllLabel(true), state, cx.phase).text(Label::CollapseAll));
    let sections = cx.article.sections.iter().enumerate().map(|(i, s)| section(cx, state, i, s));
    el("div")
        .attr("class", "rw-full")
        .attr("id", id("full"))
        .switch(Part::FullText, state, cx.phase)
        .child(tools.child(expand_all))
        .children(sections)
        .into()
}

/// One section: an APG accordion header (a heading holding one button) and its panel.
fn section<'a>(cx: &Context<'a>, state: &State, i: usize, section: &'a Section) -> Node<'a> {
    let panel_id = panel_id(section);
    let button_id = id(["h-", &section.id].concat());
    let button = el("button")
        .attr("type", "button")
        .attr("class", "rw-disclosure")
        .attr("part", "section-button")
        .attr("id", button_id.clone())
        .attr("aria-controls", panel_id.clone())
        .attr("data-rw-section", section.id.as_str())
        .switch(Part::SectionButton(i), state, cx.phase)
        .text(section.heading.as_str());
    // The page's own URL with the section's id: the widget opens it on load and on hashchange.
    let anchor = el("a")
        .attr("class", "rw-anchor")
        .attr("href", ["#", &section.id].concat())
        .attr("aria-label", [Piece::Label(Label::LinkToSection), text(": "), text(section.heading.as_str())])
        .switch(Part::SectionAnchor(i), state, cx.phase)
        .text("#");
    let header = el("div")
        .attr("class", "rw-section-header")
        .child(el("h2").attr("class", "rw-section-heading").child(button))
        .child(
            el("span")
                .attr("class", "rw-time")
                .text(Piece::Count(Label::MinutesLeft, cx.article.minutes_left(i))),
        )
        .child(anchor);
    let mut panel = el("div").attr("class", "rw-panel").attr("part", "panel").attr("id", panel_id);
    if cx.article.sections.len() <= MAX_REGIONS {
        panel = panel.attr("role", "region");
    }
    let panel = panel
        .attr("aria-labelledby", button_id)
        .switch(Part::SectionPanel(i), state, cx.phase)
        .children(section.blocks.iter().map(block));
    el("section")
        .attr("class", "rw-section")
        .attr("part", "section")
        .switch(Part::Section(i), state, cx.phase)
        .child(header)
        .child(panel)
        .into()
}

fn panel_id<'a>(section: &Section) -> Value<'a> {
    id(["s-", &section.id].concat())
}

fn footer<'a>(cx: &Context<'a>) -> Node<'a> {
    let article = cx.article;
    let credit = el("p").attr("class", "rw-credit").text([
        Piece::Label(Label::Image),
        text(" "),
        text(article.image_caption.as_str()),
        text(". "),
        Piece::Label(Label::ImageCredit),
        text(" "),
        text(article.image_credit.as_str()),
    ]);
    let bio_heading =
        el("h2").text([Piece::Label(Label::AboutAuthor), text(": "), text(article.author_name.as_str())]);
    el("footer")
        .attr("class", "rw-footer")
        .attr("part", "footer")
        .child(
            el("section")
                .attr("class", "rw-bio")
                .child(bio_heading)
                .child(el("p").text(article.author_bio.as_str())),
        )
        .child(credit)
        .into()
}

fn block(block: &Block) -> Node<'_> {
    match block {
        Block::Paragraph(content) => el("p").children(inlines(content)).into(),
        Block::List { ordered, items } => el(if *ordered { "ol" } else { "ul" })
            .children(items.iter().map(|item| el("li").children(inlines(item)).into()))
            .into(),
    }
}

fn inlines(content: &[Inline]) -> impl Iterator<Item = Node<'_>> {
    content.iter().map(|inline| match inline {
        Inline::Text(text) => Node::Text(text.as_str().into()),
        Inline::Emphasis(children) => el("em").children(inlines(children)).into(),
        Inline::Strong(children) => el("strong").children(inlines(children)).into(),
        Inline::Code(text) => el("code").text(text.as_str()).into(),
        // Links leave the article, so they leak no referrer and give the page no handle.
        Inline::Link { href, children } => el("a")
            .attr("href", href.as_str())
            .attr("rel", "noopener noreferrer")
            .children(inlines(children))
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fill::Fill;
    use crate::labels::Labels;
    use crate::part::attrs;
    use crate::state::Mode;

    fn parts(node: &Node<'_>, out: &mut Vec<(Part, Vec<(&'static str, String)>)>) {
        let labels = Labels::default();
        let fill = Fill { ids: "rw1-", labels: &labels, parts: true, build: "b1" };
        if let Node::Element(element) = node {
            if let Some(part) = element.part {
                let attrs = element.attrs.iter().map(|(k, v)| (*k, fill.value(v).into_owned())).collect();
                out.push((part, attrs));
            }
            element.children.iter().for_each(|child| parts(child, out));
        }
    }

    #[test]
    fn parts_start_with_the_attributes_a_toggle_would_set() {
        let article = &crate::testing::article();
        for phase in [Phase::Static, Phase::Live] {
            let cx = Context { article, phase };
            for mode in [Mode::Summary, Mode::Full] {
                let mut state = State::new(mode, article.sections.len());
                state.sections_open[1] = false;
                let mut found = Vec::new();
                parts(&super::article(&cx, &state), &mut found);
                assert_eq!(found.len(), 12 + 4 * article.sections.len());
                for (part, present) in found {
                    for (name, value) in attrs(part, &state, phase).into_iter().flatten() {
                        let written = present.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str());
                        assert_eq!(written, value, "{part:?} {name} {phase:?}");
                    }
                }
            }
        }
    }

    fn no_adjacent_texts(node: &Node<'_>) {
        if let Node::Element(element) = node {
            for pair in element.children.windows(2) {
                assert!(
                    !matches!(pair, [Node::Text(_), Node::Text(_)]),
                    "two texts side by side in a <{}>",
                    element.tag
                );
            }
            element.children.iter().for_each(no_adjacent_texts);
        }
    }

    #[test]
    fn texts_are_never_side_by_side_as_the_parser_would_join_them() {
        let article = &crate::testing::article();
        let cx = Context { article, phase: Phase::Static };
        no_adjacent_texts(&super::article(&cx, &State::new(Mode::Full, article.sections.len())));
    }

    #[test]
    fn every_part_is_named_once() {
        let article = &crate::testing::article();
        let cx = Context { article, phase: Phase::Live };
        let mut found = Vec::new();
        parts(&super::article(&cx, &State::new(Mode::Summary, article.sections.len())), &mut found);
        for (i, (part, _)) in found.iter().enumerate() {
            assert!(found[..i].iter().all(|(other, _)| other != part), "{part:?} twice");
        }
    }
}
