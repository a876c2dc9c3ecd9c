//! The node description the pure view produces: elements with attributes and children, and
//! text, and the part each switched element is. `dom/build.rs` builds it into live nodes,
//! `dom/hydrate.rs` claims the nodes a page already has by it, `html.rs` writes it as a string.

use std::borrow::Cow;

use crate::part::{attrs, Part, Phase};
use crate::state::State;

pub(crate) enum Node {
    Element(Element),
    Text(Cow<'static, str>),
}

pub(crate) struct Element {
    pub(crate) tag: &'static str,
    pub(crate) attrs: Vec<(&'static str, Cow<'static, str>)>,
    /// Set on elements that change at run time; see `part::attrs`.
    pub(crate) part: Option<Part>,
    pub(crate) children: Vec<Node>,
}

// The view makes hundreds of these calls; kept out of line, each is a call rather than a copy
// of the body, which keeps the module small.
#[inline(never)]
pub(crate) fn el(tag: &'static str) -> Element {
    Element { tag, attrs: Vec::new(), part: None, children: Vec::new() }
}

impl Element {
    pub(crate) fn attr(self, name: &'static str, value: impl Into<Cow<'static, str>>) -> Self {
        self.attr_cow(name, value.into())
    }

    #[inline(never)]
    fn attr_cow(mut self, name: &'static str, value: Cow<'static, str>) -> Self {
        self.attrs.push((name, value));
        self
    }

    /// Marks the element as the switched `part` and writes its attributes for `state` in
    /// `phase` (not to be confused with the HTML `part` attribute, a styling hook).
    #[inline(never)]
    pub(crate) fn switch(mut self, part: Part, state: &State, phase: Phase) -> Self {
        for (name, value) in attrs(part, state, phase).into_iter().flatten() {
            if let Some(value) = value {
                self.attrs.push((name, Cow::Borrowed(value)));
            }
        }
        self.part = Some(part);
        self
    }

    pub(crate) fn child(self, node: impl Into<Node>) -> Self {
        self.push(node.into())
    }

    #[inline(never)]
    fn push(mut self, node: Node) -> Self {
        self.children.push(node);
        self
    }

    pub(crate) fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(nodes);
        self
    }

    pub(crate) fn text(self, text: impl Into<Cow<'static, str>>) -> Self {
        self.push(Node::Text(text.into()))
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Self {
        Node::Element(element)
    }
}
