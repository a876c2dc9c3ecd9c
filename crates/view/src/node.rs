//! The node description the pure view produces: elements with attributes and children, and
//! text, and the part each switched element is. `dom/build.rs` builds it into live nodes,
//! `dom/hydrate.rs` claims the nodes a page already has by it, `html.rs` writes it as a string.

use std::borrow::Cow;

use crate::part::{attrs, Part, Phase};
use crate::state::State;

pub enum Node<'a> {
    Element(Element<'a>),
    Text(Cow<'a, str>),
}

pub struct Element<'a> {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, Cow<'a, str>)>,
    /// Set on elements that change at run time; see `part::attrs`.
    pub part: Option<Part>,
    pub children: Vec<Node<'a>>,
}

// The view makes hundreds of these calls; kept out of line, each is a call rather than a copy
// of the body, which keeps the module small.
#[inline(never)]
pub fn el<'a>(tag: &'static str) -> Element<'a> {
    Element { tag, attrs: Vec::new(), part: None, children: Vec::new() }
}

impl<'a> Element<'a> {
    pub fn attr(self, name: &'static str, value: impl Into<Cow<'a, str>>) -> Self {
        self.attr_cow(name, value.into())
    }

    #[inline(never)]
    fn attr_cow(mut self, name: &'static str, value: Cow<'a, str>) -> Self {
        self.attrs.push((name, value));
        self
    }

    /// Marks the element as the switched `part` and writes its attributes for `state` in
    /// `phase` (not to be confused with the HTML `part` attribute, a styling hook).
    #[inline(never)]
    pub fn switch(mut self, part: Part, state: &State, phase: Phase) -> Self {
        for (name, value) in attrs(part, state, phase).into_iter().flatten() {
            if let Some(value) = value {
                self.attrs.push((name, Cow::Borrowed(value)));
            }
        }
        self.part = Some(part);
        self
    }

    pub fn child(self, node: impl Into<Node<'a>>) -> Self {
        self.push(node.into())
    }

    #[inline(never)]
    fn push(mut self, node: Node<'a>) -> Self {
        self.children.push(node);
        self
    }

    pub fn children(mut self, nodes: impl IntoIterator<Item = Node<'a>>) -> Self {
        self.children.extend(nodes);
        self
    }

    pub fn text(self, text: impl Into<Cow<'a, str>>) -> Self {
        self.push(Node::Text(text.into()))
    }
}

impl<'a> From<Element<'a>> for Node<'a> {
    fn from(element: Element<'a>) -> Self {
        Node::Element(element)
    }
}
