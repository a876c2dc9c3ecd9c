//! The pure view: an article and a state in, a small description of the markup out.
//!
//! No web-sys here. `dom.rs` builds this description into live nodes and `html.rs` writes it
//! as an HTML string, so both outputs come from one place and cannot drift apart.
//!
//! Elements whose attributes change with the state carry a [`Switch`]; toggling recomputes
//! [`switch_attrs`] for them and never rebuilds anything.

use std::borrow::Cow;

use crate::article::{Article, Block, Inline};
use crate::state::{Mode, State};

pub(crate) enum Node {
    Element(Element),
    Text(Cow<'static, str>),
}

pub(crate) struct Element {
    pub(crate) tag: &'static str,
    pub(crate) attrs: Vec<(&'static str, Cow<'static, str>)>,
    pub(crate) switch: Option<Switch>,
    pub(crate) children: Vec<Node>,
}

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
    SectionButton(usize),
    SectionPanel(usize),
}

/// The one attribute a switched element flips, and its value: `None` removes it.
pub(crate) fn switch_attr(switch: Switch, state: &State) -> (&'static str, Option<&'static str>) {
    let is_open = |open: bool| if open { "true" } else { "false" };
    let hidden_unless = |shown: bool| ("hidden", if shown { None } else { Some("") });
    let section_open = |i: usize| state.sections_open.get(i).copied().unwrap_or(false);
    match switch {
        Switch::Root => ("data-mode", Some(state.mode.as_str())),
        Switch::ModeButton => ("aria-expanded", Some(is_open(state.mode == Mode::Full))),
        Switch::ModeLabel(mode) => hidden_unless(state.mode == mode),
        Switch::FullText => hidden_unless(state.mode == Mode::Full),
        Switch::SummaryButton => ("aria-expanded", Some(is_open(state.summary_open))),
        Switch::SummaryList => hidden_unless(state.summary_open),
        Switch::SectionButton(i) => ("aria-expanded", Some(is_open(section_open(i)))),
        Switch::SectionPanel(i) => hidden_unless(section_open(i)),
    }
}

/// Every word the widget writes itself, apart from the article.
pub(crate) struct Labels {
    pub(crate) summary_heading: &'static str,
    pub(crate) read_full: &'static str,
    pub(crate) back_to_summary: &'static str,
    pub(crate) minutes: &'static str,
    pub(crate) by: &'static str,
    pub(crate) tags: &'static str,
    pub(crate) about_author: &'static str,
    pub(crate) image: &'static str,
    pub(crate) image_credit: &'static str,
}

pub(crate) const ENGLISH: Labels = Labels {
    summary_heading: "What You Need to Know",
    read_full: "Read the full article",
    back_to_summary: "Back to the summary",
    minutes: "min",
    by: "By",
    tags: "Tags",
    about_author: "Author Experience and Expertise",
    image: "Image:",
    image_credit: "Image Credit:",
};

/// Element ids start with this, so two widgets on one page never share an id.
pub(crate) struct IdPrefix(pub(crate) String);

impl IdPrefix {
    pub(crate) fn id(&self, name: &str) -> Cow<'static, str> {
        Cow::Owned([self.0.as_str(), name].concat())
    }
}

/// The whole widget as it looks in `state`.
pub(crate) fn article(
    article: &'static Article,
    state: &State,
    labels: &Labels,
    ids: &IdPrefix,
) -> Node {
    el("article")
        .attr("class", "rw")
        .attr("lang", article.language)
        .attr("aria-labelledby", ids.id("title"))
        .switch(Switch::Root, state)
        .child(header(article, labels, ids))
        .child(summary(article, state, labels, ids))
        .child(mode_button(article, state, labels, ids))
        .child(full_text(article, state, ids))
        .child(footer(article, labels))
        .into()
}

fn header(article: &'static Article, labels: &Labels, ids: &IdPrefix) -> Node {
    let kicker = el("p")
        .attr("class", "rw-kicker")
        .child(el("span").attr("class", "rw-brand").text(article.brand))
        .child(el("span").attr("class", "rw-topic").text(article.topic))
        .child(el("span").attr("class", "rw-region").text(article.region));
    let byline = el("p")
        .attr("class", "rw-byline")
        .text(labels.by)
        .text(" ")
        .child(
            el("span")
                .attr("class", "rw-author")
                .text(article.author_name),
        )
        .text(" · ")
        .child(
            el("time")
                .attr("datetime", article.date)
                .text(article.date_text),
        );
    let tags = article.tags.iter().map(|tag| el("li").text(*tag).into());
    el("header")
        .attr("class", "rw-header")
        .child(kicker)
        .child(
            el("h1")
                .attr("class", "rw-title")
                .attr("id", ids.id("title"))
                .text(article.title),
        )
        .child(el("p").attr("class", "rw-dek").text(article.dek))
        .child(byline)
        .child(
            el("ul")
                .attr("class", "rw-tags")
                .attr("aria-label", labels.tags)
                .children(tags),
        )
        .into()
}

fn summary(article: &'static Article, state: &State, labels: &Labels, ids: &IdPrefix) -> Node {
    let list_id = ids.id("summary");
    let button = el("button")
        .attr("type", "button")
        .attr("class", "rw-disclosure")
        .attr("id", ids.id("summary-button"))
        .attr("aria-controls", list_id.clone())
        .attr("data-rw-action", "summary")
        .switch(Switch::SummaryButton, state)
        .text(labels.summary_heading);
    let items = article
        .summary
        .iter()
        .map(|item| el("li").children(inlines(item)).into());
    el("section")
        .attr("class", "rw-summary")
        .attr("aria-labelledby", ids.id("summary-button"))
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
fn mode_button(article: &'static Article, state: &State, labels: &Labels, ids: &IdPrefix) -> Node {
    let read_full = [
        labels.read_full,
        " · ",
        &decimal(article.minutes),
        " ",
        labels.minutes,
    ]
    .concat();
    el("button")
        .attr("type", "button")
        .attr("class", "rw-mode")
        .attr("aria-controls", ids.id("full"))
        .attr("data-rw-action", "mode")
        .switch(Switch::ModeButton, state)
        .child(
            el("span")
                .switch(Switch::ModeLabel(Mode::Summary), state)
                .text(read_full),
        )
        .child(
            el("span")
                .switch(Switch::ModeLabel(Mode::Full), state)
                .text(labels.back_to_summary),
        )
        .into()
}

fn full_text(article: &'static Article, state: &State, ids: &IdPrefix) -> Node {
    let sections = article.sections.iter().enumerate().map(|(i, section)| {
        let panel_id = ids.id(section.id);
        let button_id = ids.id(&["heading-", section.id].concat());
        let button = el("button")
            .attr("type", "button")
            .attr("class", "rw-disclosure")
            .attr("id", button_id.clone())
            .attr("aria-controls", panel_id.clone())
            .attr("data-rw-action", "section")
            .attr("data-rw-section", section.id)
            .switch(Switch::SectionButton(i), state)
            .text(section.heading);
        let blocks = section.blocks.iter().map(block);
        el("section")
            .attr("class", "rw-section")
            .child(el("h2").attr("class", "rw-section-heading").child(button))
            .child(
                el("div")
                    .attr("class", "rw-panel")
                    .attr("id", panel_id)
                    .attr("aria-labelledby", button_id)
                    .switch(Switch::SectionPanel(i), state)
                    .children(blocks),
            )
            .into()
    });
    el("div")
        .attr("class", "rw-full")
        .attr("id", ids.id("full"))
        .switch(Switch::FullText, state)
        .children(sections)
        .into()
}

fn footer(article: &'static Article, labels: &Labels) -> Node {
    let credit = el("p")
        .attr("class", "rw-credit")
        .text(labels.image)
        .text(" ")
        .text(article.image_caption)
        .text(". ")
        .text(labels.image_credit)
        .text(" ")
        .text(article.image_credit);
    el("footer")
        .attr("class", "rw-footer")
        .child(
            el("section")
                .attr("class", "rw-bio")
                .child(
                    el("h2")
                        .text(labels.about_author)
                        .text(": ")
                        .text(article.author_name),
                )
                .child(el("p").text(article.author_bio)),
        )
        .child(credit)
        .into()
}

fn block(block: &'static Block) -> Node {
    match block {
        Block::Paragraph(content) => el("p").children(inlines(content)).into(),
        Block::List { ordered, items } => el(if *ordered { "ol" } else { "ul" })
            .children(
                items
                    .iter()
                    .map(|item| el("li").children(inlines(item)).into()),
            )
            .into(),
    }
}

fn inlines(content: &'static [Inline]) -> impl Iterator<Item = Node> {
    content.iter().map(|inline| match inline {
        Inline::Text(text) => Node::Text(Cow::Borrowed(text)),
        Inline::Emphasis(children) => el("em").children(inlines(children)).into(),
        Inline::Strong(children) => el("strong").children(inlines(children)).into(),
        Inline::Code(text) => el("code").text(*text).into(),
        // Links leave the article, so they open where the reader expects and leak no referrer.
        Inline::Link { href, children } => el("a")
            .attr("href", *href)
            .attr("rel", "noopener noreferrer")
            .children(inlines(children))
            .into(),
    })
}

/// A number as decimal digits, without `core::fmt` (which costs kilobytes of wasm).
pub(crate) fn decimal(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

fn el(tag: &'static str) -> Element {
    Element {
        tag,
        attrs: Vec::new(),
        switch: None,
        children: Vec::new(),
    }
}

impl Element {
    fn attr(mut self, name: &'static str, value: impl Into<Cow<'static, str>>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    /// Marks the element as switched and writes its attributes for `state`.
    fn switch(mut self, switch: Switch, state: &State) -> Self {
        if let (name, Some(value)) = switch_attr(switch, state) {
            self.attrs.push((name, Cow::Borrowed(value)));
        }
        self.switch = Some(switch);
        self
    }

    fn child(mut self, node: impl Into<Node>) -> Self {
        self.children.push(node.into());
        self
    }

    fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(nodes);
        self
    }

    fn text(self, text: impl Into<Cow<'static, str>>) -> Self {
        self.child(Node::Text(text.into()))
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Self {
        Node::Element(element)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::find;

    fn switched(node: &Node, out: &mut Vec<(Switch, Vec<(&'static str, String)>)>) {
        if let Node::Element(element) = node {
            if let Some(switch) = element.switch {
                let attrs = element
                    .attrs
                    .iter()
                    .map(|(k, v)| (*k, v.to_string()))
                    .collect();
                out.push((switch, attrs));
            }
            element
                .children
                .iter()
                .for_each(|child| switched(child, out));
        }
    }

    #[test]
    fn switched_elements_start_with_the_attributes_a_toggle_would_set() {
        let Ok(article) = find(None) else {
            panic!("no article")
        };
        for mode in [Mode::Summary, Mode::Full] {
            let mut state = State::new(mode, article.sections.len());
            state.sections_open[1] = false;
            let node = super::article(article, &state, &ENGLISH, &IdPrefix("rw1-".into()));
            let mut found = Vec::new();
            switched(&node, &mut found);
            assert_eq!(found.len(), 7 + 2 * article.sections.len());
            for (switch, attrs) in found {
                let (name, value) = switch_attr(switch, &state);
                let present = attrs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.as_str());
                assert_eq!(present, value, "{switch:?} {name}");
            }
        }
    }

    #[test]
    fn decimal_writes_digits() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(4), "4");
        assert_eq!(decimal(1234), "1234");
        assert_eq!(decimal(u32::MAX), "4294967295");
    }
}
