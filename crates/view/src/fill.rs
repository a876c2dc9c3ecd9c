//! What fills the holes the view leaves in its values (`node::Piece`) for one widget: its
//! element-id prefix, its labels, the build it runs; and whether its markup names its parts.
//! `html.rs` fills the view's values with it natively; `template.rs` fills a template's in the
//! page, where the same build-time template serves every widget.

use std::borrow::Cow;

use crate::labels::Labels;
use crate::node::{Piece, Value};

pub struct Fill<'a> {
    pub ids: &'a str,
    pub labels: &'a Labels,
    /// Whether the markup names its parts (`html::PART`): in a shadow root, not in the light DOM.
    pub parts: bool,
    /// The id of the build the markup says it was written by.
    pub build: &'a str,
}

impl Fill<'_> {
    /// `value` with its holes filled.
    pub fn value<'v>(&self, value: &'v Value<'_>) -> Cow<'v, str> {
        if let Some(plain) = value.plain() {
            return Cow::Borrowed(plain);
        }
        let mut out = String::new();
        for piece in &value.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Ids => out.push_str(self.ids),
                Piece::Build => out.push_str(self.build),
                Piece::Label(label) => out.push_str(self.labels.get(*label)),
                Piece::Count(label, n) => out.push_str(&self.labels.count(*label, *n)),
            }
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Label;
    use crate::node::text;

    #[test]
    fn holes_are_filled_with_ids_labels_counts_and_the_build() {
        let mut labels = Labels::default();
        labels.set("minutes", "{n}분".to_owned());
        let fill = Fill { ids: "rw2-", labels: &labels, parts: true, build: "abc" };
        let value = Value::from([
            Piece::Ids,
            text("s-a · "),
            Piece::Count(Label::Minutes, 3),
            text(" "),
            Piece::Build,
        ]);
        assert_eq!(fill.value(&value), "rw2-s-a · 3분 abc");
        assert_eq!(
            fill.value(&Value::from([Piece::Label(Label::ReadFull), text("!")])),
            "Read the full article!"
        );
        assert!(matches!(fill.value(&Value::from("no hole")), Cow::Borrowed("no hole")));
    }

    #[test]
    fn text_that_looks_like_a_hole_is_text() {
        let labels = Labels::default();
        let fill = Fill { ids: "rw2-", labels: &labels, parts: true, build: "abc" };
        // Unicode noncharacters, which a format might reserve, and a label's placeholder.
        let typed = "\u{FDD0}\u{FDD1}A{n}\u{FDD2}\u{FDD3} {n}";
        assert_eq!(fill.value(&Value::from(typed)), typed);
    }
}
