//! The controller: what an event on a part of the widget asks for. Pure functions of parts,
//! keys and counts, so `cargo test` covers every rule; `widget.rs` performs what they decide.

use crate::part::Part;
use crate::state::{Action, Mode};

/// What a click on `part` asks for. A click lands on the innermost element; the widget asks
/// for each part from there up to its root and acts on the first answer, so a click on a
/// button's label is the button's.
pub fn click(part: Part) -> Option<Action> {
    match part {
        Part::ModeButton => Some(Action::ToggleMode),
        Part::SummaryButton => Some(Action::ToggleSummary),
        Part::AllButton => Some(Action::ToggleAll),
        Part::SectionButton(index) => Some(Action::ToggleSection(index)),
        _ => None,
    }
}

/// The section button a key moves focus to from `part`, among `sections` sections: Down and
/// Up move between section headers (wrapping), Home and End go to the first and last
/// (WAI-ARIA APG accordion). Enter and Space are the buttons' own.
pub fn key(part: Part, key: &str, sections: usize) -> Option<Part> {
    let (Part::SectionButton(index), Some(last)) = (part, sections.checked_sub(1)) else {
        return None;
    };
    let next = match key {
        "ArrowDown" if index >= last => 0,
        "ArrowDown" => index + 1,
        "ArrowUp" if index == 0 => last,
        "ArrowUp" => index - 1,
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    Some(Part::SectionButton(next))
}

/// What the browser's reveal of folded `part` (find-in-page, a text fragment: `beforematch`)
/// means for the state: the buttons must then say what is shown.
pub fn reveal(part: Part) -> Option<Action> {
    match part {
        Part::FullText => Some(Action::Show(Mode::Full)),
        Part::SummaryList => Some(Action::OpenSummary),
        Part::SectionPanel(index) => Some(Action::SetSection(index, true)),
        _ => None,
    }
}

/// The button that folds `part`, or stands in its place: where focus goes when it was inside
/// `part` as that was hidden (a fold, the take-over hiding the static disclosure, `destroy()`
/// hiding the mode button), so a keyboard user is never dropped back at the top of the page.
pub fn owner(part: Part) -> Option<Part> {
    match part {
        Part::FullText => Some(Part::ModeButton),
        Part::SummaryList => Some(Part::SummaryButton),
        Part::SectionPanel(index) => Some(Part::SectionButton(index)),
        // The static page's disclosure and the mode button stand in each other's place.
        Part::FullSummary => Some(Part::ModeButton),
        Part::ModeButton => Some(Part::FullSummary),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_act_and_their_labels_do_not() {
        assert_eq!(click(Part::ModeButton), Some(Action::ToggleMode));
        assert_eq!(click(Part::SummaryButton), Some(Action::ToggleSummary));
        assert_eq!(click(Part::AllButton), Some(Action::ToggleAll));
        assert_eq!(click(Part::SectionButton(2)), Some(Action::ToggleSection(2)));
        for inert in [Part::AllLabel(true), Part::SectionPanel(0), Part::Tools, Part::Root] {
            assert_eq!(click(inert), None, "{inert:?}");
        }
    }

    #[test]
    fn arrows_wrap_and_home_end_jump_between_section_buttons() {
        let button = Part::SectionButton;
        assert_eq!(key(button(0), "ArrowDown", 4), Some(button(1)));
        assert_eq!(key(button(3), "ArrowDown", 4), Some(button(0)));
        assert_eq!(key(button(0), "ArrowUp", 4), Some(button(3)));
        assert_eq!(key(button(2), "ArrowUp", 4), Some(button(1)));
        assert_eq!(key(button(2), "Home", 4), Some(button(0)));
        assert_eq!(key(button(1), "End", 4), Some(button(3)));
        assert_eq!(key(button(1), "Enter", 4), None);
        assert_eq!(key(Part::ModeButton, "ArrowDown", 4), None);
        assert_eq!(key(button(0), "ArrowDown", 0), None);
    }

    #[test]
    fn a_reveal_opens_what_holds_the_match() {
        assert_eq!(reveal(Part::FullText), Some(Action::Show(Mode::Full)));
        assert_eq!(reveal(Part::SummaryList), Some(Action::OpenSummary));
        assert_eq!(reveal(Part::SectionPanel(1)), Some(Action::SetSection(1, true)));
        assert_eq!(reveal(Part::SectionButton(1)), None);
    }

    #[test]
    fn focus_goes_to_the_button_that_folded_it() {
        assert_eq!(owner(Part::FullText), Some(Part::ModeButton));
        assert_eq!(owner(Part::SummaryList), Some(Part::SummaryButton));
        assert_eq!(owner(Part::SectionPanel(3)), Some(Part::SectionButton(3)));
        assert_eq!(owner(Part::FullSummary), Some(Part::ModeButton));
        assert_eq!(owner(Part::ModeButton), Some(Part::FullSummary));
        assert_eq!(owner(Part::Root), None);
    }
}
