//! The article's markup as a build-time template: the view (`view.rs`) is run once per article
//! at build time with stand-ins for what differs between widgets (the element ids' prefix, the
//! labels, the build id), and written as a list of operations. In the page, `dom/build.rs`
//! builds nodes from it and `dom/hydrate.rs` claims pre-rendered nodes by it; so the module
//! carries no view code, and no node tree is made at run time.
//!
//! The same file serves build.rs (which writes templates) and the crate (which reads them), so
//! the format is written down once:
//!
//! ```text
//! template = op*
//! op       = 1 tag (an element opens) | 2 name value (an attribute of the open element)
//!          | 3 part (the open element is that part; its switched attributes follow the
//!            state, after every other attribute) | 4 value (a text) | 5 (the element closes)
//! string   = length, UTF-8 bytes
//! part     = kind (a byte), index
//! (numbers, lengths and indexes as LEB128)
//! ```
//!
//! Values may hold stand-ins, Unicode noncharacters that no article may contain (the content
//! compiler refuses U+FDD0–U+FDEF): `ID` for the id prefix, `BUILD_ID` for the build id, and a label as `LABEL`,
//! its number as a letter, `{n}` or a count in decimal, then `END`.

use std::borrow::Cow;

use crate::blob::{number, string, Reader};
use crate::html;
use crate::labels::{with_count, Labels};
use crate::node::Node;
use crate::part::{attrs, switched_names, Part, Phase};
use crate::state::{Mode, State};
use crate::view::{self, Context, IdPrefix};
use model::Article;

/// Stands for the widget's element-id prefix.
pub const ID: char = '\u{FDD0}';
/// Starts a label: then the label's letter (`A` + its index), `{n}` or a number, and `END`.
pub const LABEL: char = '\u{FDD1}';
/// Ends a label.
pub const END: char = '\u{FDD2}';
/// Stands for the build id.
pub const BUILD_ID: char = '\u{FDD3}';

const OPEN: u8 = 1;
const ATTR: u8 = 2;
const PART: u8 = 3;
const TEXT: u8 = 4;
const CLOSE: u8 = 5;

/// The labels as stand-ins, for running the view at build time: `LABEL`, the label's letter,
/// `{n}` (which `Labels::count` replaces by its number) and `END`.
pub fn stand_in_labels() -> Labels {
    Labels::from_index(|index| {
        let letter = char::from(b'A'.wrapping_add(index as u8));
        [LABEL.to_string(), letter.to_string(), "{n}".to_owned(), END.to_string()].concat()
    })
}

/// `article`'s template, as build.rs compiles it into the module and the splicer splices it
/// in: the view run over its model, in summary, with stand-ins for the labels, the id prefix
/// and the build id.
pub fn of(article: &Article) -> Vec<u8> {
    let labels = stand_in_labels();
    let ids = IdPrefix(ID.to_string());
    let build = BUILD_ID.to_string();
    let cx = Context { article, labels: &labels, ids: &ids, phase: Phase::Live, build: &build };
    let mut out = Vec::new();
    write(&view::article(&cx, &State::new(Mode::Summary, article.sections.len())), &mut out);
    out
}

/// Writes the view's description `node` as a template.
pub fn write(node: &Node, out: &mut Vec<u8>) {
    match node {
        Node::Text(text) => {
            out.push(TEXT);
            string(out, text);
        }
        Node::Element(element) => {
            out.push(OPEN);
            string(out, element.tag);
            let switched = element.part.map(switched_names).unwrap_or_default();
            for (name, value) in &element.attrs {
                if !switched.contains(&Some(*name)) {
                    out.push(ATTR);
                    string(out, name);
                    string(out, value);
                }
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

/// One operation of a template.
#[derive(Debug, PartialEq)]
pub enum Op {
    Open(&'static str),
    Attr(&'static str, &'static str),
    Part(Part),
    Text(&'static str),
    Close,
}

/// The operations of a template, in order; `None` ends it, and a damaged template ends early
/// (the builder then finds the tree incomplete and says so; the take-over finds markup that
/// differs). Without `parts`, the `part` attributes are left out: the light DOM's markup.
pub struct Ops {
    reader: Reader,
    parts: bool,
}

impl Ops {
    pub fn new(template: &'static [u8], parts: bool) -> Ops {
        Ops { reader: Reader { bytes: template }, parts }
    }
}

impl Iterator for Ops {
    type Item = Op;

    fn next(&mut self) -> Option<Op> {
        loop {
            let reader = &mut self.reader;
            let op = match reader.byte()? {
                OPEN => Op::Open(reader.text()?),
                ATTR => Op::Attr(reader.text()?, reader.text()?),
                PART => {
                    let kind = reader.byte()?;
                    Op::Part(Part::from_code(kind, reader.number()?)?)
                }
                TEXT => Op::Text(reader.text()?),
                CLOSE => Op::Close,
                _ => return None,
            };
            if self.parts || !matches!(op, Op::Attr(html::PART, _)) {
                return Some(op);
            }
        }
    }
}

/// What fills a template's stand-ins for one widget: its element-id prefix and its labels;
/// and whether its markup names its parts (`html::PART`): in a shadow root, not in the light DOM.
pub struct Fill<'a> {
    pub ids: &'a str,
    pub labels: &'a Labels,
    pub parts: bool,
    /// This build's id, for the `BUILD_ID` stand-in.
    pub build: &'a str,
}

impl Fill<'_> {
    pub fn value(&self, value: &'static str) -> Cow<'static, str> {
        fill(value, self.ids, self.build, self.labels)
    }
}

/// The template as HTML, as browsers serialise it (`outerHTML`) and as `html.rs` writes the
/// view, filled in by `fill` and its parts' attributes set for `state` in `phase`; and, for
/// each part, its element's place among the root's descendants in document order (`None`: the
/// root). Hydration compares a pre-rendered root with this in one step, and finds the parts by
/// their places.
pub fn html(
    template: &'static [u8],
    fill: &Fill<'_>,
    state: &State,
    phase: Phase,
) -> (String, Vec<(Part, Option<usize>)>) {
    let mut out = String::with_capacity(template.len() + template.len() / 2);
    let mut parts = Vec::new();
    let mut open = Vec::new();
    let mut in_tag = false;
    let mut elements = 0usize;
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
                elements += 1;
            }
            Op::Attr(name, value) => attribute(&mut out, name, &fill.value(value)),
            Op::Part(part) => {
                for (name, value) in attrs(part, state, phase).into_iter().flatten() {
                    if let Some(value) = value {
                        attribute(&mut out, name, value);
                    }
                }
                parts.push((part, elements.checked_sub(2)));
            }
            Op::Text(text) => html::escape(&fill.value(text), false, &mut out),
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

/// A value with its stand-ins filled in: the id prefix, the build id and the labels.
pub fn fill(value: &'static str, ids: &str, build: &str, labels: &Labels) -> Cow<'static, str> {
    let Some(mut at) = stand_in(value) else { return Cow::Borrowed(value) };
    let mut out = String::with_capacity(value.len() + 16);
    let mut rest = value;
    loop {
        out.push_str(rest.get(..at).unwrap_or_default());
        // Each stand-in is three bytes: EF B7 and its own last byte.
        let body = rest.get(at + 3..).unwrap_or_default();
        rest = match rest.as_bytes().get(at + 2) {
            Some(&byte) if byte == last(ID) => {
                out.push_str(ids);
                body
            }
            Some(&byte) if byte == last(BUILD_ID) => {
                out.push_str(build);
                body
            }
            _ => {
                let index =
                    body.bytes().next().map_or(usize::MAX, |letter| usize::from(letter).wrapping_sub(65));
                let body = body.get(1..).unwrap_or_default();
                let end = stand_in(body).unwrap_or(body.len());
                let label = labels.nth(index);
                match digits(body.get(..end).unwrap_or_default()) {
                    Some(n) => out.push_str(&with_count(label, n)),
                    None => out.push_str(label),
                }
                body.get(end + 3..).unwrap_or_default()
            }
        };
        match stand_in(rest) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where the first stand-in (or a label's `END`) starts: U+FDD0 to U+FDD3 are EF B7 90 to 93,
/// found byte by byte, which costs less code than `str::find` with a char predicate.
fn stand_in(text: &str) -> Option<usize> {
    text.as_bytes().windows(3).position(|bytes| matches!(bytes, [0xEF, 0xB7, 0x90..=0x93]))
}

/// The last byte of a stand-in's UTF-8 encoding.
const fn last(c: char) -> u8 {
    0x80 | (c as u32 & 0x3F) as u8
}

/// Decimal digits as a number; `None` for `{n}` (a label without its number) or overflow.
fn digits(digits: &str) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0usize, |n, digit| {
        let digit = digit.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(usize::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html;
    use crate::labels::Label;
    use crate::state::Mode;
    use crate::view::{self, Context, IdPrefix};

    /// The template build.rs writes for the real article.
    fn stand_in_template(article: &model::Article) -> &'static [u8] {
        Box::leak(of(article).into_boxed_slice())
    }

    #[test]
    fn filled_in_it_renders_what_the_view_renders_in_every_state_and_phase() {
        let article = &crate::testing::article();
        let template = stand_in_template(article);
        let mut korean = Labels::default();
        korean.set("minutes", "{n}분".to_owned());
        korean.set("readFull", "전체 기사 읽기".to_owned());
        for labels in [Labels::default(), korean] {
            let ids = IdPrefix("rw7-".to_owned());
            for (phase, shadow) in
                [Phase::Static, Phase::Live].into_iter().flat_map(|p| [(p, true), (p, false)])
            {
                let fill = Fill { ids: &ids.0, labels: &labels, parts: shadow, build: "b1" };
                for mode in [Mode::Summary, Mode::Full] {
                    let mut state = State::new(mode, article.sections.len());
                    state.sections_open[1] = false;
                    let cx = Context { article, labels: &labels, ids: &ids, phase, build: "b1" };
                    let expected = html::render(&view::article(&cx, &state), shadow);
                    let (written, parts) = html(template, &fill, &state, phase);
                    assert_eq!(written, expected, "{phase:?} {mode:?} shadow {shadow}");
                    assert_eq!(written.contains(" part=\""), shadow);
                    assert_eq!(parts.len(), 12 + 4 * article.sections.len());
                    assert_eq!(parts.iter().filter(|(_, at)| at.is_none()).count(), 1, "the root");
                }
            }
        }
    }

    #[test]
    fn stand_ins_are_filled_with_ids_labels_counts_and_the_build() {
        let mut labels = Labels::default();
        labels.set("minutes", "{n}분".to_owned());
        let minutes = [LABEL.to_string(), "D3".to_owned(), END.to_string()].concat();
        let value: &'static str = Box::leak(
            [ID.to_string(), "s-a · ".to_owned(), minutes, " ".to_owned(), BUILD_ID.to_string()]
                .concat()
                .into_boxed_str(),
        );
        assert_eq!(fill(value, "rw2-", "abc", &labels), "rw2-s-a · 3분 abc");
        let plain = [LABEL.to_string(), "B{n}".to_owned(), END.to_string(), "!".to_owned()].concat();
        assert_eq!(fill(Box::leak(plain.into_boxed_str()), "", "", &labels), "Read the full article!");
        assert_eq!(Label::Minutes as usize, 3, "D is the fourth label");
        assert!(matches!(fill("no stand-in", "x", "y", &labels), Cow::Borrowed("no stand-in")));
    }
}
