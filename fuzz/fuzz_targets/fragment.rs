//! The text-fragment parser (`crates/view/src/fragment.rs`) on any URL, as the widget reads the page's own
//! (`#:~:text=…`, any length, any encoding, valid or not): it never panics, every start it
//! finds is a piece of the URL's directives, and the case-blind match agrees with a plain one.
#![no_main]

use reading_widget_view::fragment;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first half is the URL, the rest a text to look for in it (a panel's text).
    let split = text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(at, _)| at);
    let (url, needle) = text.split_at(split);

    let starts = fragment::text_starts(url);
    let directives = url.find(":~:").map(|at| &url[at + 3..]);
    assert!(starts.is_empty() || directives.is_some(), "starts without a :~: in {url:?}");
    for start in &starts {
        assert!(
            !start.is_empty() && directives.is_some_and(|d| d.contains(start)),
            "{start:?} is not in {url:?}"
        );
        assert!(!start.starts_with('-') && !start.ends_with('-') && !start.contains(['&', ',']));
    }

    let expected = !needle.is_empty() && url.to_ascii_lowercase().contains(&needle.to_ascii_lowercase());
    assert_eq!(fragment::contains_text(url, needle), expected, "{needle:?} in {url:?}");
});
