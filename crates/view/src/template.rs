//! The article's markup as a build-time template: the view (`view.rs`) is run once per article
//! at build time and written as a list of operations, its holes (what differs between widgets:
//! the element ids' prefix, the labels, the build id) left open. In the page, `dom/build.rs`
//! builds nodes from it and `dom/hydrate.rs` claims pre-rendered nodes by it, each filling the
//! holes for its widget; so the module carries no view code, and no node tree is made at run
//! time.
//!
//! The same file serves build.rs (which writes templates) and the crate (which reads them), so
//! the format is written down once:
//!
//! ```text
//! template = op*
//! op       = 1 tag (an element opens) | 2 name string (an attribute of the open element)
//!          | 6 name holes (an attribute whose value has holes)
//!          | 3 part (the open element is that part; its switched attributes follow the
//!            state, after every other attribute)
//!          | 4 string (a text) | 7 holes (a text with holes) | 5 (the element closes)
//! holes    = length, piece* (the pieces, in `length` bytes)
//! piece    = 0 string (text) | 1 (the id prefix) | 2 (the build id)
//!          | 3 label (a label) | 4 label n (a label, its `{n}` replaced by n)
//! label    = its index in `Label` order
//! part     = kind (a byte), index
//! string   = length, UTF-8 bytes
//! (numbers, lengths and indexes as LEB128)
//! ```
//!
//! A hole is an operation of its own, never a character inside a string, so whatever an
//! article says is text.

use std::borrow::Cow;

use crate::blob::{number, string, Reader};
use crate::fill::Fill;
use crate::html;
use crate::labels::with_count;
use crate::node::{self, Node, Piece};
use crate::part::{attrs, switched_names, Part, Phase};
use crate::state::{Mode, State};
use crate::view::{self, Context};
use model::Article;

const OPEN: u8 = 1;
const ATTR: u8 = 2;
const PART: u8 = 3;
const TEXT: u8 = 4;
const CLOSE: u8 = 5;
const ATTR_HOLES: u8 = 6;
const TEXT_HOLES: u8 = 7;

const PIECE_TEXT: u8 = 0;
const PIECE_IDS: u8 = 1;
const PIECE_BUILD: u8 = 2;
const PIECE_LABEL: u8 = 3;
const PIECE_COUNT: u8 = 4;

/// `article`'s template, as build.rs compiles it into the module and the splicer splices it
/// in: the view run over its model, in summary, its holes left open.
pub fn of(article: &Article) -> Vec<u8> {
    let cx = Context { article, phase: Phase::Live };
    let mut out = Vec::new();
    write(&view::article(&cx, &State::new(Mode::Summary, article.sections.len())), &mut out);
    out
}

/// Writes the view's description `node` as a template.
pub fn write(node: &Node, out: &mut Vec<u8>) {
    match node {
        Node::Text(text) => {
            out.push(if text.plain().is_some() { TEXT } else { TEXT_HOLES });
            value(text, out);
        }
        Node::Element(element) => {
            out.push(OPEN);
            string(out, element.tag);
            let switched = element.part.map(switched_names).unwrap_or_default();
            for (name, value) in &element.attrs {
                if switched.contains(&Some(*name)) {
                    continue;
                }
                out.push(if value.plain().is_some() { ATTR } else { ATTR_HOLES });
                string(out, name);
                self::value(value, out);
            }
            if let Some(part) = element.part {
                out.push(PART);
                let (kind, index) = part.code();
                out.push(kind as u8);
                number(out, index);
            }
            element.children.iter().for_each(|child| write(child, out));
            out.push(CLOSE);
        }
    }
}

/// Writes a value: as a string if it has no holes, else its pieces with their length in front.
fn value(value: &node::Value<'_>, out: &mut Vec<u8>) {
    if let Some(plain) = value.plain() {
        string(out, plain);
        return;
    }
    let mut pieces = Vec::new();
    for piece in &value.0 {
        match piece {
            Piece::Text(text) => {
                pieces.push(PIECE_TEXT);
                string(&mut pieces, text);
            }
            Piece::Ids => pieces.push(PIECE_IDS),
            Piece::Build => pieces.push(PIECE_BUILD),
            Piece::Label(label) => {
                pieces.push(PIECE_LABEL);
                number(&mut pieces, *label as usize);
            }
            Piece::Count(label, n) => {
                pieces.push(PIECE_COUNT);
                number(&mut pieces, *label as usize);
                number(&mut pieces, *n);
            }
        }
    }
    number(out, pieces.len());
    out.extend(pieces);
}

/// An attribute's value or a text in a template: as it is, or the bytes of its pieces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    Plain(&'a str),
    Holes(&'a [u8]),
}

impl<'a> Value<'a> {
    /// The value with its holes filled for one widget.
    pub fn filled(self, fill: &Fill<'_>) -> Cow<'a, str> {
        match self {
            Value::Plain(text) => Cow::Borrowed(text),
            Value::Holes(bytes) => {
                let mut out = String::new();
                // A damaged value ends early; the markup then differs where it is used.
                fill_holes(Reader { bytes }, fill, &mut out);
                Cow::Owned(out)
            }
        }
    }
}

/// Writes the pieces `reader` holds to `out`, their holes filled; `None` at the end.
fn fill_holes(mut reader: Reader<'_>, fill: &Fill<'_>, out: &mut String) -> Option<()> {
    loop {
        match reader.byte()? {
            PIECE_TEXT => out.push_str(reader.text()?),
            PIECE_IDS => out.push_str(fill.ids),
            PIECE_BUILD => out.push_str(fill.build),
            PIECE_LABEL => out.push_str(fill.labels.nth(reader.number()?)),
            PIECE_COUNT => {
                let label = fill.labels.nth(reader.number()?);
                out.push_str(&with_count(label, reader.number()?));
            }
            _ => return None,
        }
    }
}

/// One operation of a template.
#[derive(Debug, PartialEq)]
pub enum Op<'a> {
    Open(&'a str),
    Attr(&'a str, Value<'a>),
    Part(Part),
    Text(Value<'a>),
    Close,
}

/// The operations of a template, in order; `None` ends it, and a damaged template ends early
/// (the builder then finds the tree incomplete and says so; the take-over finds markup that
/// differs). Without `parts`, the `part` attributes are left out: the light DOM's markup.
pub struct Ops<'a> {
    reader: Reader<'a>,
    parts: bool,
}

impl<'a> Ops<'a> {
    pub fn new(template: &'a [u8], parts: bool) -> Ops<'a> {
        Ops { reader: Reader { bytes: template }, parts }
    }
}

impl<'a> Iterator for Ops<'a> {
    type Item = Op<'a>;

    fn next(&mut self) -> Option<Op<'a>> {
        loop {
            let reader = &mut self.reader;
            let op = match reader.byte()? {
                OPEN => Op::Open(reader.text()?),
                ATTR => Op::Attr(reader.text()?, Value::Plain(reader.text()?)),
                ATTR_HOLES => Op::Attr(reader.text()?, Value::Holes(holes_of(reader)?)),
                PART => {
                    let kind = reader.byte()?;
                    Op::Part(Part::from_code(kind, reader.number()?)?)
                }
                TEXT => Op::Text(Value::Plain(reader.text()?)),
                TEXT_HOLES => Op::Text(Value::Holes(holes_of(reader)?)),
                CLOSE => Op::Close,
                _ => return None,
            };
            if self.parts || !matches!(op, Op::Attr(html::PART, _)) {
                return Some(op);
            }
        }
    }
}

/// The bytes of a value's pieces, as `holes` writes them.
fn holes_of<'a>(reader: &mut Reader<'a>) -> Option<&'a [u8]> {
    let length = reader.number()?;
    reader.take(length)
}

/// The template as HTML, as browsers serialise it (`outerHTML`) and as `html.rs` writes the
/// view, its holes filled by `fill` and its parts' attributes set for `state` in `phase`; and,
/// for each part, its element's place among the root's descendants in document order (`None`:
/// the root). Hydration compares a pre-rendered root with this in one step, and finds the parts
/// by their places.
pub fn html(
    template: &[u8],
    fill: &Fill<'_>,
    state: &State,
    phase: Phase,
) -> (String, Vec<(Part, Option<usize>)>) {
    let mut out = String::with_capacity(template.len() + template.len() / 2);
    let mut parts = Vec::new();
    let mut open = Vec::new();
    let mut in_tag = false;
    // How many elements have opened, the root first; and the open element's place, which is
    // one less than the number before it, as the root is no descendant of its own.
    let mut opened = 0usize;
    let mut place = None;
    for op in Ops::new(template, fill.parts) {
        if in_tag && matches!(op, Op::Open(_) | Op::Text(_) | Op::Close) {
            out.push('>');
            in_tag = false;
        }
        match op {
            Op::Open(tag) => {
                out.push('<');
                out.push_str(tag);
                open.push(tag);
                in_tag = true;
                place = opened.checked_sub(1);
                opened += 1;
            }
            Op::Attr(name, value) => attribute(&mut out, name, &value.filled(fill)),
            Op::Part(part) => {
                for (name, value) in attrs(part, state, phase).into_iter().flatten() {
                    if let Some(value) = value {
                        attribute(&mut out, name, value);
                    }
                }
                parts.push((part, place));
            }
            Op::Text(text) => html::escape(&text.filled(fill), false, &mut out),
            Op::Close => {
                out.push_str("</");
                out.push_str(open.pop().unwrap_or_default());
                out.push('>');
            }
        }
    }
    (out, parts)
}

fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    html::escape(value, true, out);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html;
    use crate::labels::{Label, Labels};
    use crate::node::text;
    use crate::state::Mode;
    use crate::view::{self, Context};

    #[test]
    fn filled_in_it_renders_what_the_view_renders_in_every_state_and_phase() {
        let article = &crate::testing::article();
        let template = of(article);
        let mut korean = Labels::default();
        korean.set("minutes", "{n}분".to_owned());
        korean.set("readFull", "전체 기사 읽기".to_owned());
        for labels in [Labels::default(), korean] {
            for (phase, shadow) in
                [Phase::Static, Phase::Live].into_iter().flat_map(|p| [(p, true), (p, false)])
            {
                let fill = Fill { ids: "rw7-", labels: &labels, parts: shadow, build: "b1" };
                for mode in [Mode::Summary, Mode::Full] {
                    let mut state = State::new(mode, article.sections.len());
                    state.sections_open[1] = false;
                    let expected = html::render(&view::article(&Context { article, phase }, &state), &fill);
                    let (written, parts) = html(&template, &fill, &state, phase);
                    assert_eq!(written, expected, "{phase:?} {mode:?} shadow {shadow}");
                    assert_eq!(written.contains(" part=\""), shadow);
                    assert_eq!(parts.len(), 12 + 4 * article.sections.len());
                    assert_eq!(parts.iter().filter(|(_, at)| at.is_none()).count(), 1, "the root");
                }
            }
        }
    }

    #[test]
    fn holes_are_written_as_pieces_and_filled_in_the_page() {
        let value = node::Value::from([
            Piece::Ids,
            text("s-a · "),
            Piece::Count(Label::Minutes, 3),
            text(" "),
            Piece::Label(Label::By),
            Piece::Build,
        ]);
        let node = Node::Element(crate::node::el("p").attr("id", value.clone()).text(value));
        let mut template = Vec::new();
        write(&node, &mut template);
        let mut labels = Labels::default();
        labels.set("minutes", "{n}분".to_owned());
        let fill = Fill { ids: "rw2-", labels: &labels, parts: true, build: "abc" };
        let ops: Vec<Op> = Ops::new(&template, true).collect();
        let [Op::Open("p"), Op::Attr("id", attribute), Op::Text(text), Op::Close] = ops.as_slice() else {
            panic!("{ops:?}")
        };
        assert_eq!(attribute.filled(&fill), "rw2-s-a · 3분 Byabc");
        assert_eq!(text.filled(&fill), "rw2-s-a · 3분 Byabc");
    }

    #[test]
    fn an_article_may_say_anything_a_hole_once_looked_like() {
        // Unicode noncharacters, which a format might reserve, and a label's placeholder.
        let said = "\u{FDD0}rw\u{FDD1}A{n}\u{FDD2} \u{FDD3}";
        let node = Node::Element(crate::node::el("p").attr("title", said).text(said));
        let mut template = Vec::new();
        write(&node, &mut template);
        let labels = Labels::default();
        let fill = Fill { ids: "rw2-", labels: &labels, parts: true, build: "abc" };
        let (written, _) = html(&template, &fill, &State::new(Mode::Full, 0), Phase::Live);
        assert_eq!(written, ["<p title=\"", said, "\">", said, "</p>"].concat());
    }
}
