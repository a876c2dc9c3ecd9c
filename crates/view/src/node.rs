//! The node description the pure view produces: elements with attributes and children, and
//! text, and the part each switched element is. `html.rs` writes it as a string and
//! `template.rs` as the build-time template the module's `dom/` builds and hydrates by.
//!
//! Values and texts are pieces: what the view or the article wrote, and holes for what differs
//! between widgets of one build (their ids, their labels), which the backends fill
//! (`fill.rs`). So no text an editor writes can be taken for a hole.

use std::borrow::Cow;

use crate::labels::Label;
use crate::part::{attrs, Part, Phase};
use crate::state::State;

pub enum Node<'a> {
    Element(Element<'a>),
    Text(Value<'a>),
}

pub struct Element<'a> {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, Value<'a>)>,
    /// Set on elements that change at run time; see `part::attrs`.
    pub part: Option<Part>,
    pub children: Vec<Node<'a>>,
}

pub fn el<'a>(tag: &'static str) -> Element<'a> {
    Element { tag, attrs: Vec::new(), part: None, children: Vec::new() }
}

/// One piece of an attribute's value or of a text.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece<'a> {
    /// Text as it is written: the article's, or the view's own.
    Text(Cow<'a, str>),
    /// The widget's element-id prefix.
    Ids,
    /// The id of the build that wrote the markup.
    Build,
    /// A label, as the widget was given it.
    Label(Label),
    /// A label with its `{n}` replaced by a number.
    Count(Label, usize),
}

/// An attribute's value or a text, as the pieces it is made of, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'a>(pub Vec<Piece<'a>>);

impl<'a> Value<'a> {
    /// The value as it is, if it has no holes.
    pub fn plain(&self) -> Option<&str> {
        match self.0.as_slice() {
            [] => Some(""),
            [Piece::Text(text)] => Some(text),
            _ => None,
        }
    }
}

impl<'a> From<Piece<'a>> for Value<'a> {
    fn from(piece: Piece<'a>) -> Self {
        Value(vec![piece])
    }
}

impl<'a, const N: usize> From<[Piece<'a>; N]> for Value<'a> {
    fn from(pieces: [Piece<'a>; N]) -> Self {
        Value(pieces.into())
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Piece::Text(Cow::Borrowed(text)).into()
    }
}

impl<'a> From<String> for Value<'a> {
    fn from(text: String) -> Self {
        Piece::Text(Cow::Owned(text)).into()
    }
}

impl<'a> From<Label> for Value<'a> {
    fn from(label: Label) -> Self {
        Piece::Label(label).into()
    }
}

/// Text as a piece, for values that mix it with holes.
pub fn text<'a>(text: impl Into<Cow<'a, str>>) -> Piece<'a> {
    Piece::Text(text.into())
}

impl<'a> Element<'a> {
    pub fn attr(mut self, name: &'static str, value: impl Into<Value<'a>>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    /// Marks the element as the switched `part` and writes its attributes for `state` in
    /// `phase` (not to be confused with the HTML `part` attribute, a styling hook).
    pub fn switch(mut self, part: Part, state: &State, phase: Phase) -> Self {
        for (name, value) in attrs(part, state, phase).into_iter().flatten() {
            if let Some(value) = value {
                self.attrs.push((name, value.into()));
            }
        }
        self.part = Some(part);
        self
    }

    pub fn child(self, node: impl Into<Node<'a>>) -> Self {
        self.push(node.into())
    }

    fn push(mut self, node: Node<'a>) -> Self {
        self.children.push(node);
        self
    }

    pub fn children(mut self, nodes: impl IntoIterator<Item = Node<'a>>) -> Self {
        self.children.extend(nodes);
        self
    }

    pub fn text(self, text: impl Into<Value<'a>>) -> Self {
        self.push(Node::Text(text.into()))
    }
}

impl<'a> From<Element<'a>> for Node<'a> {
    fn from(element: Element<'a>) -> Self {
        Node::Element(element)
    }
}
