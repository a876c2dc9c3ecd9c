//! Every word the widget writes itself, apart from the article: English by default, and each
//! one replaceable through the `labels` option, so the widget can speak Korean or Ukrainian.

use std::borrow::Cow;

/// One label. `{n}` in a label is replaced by a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Label {
    SummaryHeading,
    ReadFull,
    BackToSummary,
    Minutes,
    MinutesLeft,
    ExpandAll,
    CollapseAll,
    LinkToSection,
    FullShown,
    SummaryShown,
    By,
    Tags,
    AboutAuthor,
    Image,
    ImageCredit,
}

/// Each label's option name and English text, in `Label` order.
const DEFAULTS: [(&str, &str); 15] = [
    ("summaryHeading", "What You Need to Know"),
    ("readFull", "Read the full article"),
    ("backToSummary", "Back to the summary"),
    ("minutes", "{n} min"),
    ("minutesLeft", "{n} min left"),
    ("expandAll", "Expand all"),
    ("collapseAll", "Collapse all"),
    ("linkToSection", "Link to this section"),
    ("fullShown", "Full article shown, {n} sections"),
    ("summaryShown", "Summary shown"),
    ("by", "By"),
    ("tags", "Tags"),
    ("aboutAuthor", "Author Experience and Expertise"),
    ("image", "Image:"),
    ("imageCredit", "Image Credit:"),
];

pub struct Labels([Cow<'static, str>; DEFAULTS.len()]);

impl Default for Labels {
    fn default() -> Self {
        Labels(DEFAULTS.map(|(_, text)| Cow::Borrowed(text)))
    }
}

impl Labels {
    /// Whether no label was given: what pages are pre-rendered with. A label given its English
    /// text counts as given (the widget then renders afresh rather than take a page over):
    /// comparing every text would cost the module 80 B gzip (make dist).
    pub fn is_default(&self) -> bool {
        self.0.iter().all(|text| matches!(text, Cow::Borrowed(_)))
    }

    pub fn get(&self, label: Label) -> &str {
        self.nth(label as usize)
    }

    /// The label at `index` in `Label` order (as templates name them).
    pub fn nth(&self, index: usize) -> &str {
        self.0.get(index).map_or("", |text| text.as_ref())
    }

    /// The label with its first `{n}` replaced by `n`.
    pub fn count(&self, label: Label, n: usize) -> String {
        with_count(self.get(label), n)
    }
}

/// `template` with its first `{n}` replaced by `n`. A byte search rather than `str::replace`,
/// whose substring searcher brings panicking slice code into the module.
pub fn with_count(template: &str, n: usize) -> String {
    let at = template.as_bytes().windows(3).position(|window| window == b"{n}");
    match at.and_then(|at| Some((template.get(..at)?, template.get(at + 3..)?))) {
        Some((before, after)) => [before, &decimal(n), after].concat(),
        None => template.to_owned(),
    }
}

impl Labels {
    /// Replaces the label named `name` (as in the option); false if there is no such label.
    /// Whether `name` is one of the labels.
    pub fn knows(name: &str) -> bool {
        DEFAULTS.iter().any(|(known, _)| *known == name)
    }

    pub fn set(&mut self, name: &str, text: String) -> bool {
        match DEFAULTS.iter().position(|(known, _)| *known == name) {
            Some(index) => {
                if let Some(slot) = self.0.get_mut(index) {
                    *slot = Cow::Owned(text);
                }
                true
            }
            None => false,
        }
    }

    /// "summaryHeading, readFull, …": the names, for the error about an unknown one.
    pub fn names() -> String {
        let names: Vec<&str> = DEFAULTS.iter().map(|(name, _)| *name).collect();
        names.join(", ")
    }
}

/// A number as decimal digits, without `core::fmt` (which costs kilobytes of wasm).
pub fn decimal(n: usize) -> String {
    let mut digits = String::new();
    let mut rest = n;
    loop {
        digits.insert(0, char::from(b'0' + (rest % 10) as u8));
        rest /= 10;
        if rest == 0 {
            return digits;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_english_and_in_label_order() {
        let labels = Labels::default();
        assert_eq!(labels.get(Label::SummaryHeading), "What You Need to Know");
        assert_eq!(labels.get(Label::ImageCredit), "Image Credit:");
        assert_eq!(labels.count(Label::Minutes, 3), "3 min");
        assert_eq!(labels.count(Label::FullShown, 4), "Full article shown, 4 sections");
    }

    #[test]
    fn a_label_can_be_replaced_by_name() {
        let mut labels = Labels::default();
        assert!(labels.set("readFull", "전체 기사 읽기".to_owned()));
        assert!(labels.set("minutes", "{n}분".to_owned()));
        assert_eq!(labels.get(Label::ReadFull), "전체 기사 읽기");
        assert_eq!(labels.count(Label::Minutes, 3), "3분");
        assert!(!labels.set("readfull", String::new()));
    }

    #[test]
    fn labels_are_default_until_one_is_given_even_its_english_text() {
        let mut labels = Labels::default();
        assert!(labels.is_default());
        assert!(!labels.set("readfull", String::new()));
        assert!(labels.is_default(), "an unknown name sets nothing");
        labels.set("readFull", "Read the full article".to_owned());
        assert!(!labels.is_default());
    }

    #[test]
    fn decimal_writes_digits() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(4), "4");
        assert_eq!(decimal(1234), "1234");
        assert_eq!(decimal(usize::MAX), usize::MAX.to_string());
    }
}
