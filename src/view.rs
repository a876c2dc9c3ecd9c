//! The pure view: an article and a state in, a description of the markup out.
//!
//! No web-sys here. `dom.rs` builds this description into live nodes and `html.rs` writes it
//! as an HTML string, so both outputs come from one place and cannot drift apart.
//!
//! Elements whose attributes change with the state carry a [`Switch`]; toggling recomputes
//! [`switch_attr`] for them and never rebuilds anything.

use std::borrow::Cow;

use crate::article::{Article, Block, Inline, Section};
use crate::labels::{Label, Labels};
use crate::node::{el, Node};
use crate::state::{Mode, State};

/// Above this many sections, panels stop being `role=region`: a page of landmarks is as bad
/// as none (WAI-ARIA APG, accordion pattern).
const MAX_REGIONS: usize = 6;

/// An element whose attributes follow the state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Switch {
    /// The article root: `data-mode`, for styles.
    Root,
    /// The one summary ↔ full text control.
    ModeButton,
    /// The part of the control's label shown in one mode.
    ModeLabel(Mode),
    /// The container of every section.
    FullText,
    SummaryButton,
    SummaryList,
    /// The part of the "Expand all / Collapse all" label shown when every section is open
    /// (`true`) or not.
    AllLabel(bool),
    SectionButton(usize),
    SectionPanel(usize),
}

/// The one attribute a switched element flips, and its value: `None` removes it.
///
/// Folded text is `hidden="until-found"`, so the browser's find-in-page and text fragments
/// can still reach it (and fire `beforematch`); labels are plainly `hidden`.
pub(crate) fn switch_attr(switch: Switch, state: &State) -> (&'static str, Option<&'static str>) {
    let is_open = |open: bool| if open { "true" } else { "false" };
    let findable_unless = |shown: bool| ("hidden", if shown { None } else { Some("until-found") });
    let hidden_unless = |shown: bool| ("hidden", if shown { None } else { Some("") });
    let section_open = |i: usize| state.sections_open.get(i).copied().unwrap_or(false);
    match switch {
        Switch::Root => ("data-mode", Some(state.mode.as_str())),
        Switch::ModeButton => ("aria-expanded", Some(is_open(state.mode == Mode::Full))),
        Switch::ModeLabel(mode) => hidden_unless(state.mode == mode),
        Switch::FullText => findable_unless(state.mode == Mode::Full),
        Switch::SummaryButton => ("aria-expanded", Some(is_open(state.summary_open))),
        Switch::SummaryList => findable_unless(state.summary_open),
        Switch::AllLabel(all_open) => hidden_unless(state.all_open() == all_open),
        Switch::SectionButton(i) => ("aria-expanded", Some(is_open(section_open(i)))),
        Switch::SectionPanel(i) => findable_unless(section_open(i)),
    }
}

/// Element ids start with this, so two widgets on one page never share an id. Section ids get
/// a second prefix of their own (`s-` panels, `h-` header buttons), so a section called
/// "Summary" or "Title" cannot collide with the widget's own `summary` or `title`.
pub(crate) struct IdPrefix(pub(crate) String);

impl IdPrefix {
    pub(crate) fn id(&self, name: &str) -> Cow<'static, str> {
        Cow::Owned([self.0.as_str(), name].concat())
    }
}

/// Everything the view reads.
pub(crate) struct Context<'a> {
    pub(crate) article: &'static Article,
    pub(crate) labels: &'a Labels,
    pub(crate) ids: &'a IdPrefix,
}

impl Context<'_> {
    fn label(&self, label: Label) -> Cow<'static, str> {
        Cow::Owned(self.labels.get(label).to_owned())
    }
}

/// The whole widget as it looks in `state`.
pub(crate) fn article(cx: &Context<'_>, state: &State) -> Node {
    // `part` names are the host's styling hooks into the shadow root (`::part(title)`).
    el("article")
        .attr("class", "rw")
        .attr("part", "root")
        .attr("lang", cx.article.language)
        .attr("aria-labelledby", cx.ids.id("title"))
        .switch(Switch::Root, state)
        .child(header(cx))
        .child(summary(cx, state))
        .child(mode_button(cx, state))
        .child(full_text(cx, state))
        .child(footer(cx))
        // Mode changes are announced here; it starts empty so nothing is read on load.
        .child(el("p").attr("class", "rw-status").attr("role", "status"))
        .into()
}

fn header(cx: &Context<'_>) -> Node {
    let article = cx.article;
    let kicker = el("p")
        .attr("class", "rw-kicker")
        .child(el("span").attr("class", "rw-brand").text(article.brand))
        .child(el("span").attr("class", "rw-topic").text(article.topic))
        .child(el("span").attr("class", "rw-region").text(article.region));
    let byline = el("p")
        .attr("class", "rw-byline")
        .text(cx.label(Label::By))
        .text(" ")
        .child(el("span").attr("class", "rw-author").text(article.author_name))
        .text(" · ")
        .child(el("time").attr("datetime", article.date).text(article.date_text));
    let tags = article.tags.iter().map(|tag| el("li").text(*tag).into());
    el("header")
        .attr("class", "rw-header")
        .child(kicker)
        .child(
            el("h1")
                .attr("class", "rw-title")
                .attr("part", "title")
                .attr("id", cx.ids.id("title"))
                .text(article.title),
        )
        .child(el("p").attr("class", "rw-dek").text(article.dek))
        .child(byline)
        .child(el("ul").attr("class", "rw-tags").attr("aria-label", cx.label(Label::Tags)).children(tags))
        .into()
}

fn summary(cx: &Context<'_>, state: &State) -> Node {
    let list_id = cx.ids.id("summary");
    let button = el("button")
        .attr("type", "button")
        .attr("class", "rw-disclosure")
        .attr("part", "summary-button")
        .attr("id", cx.ids.id("summary-button"))
        .attr("aria-controls", list_id.clone())
        .attr("data-rw-action", "summary")
        .switch(Switch::SummaryButton, state)
        .text(cx.label(Label::SummaryHeading));
    let items = cx.article.summary.iter().map(|item| el("li").children(inlines(item)).into());
    el("section")
        .attr("class", "rw-summary")
        .attr("part", "summary")
        .attr("aria-labelledby", cx.ids.id("summary-button"))
        .child(el("h2").attr("class", "rw-summary-heading").child(button))
        .child(
            el("ul")
                .attr("class", "rw-summary-list")
                .attr("id", list_id)
                .switch(Switch::SummaryList, state)
                .children(items),
        )
        .into()
}

/// Both labels are in the markup and one is hidden, so switching flips `hidden` only.
fn mode_button(cx: &Context<'_>, state: &State) -> Node {
    let minutes = cx.labels.count(Label::Minutes, cx.article.minutes as usize);
    let read_full = [cx.labels.get(Label::ReadFull), " · ", &minutes].concat();
    el("button")
        .attr("type", "button")
        .attr("class", "rw-mode")
        .attr("part", "mode-button")
        .attr("aria-controls", cx.ids.id("full"))
        .attr("data-rw-action", "mode")
        .switch(Switch::ModeButton, state)
        .child(el("span").switch(Switch::ModeLabel(Mode::Summary), state).text(read_full))
        .child(el("span").switch(Switch::ModeLabel(Mode::Full), state).text(cx.label(Label::BackToSummary)))
        .into()
}

fn full_text(cx: &Context<'_>, state: &State) -> Node {
    let panel_ids: Vec<Cow<'static, str>> =
        cx.article.sections.iter().map(|section| panel_id(cx, section)).collect();
    // Joined as &str, like every other join here: one generic copy of `join` in the module.
    let panel_ids: Vec<&str> = panel_ids.iter().map(|id| id.as_ref()).collect();
    let expand_all = el("button")
        .attr("type", "button")
        .attr("class", "rw-all")
        .attr("aria-controls", panel_ids.join(" "))
        .attr("data-rw-action", "all")
        .child(el("span").switch(Switch::AllLabel(false), state).text(cx.label(Label::ExpandAll)))
        .child(el("span").switch(Switch::AllLabel(true), state).text(cx.label(Label::CollapseAll)));
    let sections = cx.article.sections.iter().enumerate().map(|(i, s)| section(cx, state, i, s));
    el("div")
        .attr("class", "rw-full")
        .attr("id", cx.ids.id("full"))
        .switch(Switch::FullText, state)
        .child(el("div").attr("class", "rw-tools").child(expand_all))
        .children(sections)
        .into()
}

/// One section: an APG accordion header (a heading holding one button) and its panel.
fn section(cx: &Context<'_>, state: &State, i: usize, section: &'static Section) -> Node {
    let panel_id = panel_id(cx, section);
    let button_id = cx.ids.id(&["h-", section.id].concat());
    let button = el("button")
        .attr("type", "button")
        .attr("class", "rw-disclosure")
        .attr("part", "section-button")
        .attr("id", button_id.clone())
        .attr("aria-controls", panel_id.clone())
        .attr("data-rw-action", "section")
        .attr("data-rw-section", section.id)
        .switch(Switch::SectionButton(i), state)
        .text(section.heading);
    // The page's own URL with the section's id: the widget opens it on load and on hashchange.
    let anchor = el("a")
        .attr("class", "rw-anchor")
        .attr("href", ["#", section.id].concat())
        .attr("aria-label", [cx.labels.get(Label::LinkToSection), ": ", section.heading].concat())
        .text("#");
    let header = el("div")
        .attr("class", "rw-section-header")
        .child(el("h2").attr("class", "rw-section-heading").child(button))
        .child(
            el("span")
                .attr("class", "rw-time")
                .text(cx.labels.count(Label::MinutesLeft, section.minutes_left as usize)),
        )
        .child(anchor);
    let mut panel = el("div").attr("class", "rw-panel").attr("part", "panel").attr("id", panel_id);
    if cx.article.sections.len() <= MAX_REGIONS {
        panel = panel.attr("role", "region");
    }
    let panel = panel
        .attr("aria-labelledby", button_id)
        .switch(Switch::SectionPanel(i), state)
        .children(section.blocks.iter().map(block));
    el("section").attr("class", "rw-section").attr("part", "section").child(header).child(panel).into()
}

fn panel_id(cx: &Context<'_>, section: &Section) -> Cow<'static, str> {
    cx.ids.id(&["s-", section.id].concat())
}

fn footer(cx: &Context<'_>) -> Node {
    let article = cx.article;
    let credit = el("p")
        .attr("class", "rw-credit")
        .text(cx.label(Label::Image))
        .text(" ")
        .text(article.image_caption)
        .text(". ")
        .text(cx.label(Label::ImageCredit))
        .text(" ")
        .text(article.image_credit);
    let bio_heading = el("h2").text(cx.label(Label::AboutAuthor)).text(": ").text(article.author_name);
    el("footer")
        .attr("class", "rw-footer")
        .attr("part", "footer")
        .child(
            el("section").attr("class", "rw-bio").child(bio_heading).child(el("p").text(article.author_bio)),
        )
        .child(credit)
        .into()
}

fn block(block: &'static Block) -> Node {
    match block {
        Block::Paragraph(content) => el("p").children(inlines(content)).into(),
        Block::List { ordered, items } => el(if *ordered { "ol" } else { "ul" })
            .children(items.iter().map(|item| el("li").children(inlines(item)).into()))
            .into(),
    }
}

fn inlines(content: &'static [Inline]) -> impl Iterator<Item = Node> {
    content.iter().map(|inline| match inline {
        Inline::Text(text) => Node::Text(Cow::Borrowed(text)),
        Inline::Emphasis(children) => el("em").children(inlines(children)).into(),
        Inline::Strong(children) => el("strong").children(inlines(children)).into(),
        Inline::Code(text) => el("code").text(*text).into(),
        // Links leave the article, so they leak no referrer and give the page no handle.
        Inline::Link { href, children } => {
            el("a").attr("href", *href).attr("rel", "noopener noreferrer").children(inlines(children)).into()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::find;

    fn switched(node: &Node, out: &mut Vec<(Switch, Vec<(&'static str, String)>)>) {
        if let Node::Element(element) = node {
            if let Some(switch) = element.switch {
                let attrs = element.attrs.iter().map(|(k, v)| (*k, v.to_string())).collect();
                out.push((switch, attrs));
            }
            element.children.iter().for_each(|child| switched(child, out));
        }
    }

    #[test]
    fn switched_elements_start_with_the_attributes_a_toggle_would_set() {
        let Ok(article) = find(None) else { panic!("no article") };
        let labels = Labels::default();
        let ids = IdPrefix("rw1-".into());
        let cx = Context { article, labels: &labels, ids: &ids };
        for mode in [Mode::Summary, Mode::Full] {
            let mut state = State::new(mode, article.sections.len());
            state.sections_open[1] = false;
            let mut found = Vec::new();
            switched(&super::article(&cx, &state), &mut found);
            assert_eq!(found.len(), 9 + 2 * article.sections.len());
            for (switch, attrs) in found {
                let (name, value) = switch_attr(switch, &state);
                let present = attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str());
                assert_eq!(present, value, "{switch:?} {name}");
            }
        }
    }

    #[test]
    fn folded_text_stays_findable_and_labels_are_plainly_hidden() {
        let state = State::new(Mode::Summary, 4);
        assert_eq!(switch_attr(Switch::FullText, &state), ("hidden", Some("until-found")));
        assert_eq!(switch_attr(Switch::ModeLabel(Mode::Full), &state), ("hidden", Some("")));
        assert_eq!(switch_attr(Switch::ModeLabel(Mode::Summary), &state), ("hidden", None));
    }
}
