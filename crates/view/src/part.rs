//! The one vocabulary for the elements that change at run time: each switched part of the
//! widget has a typed name here, and its attributes are a function of the state and of the
//! phase. The view marks elements with a [`Part`], every backend (building, hydration, the
//! HTML string) and the controller use the same names; nobody finds a part by selector.
//!
//! Depends on the state alone, so the node description and the view can both import it.

use crate::state::{Mode, State};

/// An element the widget reads or changes after it is rendered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Part {
    /// The article root: `data-mode`, for styles.
    Root,
    /// The one summary ↔ full text control; it needs the module, so the static page hides it.
    ModeButton,
    /// The `<details>` around the full text: the static page's native disclosure. Live, it
    /// stays open and `FullText` folds instead (findable, with `beforematch`).
    FullBox,
    /// The `<summary>` of `FullBox`: the static page's control, in the mode button's place.
    FullSummary,
    /// The container of every section.
    FullText,
    SummaryButton,
    SummaryList,
    /// The row holding "Expand all"; it keeps its place on the static page, unseen.
    Tools,
    /// "Expand all" / "Collapse all".
    AllButton,
    /// The part of the "Expand all / Collapse all" label shown when every section is open
    /// (`true`) or not.
    AllLabel(bool),
    /// A whole section: what a deep link scrolls to.
    Section(usize),
    SectionButton(usize),
    /// A section's `#` link; the static page cannot follow it into a shadow root.
    SectionAnchor(usize),
    SectionPanel(usize),
    /// The live region that announces mode changes.
    Status,
}

/// A part's kind without its index: its code in a template is this byte (`Kind as u8`), so
/// the codes are written once, here. [`Part::code`] is an exhaustive `match` (the compiler
/// refuses one that misses a part), and a test takes every part back through
/// [`Part::from_code`].
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Root,
    ModeButton,
    FullBox,
    FullSummary,
    FullText,
    SummaryButton,
    SummaryList,
    Tools,
    AllButton,
    AllLabel,
    Section,
    SectionButton,
    SectionAnchor,
    SectionPanel,
    Status,
}

impl Part {
    /// The part as its kind and its index (0 for a part there is one of; 1 for the label shown
    /// when every section is open), as a template writes it.
    pub fn code(self) -> (Kind, usize) {
        match self {
            Part::Root => (Kind::Root, 0),
            Part::ModeButton => (Kind::ModeButton, 0),
            Part::FullBox => (Kind::FullBox, 0),
            Part::FullSummary => (Kind::FullSummary, 0),
            Part::FullText => (Kind::FullText, 0),
            Part::SummaryButton => (Kind::SummaryButton, 0),
            Part::SummaryList => (Kind::SummaryList, 0),
            Part::Tools => (Kind::Tools, 0),
            Part::AllButton => (Kind::AllButton, 0),
            Part::AllLabel(open) => (Kind::AllLabel, usize::from(open)),
            Part::Section(i) => (Kind::Section, i),
            Part::SectionButton(i) => (Kind::SectionButton, i),
            Part::SectionAnchor(i) => (Kind::SectionAnchor, i),
            Part::SectionPanel(i) => (Kind::SectionPanel, i),
            Part::Status => (Kind::Status, 0),
        }
    }

    /// The part of this kind code and index: what [`Part::code`] gives, back (`None` for a code
    /// of no kind). One `match` on the byte, compiled to one jump table: through `Kind` and
    /// a second `match` the module was larger (BENCHMARKS.md, "What the code's choices saved").
    pub fn from_code(code: u8, index: usize) -> Option<Part> {
        Some(match code {
            c if c == Kind::Root as u8 => Part::Root,
            c if c == Kind::ModeButton as u8 => Part::ModeButton,
            c if c == Kind::FullBox as u8 => Part::FullBox,
            c if c == Kind::FullSummary as u8 => Part::FullSummary,
            c if c == Kind::FullText as u8 => Part::FullText,
            c if c == Kind::SummaryButton as u8 => Part::SummaryButton,
            c if c == Kind::SummaryList as u8 => Part::SummaryList,
            c if c == Kind::Tools as u8 => Part::Tools,
            c if c == Kind::AllButton as u8 => Part::AllButton,
            c if c == Kind::AllLabel as u8 => Part::AllLabel(index == 1),
            c if c == Kind::Section as u8 => Part::Section(index),
            c if c == Kind::SectionButton as u8 => Part::SectionButton(index),
            c if c == Kind::SectionAnchor as u8 => Part::SectionAnchor(index),
            c if c == Kind::SectionPanel as u8 => Part::SectionPanel(index),
            c if c == Kind::Status as u8 => Part::Status,
            _ => return None,
        })
    }
}

/// Static: the markup a page carries before the module runs (or where it never does), every
/// word readable, and no control that needs the module. Live: the module has taken over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Static,
    Live,
}

/// The root's attribute that names the mode, for styles; the pre-rendered root says with it
/// which mode the page was served in.
pub const MODE_ATTR: &str = "data-mode";

/// The `<details>` attribute that says it is open: the static page's mode, as the reader left it.
pub const OPEN: &str = "open";

/// One attribute and its value; `None` removes it.
pub type Attr = (&'static str, Option<&'static str>);

/// The attributes a part has for `state` in `phase`: at most two, unused slots `None`.
///
/// Folded text is `hidden="until-found"`, so the browser's find-in-page and text fragments can
/// still reach it (and fire `beforematch`); labels are plainly `hidden`.
pub fn attrs(part: Part, state: &State, phase: Phase) -> [Option<Attr>; 2] {
    let live = phase == Phase::Live;
    let is_open = |open: bool| if open { "true" } else { "false" };
    let present = |on: bool| if on { Some("") } else { None };
    let findable_unless = |shown: bool| ("hidden", if shown { None } else { Some("until-found") });
    let hidden_unless = |shown: bool| ("hidden", present(!shown));
    let section_open = |i: usize| state.sections_open.get(i).copied().unwrap_or(false);
    let full = state.mode == Mode::Full;
    // A button whose text is the article's own (a heading) stays, disabled until the module
    // runs, and says nothing of folding before it can fold.
    let disabled_unless_live = ("disabled", present(!live));
    let expanded_when_live = |open: bool| ("aria-expanded", if live { Some(is_open(open)) } else { None });
    // Not interactive until the module runs, and unseen, but holding its room (CSS:
    // `.rw [inert]`), so revealing it moves nothing.
    let inert_unless_live = ("inert", present(!live));
    match part {
        Part::Root => [Some((MODE_ATTR, Some(state.mode.as_str()))), None],
        Part::ModeButton => [Some(("aria-expanded", Some(is_open(full)))), Some(hidden_unless(live))],
        Part::FullBox => [Some((OPEN, present(live || full))), None],
        Part::FullSummary => [Some(hidden_unless(!live)), None],
        // Static, the `<details>` folds the full text.
        Part::FullText => [Some(findable_unless(full || !live)), None],
        Part::SummaryButton => [Some(expanded_when_live(state.summary_open)), Some(disabled_unless_live)],
        Part::SummaryList => [Some(findable_unless(state.summary_open)), None],
        Part::Tools | Part::SectionAnchor(_) => [Some(inert_unless_live), None],
        Part::AllLabel(all_open) => [Some(hidden_unless(state.all_open() == all_open)), None],
        Part::SectionButton(i) => [Some(expanded_when_live(section_open(i))), Some(disabled_unless_live)],
        Part::SectionPanel(i) => [Some(findable_unless(section_open(i))), None],
        Part::AllButton | Part::Section(_) | Part::Status => [None, None],
    }
}

/// The names of the attributes `part` switches: the template leaves those out of an element's
/// fixed attributes, since every backend writes them from the state and the phase.
pub fn switched_names(part: Part) -> [Option<&'static str>; 2] {
    // Any state gives the names; the values are what vary.
    attrs(part, &State::new(Mode::Summary, 0), Phase::Live).map(|attr| attr.map(|(name, _)| name))
}

/// The attribute on the widget's root that names the build it came from, so markup
/// pre-rendered by another version is told apart before anything is compared.
pub const BUILD_ATTR: &str = "data-rw-build";

/// The attribute on the widget's root that names its article: a host whose pre-rendered
/// markup is of another article (an element whose `article` changed) renders afresh, with no
/// warning, since the markup is not at fault.
pub const ARTICLE_ATTR: &str = "data-rw-article";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_comes_back_from_its_code_and_no_other_code_is_a_part() {
        let parts = [
            Part::Root,
            Part::ModeButton,
            Part::FullBox,
            Part::FullSummary,
            Part::FullText,
            Part::SummaryButton,
            Part::SummaryList,
            Part::Tools,
            Part::AllButton,
            Part::AllLabel(false),
            Part::AllLabel(true),
            Part::Section(3),
            Part::SectionButton(0),
            Part::SectionAnchor(200),
            Part::SectionPanel(7),
            Part::Status,
        ];
        let mut codes: Vec<u8> = parts.iter().map(|part| part.code().0 as u8).collect();
        codes.dedup();
        assert_eq!(codes, (0..=Kind::Status as u8).collect::<Vec<_>>(), "every code, once each, in order");
        for part in parts {
            let (kind, index) = part.code();
            assert_eq!(Part::from_code(kind as u8, index), Some(part));
        }
        assert_eq!(Part::from_code(Kind::Status as u8 + 1, 0), None);
    }

    #[test]
    fn the_static_page_hides_only_what_needs_the_module() {
        let state = State::new(Mode::Summary, 2);
        let get = |part, phase| attrs(part, &state, phase);
        assert_eq!(get(Part::ModeButton, Phase::Static)[1], Some(("hidden", Some(""))));
        assert_eq!(get(Part::ModeButton, Phase::Live)[1], Some(("hidden", None)));
        assert_eq!(get(Part::FullSummary, Phase::Static)[0], Some(("hidden", None)));
        assert_eq!(get(Part::FullSummary, Phase::Live)[0], Some(("hidden", Some(""))));
        // Static, the full text is behind the closed <details>, not hidden itself.
        assert_eq!(get(Part::FullBox, Phase::Static)[0], Some(("open", None)));
        assert_eq!(get(Part::FullText, Phase::Static)[0], Some(("hidden", None)));
        assert_eq!(get(Part::FullBox, Phase::Live)[0], Some(("open", Some(""))));
        assert_eq!(get(Part::FullText, Phase::Live)[0], Some(("hidden", Some("until-found"))));
        assert_eq!(
            get(Part::SectionButton(1), Phase::Static),
            [Some(("aria-expanded", None)), Some(("disabled", Some("")))]
        );
        assert_eq!(
            get(Part::SectionButton(1), Phase::Live),
            [Some(("aria-expanded", Some("true"))), Some(("disabled", None))]
        );
        assert_eq!(get(Part::Tools, Phase::Static), [Some(("inert", Some(""))), None]);
        assert_eq!(get(Part::SectionAnchor(0), Phase::Live), [Some(("inert", None)), None]);
    }

    #[test]
    fn a_full_static_page_opens_its_details() {
        let state = State::new(Mode::Full, 2);
        assert_eq!(attrs(Part::FullBox, &state, Phase::Static)[0], Some(("open", Some(""))));
    }

    #[test]
    fn folded_text_stays_findable_and_labels_are_plainly_hidden() {
        let state = State::new(Mode::Summary, 4);
        let first = |part| attrs(part, &state, Phase::Live)[0];
        assert_eq!(first(Part::FullText), Some(("hidden", Some("until-found"))));
        // Every section is open: "Collapse all" shows.
        assert_eq!(first(Part::AllLabel(false)), Some(("hidden", Some(""))));
        assert_eq!(first(Part::AllLabel(true)), Some(("hidden", None)));
    }

    #[test]
    fn switched_names_are_known_per_part() {
        assert_eq!(switched_names(Part::SectionButton(0)), [Some("aria-expanded"), Some("disabled")]);
        assert_eq!(switched_names(Part::FullBox), [Some("open"), None]);
        assert_eq!(switched_names(Part::Status), [None, None]);
    }
}
