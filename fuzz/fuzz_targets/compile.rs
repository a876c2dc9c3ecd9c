//! The content compiler on any bytes, as build.rs runs it (the same crates): it never panics,
//! every error points inside the file, and an article that compiles is rendered by the view and
//! written by the HTML backend with all of its text, escaped; its template, filled in as the
//! module fills it, writes the same markup.
#![no_main]

use content::{Block, Inline};
use libfuzzer_sys::fuzz_target;
use reading_widget_view::{fill, html, labels, part, state, template, view};

const PATH: &str = "content/fuzz.md";

fuzz_target!(|data: &[u8]| {
    // build.rs reads a file with `read_to_string`, which refuses invalid UTF-8 with an error of
    // its own; the lossy text still lets the fuzzer's byte mutations reach the compiler.
    let text = String::from_utf8_lossy(data);
    match content::compile(PATH, &text) {
        Err(diagnostics) => errors_point_inside(&text, &diagnostics),
        Ok(article) => renders_every_text_escaped(article),
    }
});

/// Each error's line is one of the file's, and its column one of that line's characters or the
/// place just after its last (where a missing thing would go).
fn errors_point_inside(text: &str, diagnostics: &[content::Diagnostic]) {
    assert!(!diagnostics.is_empty(), "a failed compile says why");
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in diagnostics {
        assert_eq!(diagnostic.path, PATH);
        assert!(!diagnostic.message.is_empty());
        let Some(line) = diagnostic.line.checked_sub(1).and_then(|index| lines.get(index)) else {
            panic!("{diagnostic}: line outside the file's {} lines", lines.len());
        };
        let columns = line.chars().count() + 1;
        assert!(
            (1..=columns).contains(&diagnostic.column),
            "{diagnostic}: column outside the line's {columns}"
        );
    }
}

/// The article through the view in both modes and phases, as build.rs and the pre-renderer
/// run it, written as HTML: every text of the article is in the output, escaped.
fn renders_every_text_escaped(model: content::Article) {
    // Section ids are what `#id` links and `expandSection` name: letters and digits (any
    // script) and '-', never empty, never two alike.
    for (index, section) in model.sections.iter().enumerate() {
        let id = section.id.as_str();
        assert!(!id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-'), "section id {id:?}");
        assert!(!model.sections[..index].iter().any(|earlier| earlier.id == id), "two sections are {id:?}");
    }
    let date_text = model.date_text();
    let mut texts: Vec<&str> = vec![
        &model.title,
        &model.dek,
        &model.author_name,
        &model.author_bio,
        &date_text,
        &model.image_caption,
        &model.image_credit,
    ];
    texts.extend(model.tags.iter().map(String::as_str));
    texts.extend(model.sections.iter().map(|section| section.heading.as_str()));
    for bullet in &model.summary {
        inline_texts(bullet, &mut texts);
    }
    for section in &model.sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph(inlines) => inline_texts(inlines, &mut texts),
                Block::List { items, .. } => items.iter().for_each(|item| inline_texts(item, &mut texts)),
            }
        }
    }
    let labels = labels::Labels::default();
    for (phase, shadow) in [(part::Phase::Static, true), (part::Phase::Live, false)] {
        let fill = fill::Fill { ids: "rw1-", labels: &labels, parts: shadow, build: "b" };
        for mode in [state::Mode::Summary, state::Mode::Full] {
            let cx = view::Context { article: &model, phase };
            let state = state::State::new(mode, model.sections.len());
            let node = view::article(&cx, &state);
            // In a shadow root (with part names) and in the light DOM (without), one phase each.
            let written = html::render(&node, &fill);
            for text in &texts {
                // The view may write adjacent texts as one; each is still whole in the output.
                let mut escaped = String::new();
                html::escape(text, false, &mut escaped);
                assert!(written.contains(&escaped), "{text:?} is not in the output, escaped as {escaped:?}");
            }
            // Every `<` in the output opens one of the view's own tags or a comment: none comes
            // from the article's text.
            for (at, _) in written.match_indices('<') {
                let next = written[at + 1..].chars().next();
                assert!(matches!(next, Some('a'..='z' | '/' | '!')), "a stray '<' at byte {at}: {written}");
            }
            // The module's way to the same markup: the template, its holes filled in the page.
            let mut template = Vec::new();
            template::write(&node, &mut template);
            let (from_template, _) = template::html(&template, &fill, &state, phase);
            assert_eq!(from_template, written, "the template's markup is not the view's");
        }
    }
}

fn inline_texts<'a>(inlines: &'a [Inline], out: &mut Vec<&'a str>) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push(text),
            Inline::Emphasis(children) | Inline::Strong(children) => inline_texts(children, out),
            Inline::Link { children, .. } => inline_texts(children, out),
        }
    }
}
