//! Text fragments (`#:~:text=…`) read from the page's own URL, for when the widget mounts
//! after the browser has stopped looking for the text (Chromium looks until about 0.5 s after
//! the load event; on a slow connection the module arrives later). Pure, so tested natively.

/// The start text of each `text=` directive in `url`, still percent-encoded:
/// `#:~:text=Park%20Sun%2Dwon` gives `Park%20Sun%2Dwon`; `text=prefix-,start,end,-suffix`
/// gives `start`.
pub fn text_starts(url: &str) -> Vec<&str> {
    // A byte search, not `split_once(":~:")`: see `contains_text`.
    let at = url.as_bytes().windows(3).position(|window| window == b":~:");
    let Some(directives) = at.and_then(|at| url.get(at + 3..)) else { return Vec::new() };
    pieces(directives, b'&')
        .filter_map(|directive| directive.strip_prefix("text="))
        .filter_map(|text| pieces(text, b',').find(|part| !part.ends_with('-') && !part.starts_with('-')))
        .filter(|start| !start.is_empty())
        .collect()
}

/// `text` cut at each `separator` byte, an ASCII character, so every piece is whole UTF-8 (in
/// place of `str::split`, whose pattern machinery is most of a kilobyte of module).
fn pieces(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|byte| byte == separator) {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => rest.take(),
        }
    })
}

/// Whether `needle` occurs in `haystack`, ignoring ASCII case as text fragments do (a byte
/// scan: `str::contains` brings a substring searcher and its panicking code into the module).
pub fn contains_text(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    !needle.is_empty()
        && haystack.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_start_of_each_text_directive() {
        assert_eq!(text_starts("https://x/a#:~:text=Park%20Sun%2Dwon"), ["Park%20Sun%2Dwon"]);
        assert_eq!(
            text_starts("https://x/a#intro:~:text=in%20June-,Moscow,pact,-.&text=Seoul"),
            ["Moscow", "Seoul"]
        );
        assert_eq!(text_starts("https://x/a#the-dead-and-the-deserters"), Vec::<&str>::new());
        assert_eq!(text_starts("https://x/a#:~:text="), Vec::<&str>::new());
    }

    #[test]
    fn pieces_are_cut_at_every_separator_like_split() {
        for text in ["a&b", "&a&&b&", "", "전&체", "no separator"] {
            assert_eq!(pieces(text, b'&').collect::<Vec<_>>(), text.split('&').collect::<Vec<_>>(), "{text}");
        }
    }

    #[test]
    fn takes_any_url_whole_even_huge_or_badly_encoded() {
        // A 100 KB directive is returned whole, still encoded; decoding it is the browser's.
        let huge = ["https://x/a#:~:text=", &"%E2%80%9C".repeat(100_000 / 9)].concat();
        assert_eq!(text_starts(&huge).first().map(|start| start.len()), Some(huge.len() - 20));
        for url in ["#:~:text=%ZZ%", "#:~:", ":~:", "#:~:text=-,", "#:~:&&text=,,-", "전체#:~:text=전"] {
            assert!(text_starts(url).iter().all(|start| url.contains(start) && !start.is_empty()), "{url}");
        }
    }

    #[test]
    fn matches_text_ignoring_ascii_case() {
        assert!(contains_text("Park Sun-won, a member", "park sun-won"));
        assert!(!contains_text("Park Sun-won", "Kim"));
        assert!(!contains_text("Park", ""));
    }
}
