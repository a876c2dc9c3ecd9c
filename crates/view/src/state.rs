//! The widget's state and its transitions. Pure data, so every rule is unit-tested natively.

/// What the reader sees: the summary alone, or the summary and the full text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Summary,
    Full,
}

impl Mode {
    /// The mode named as in the options and `state()`: "summary" or "full".
    pub fn from_name(name: &str) -> Option<Mode> {
        match name {
            "summary" => Some(Mode::Summary),
            "full" => Some(Mode::Full),
            _ => None,
        }
    }

    /// What is wrong with a mode named `name` that [`Mode::from_name`] does not know, and the
    /// fix: the same words from the options and from a page's `mode` attribute.
    pub fn unknown(name: &str) -> String {
        ["unknown mode '", name, "'; use 'summary' or 'full'"].concat()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Summary => "summary",
            Mode::Full => "full",
        }
    }
}

/// A change to the state, as data: what a click, a key, the URL, the browser or the host asks
/// for. One type rather than a closure per caller keeps one copy of the update path in the
/// module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Show(Mode),
    ToggleMode,
    OpenSummary,
    ToggleSummary,
    ToggleAll,
    ToggleSection(usize),
    SetSection(usize, bool),
}

/// Bumped when the stored format changes, so an old value is ignored rather than misread.
const STORED_VERSION: &str = "rw1";

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub mode: Mode,
    /// Whether the "What You Need to Know" list is unfolded.
    pub summary_open: bool,
    /// One flag per section, in article order: unfolded or not.
    pub sections_open: Vec<bool>,
}

impl State {
    /// Every section starts unfolded, so "Read the full article" shows the whole text.
    pub fn new(mode: Mode, sections: usize) -> Self {
        State { mode, summary_open: true, sections_open: std::iter::repeat_n(true, sections).collect() }
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Show(mode) => self.mode = mode,
            Action::ToggleMode => self.toggle_mode(),
            Action::OpenSummary => self.summary_open = true,
            Action::ToggleSummary => self.toggle_summary(),
            Action::ToggleAll => self.toggle_all(),
            Action::ToggleSection(index) => self.toggle_section(index),
            Action::SetSection(index, open) => self.set_section(index, open),
        }
    }

    pub fn toggle_mode(&mut self) {
        self.mode = match self.mode {
            Mode::Summary => Mode::Full,
            Mode::Full => Mode::Summary,
        };
    }

    pub fn toggle_summary(&mut self) {
        self.summary_open = !self.summary_open;
    }

    /// Opening a section also shows the full text: an open section nobody can see is no use.
    pub fn set_section(&mut self, index: usize, open: bool) {
        if let Some(flag) = self.sections_open.get_mut(index) {
            *flag = open;
            if open {
                self.mode = Mode::Full;
            }
        }
    }

    pub fn toggle_section(&mut self, index: usize) {
        let open = self.sections_open.get(index).is_some_and(|open| !open);
        self.set_section(index, open);
    }

    pub fn all_open(&self) -> bool {
        self.sections_open.iter().all(|open| *open)
    }

    /// The one section folded or unfolded between `before` and `after`, if exactly one was:
    /// what `readingwidget:change` names as its `section`.
    pub fn changed_section(before: &State, after: &State) -> Option<usize> {
        let mut changed = (0..after.sections_open.len())
            .filter(|&i| before.sections_open.get(i) != after.sections_open.get(i));
        match (changed.next(), changed.next()) {
            (Some(index), None) => Some(index),
            _ => None,
        }
    }

    /// "Expand all" when any section is folded, "Collapse all" when none is.
    pub fn toggle_all(&mut self) {
        let open = !self.all_open();
        self.sections_open.iter_mut().for_each(|flag| *flag = open);
    }

    /// The state as a short string for sessionStorage: `rw1` (the format), the mode (`s` or
    /// `f`), the summary box and then each section, `1` open and `0` folded: `rw1f01101`.
    pub fn encode(&self) -> String {
        let flag = |open: bool| if open { '1' } else { '0' };
        let mut encoded = String::from(STORED_VERSION);
        encoded.push(if self.mode == Mode::Full { 'f' } else { 's' });
        encoded.push(flag(self.summary_open));
        encoded.extend(self.sections_open.iter().map(|open| flag(*open)));
        encoded
    }

    /// Reads what `encode` wrote. Anything else — another version, another article's section
    /// count, a value some other script stored — is `None`, and the widget starts afresh.
    /// Byte by byte, without `split` or `parse`: this runs in the reader's browser, and every
    /// kilobyte of the module is downloaded.
    pub fn decode(stored: &str, sections: usize) -> Option<State> {
        let rest = stored.strip_prefix(STORED_VERSION)?.as_bytes();
        let (&mode, rest) = rest.split_first()?;
        let mode = match mode {
            b's' => Mode::Summary,
            b'f' => Mode::Full,
            _ => return None,
        };
        let flag = |byte: &u8| match byte {
            b'1' => Some(true),
            b'0' => Some(false),
            _ => None,
        };
        let (summary_open, rest) = rest.split_first()?;
        let summary_open = flag(summary_open)?;
        if rest.len() != sections || !rest.iter().all(|byte| flag(byte).is_some()) {
            return None;
        }
        let sections_open = rest.iter().map(|byte| *byte == b'1').collect();
        Some(State { mode, summary_open, sections_open })
    }

    pub fn open_sections(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections_open.iter().enumerate().filter(|(_, open)| **open).map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_section_is_named_only_when_it_is_the_only_one() {
        let before = State::new(Mode::Summary, 3);
        let mut one = before.clone();
        one.toggle_section(1);
        assert_eq!(State::changed_section(&before, &one), Some(1));
        let mut all = before.clone();
        all.toggle_all();
        assert_eq!(State::changed_section(&before, &all), None);
        let mut mode_only = before.clone();
        mode_only.toggle_mode();
        assert_eq!(State::changed_section(&before, &mode_only), None);
    }

    #[test]
    fn starts_in_the_given_mode_with_everything_unfolded() {
        let state = State::new(Mode::Summary, 3);
        assert_eq!(state.mode, Mode::Summary);
        assert!(state.summary_open);
        assert_eq!(state.open_sections().collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn modes_are_named_as_in_the_api() {
        for mode in [Mode::Summary, Mode::Full] {
            assert_eq!(Mode::from_name(mode.as_str()), Some(mode));
        }
        assert_eq!(Mode::from_name("Full"), None);
    }

    #[test]
    fn toggling_the_mode_twice_returns_to_the_summary() {
        let mut state = State::new(Mode::Summary, 1);
        state.toggle_mode();
        assert_eq!(state.mode, Mode::Full);
        state.toggle_mode();
        assert_eq!(state.mode, Mode::Summary);
    }

    #[test]
    fn folding_a_section_keeps_the_others_and_the_mode() {
        let mut state = State::new(Mode::Full, 3);
        state.toggle_section(1);
        assert_eq!(state.open_sections().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(state.mode, Mode::Full);
    }

    #[test]
    fn opening_a_section_in_summary_mode_shows_the_full_text() {
        let mut state = State::new(Mode::Summary, 2);
        state.set_section(0, false);
        assert_eq!(state.mode, Mode::Summary);
        state.set_section(0, true);
        assert_eq!(state.mode, Mode::Full);
    }

    #[test]
    fn an_index_past_the_end_changes_nothing() {
        let mut state = State::new(Mode::Summary, 2);
        let before = state.clone();
        state.toggle_section(7);
        assert_eq!(state, before);
    }

    #[test]
    fn expand_all_opens_every_section_and_then_collapses_them() {
        let mut state = State::new(Mode::Full, 3);
        state.toggle_section(1);
        state.toggle_all();
        assert!(state.all_open());
        state.toggle_all();
        assert_eq!(state.open_sections().count(), 0);
    }

    #[test]
    fn a_stored_state_reads_back_as_written() {
        let mut state = State::new(Mode::Full, 4);
        state.toggle_section(2);
        state.toggle_summary();
        assert_eq!(state.encode(), "rw1f01101");
        assert_eq!(State::decode(&state.encode(), 4), Some(state));
    }

    #[test]
    fn broken_or_foreign_stored_values_are_ignored() {
        for stored in [
            "",
            "rw1",
            "rw1f",
            "rw1f1110",
            "rw1f111011",
            "rw1w11101",
            "rw1f21101",
            "rw1f111x1",
            "rw0f11101",
            "rw1|full|open|1101",
            "{\"mode\":\"full\"}",
        ] {
            assert_eq!(State::decode(stored, 4), None, "{stored:?}");
        }
    }

    #[test]
    fn the_summary_box_folds_independently() {
        let mut state = State::new(Mode::Full, 2);
        state.toggle_summary();
        assert!(!state.summary_open);
        assert_eq!(state.mode, Mode::Full);
    }
}
