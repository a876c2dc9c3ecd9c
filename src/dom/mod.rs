//! The one place that talks to web-sys, one file per job: building the view into nodes
//! (`build`), taking over pre-rendered nodes (`hydrate`), the host and its shadow root
//! (`host`), the stylesheet (`sheet`), listeners (`listener`), events and the console
//! (`events`), focus and scrolling (`focus`), finding elements (`target`), the URL
//! (`location`) and the tab's storage (`storage`).

mod build;
mod events;
mod focus;
mod host;
mod hydrate;
mod listener;
mod location;
mod sheet;
mod storage;
mod target;

// The handles the rest of the widget holds and hands back to this module, which alone calls
// their methods: outside `dom/`, no file names web-sys (a test below checks it).
pub(crate) use web_sys::{Element, Event, EventTarget, Window};

pub(crate) use build::{build, Built};
pub(crate) use events::{console_error, console_warn, pressed_key, prevent_default, tell_host};
pub(crate) use focus::{focus, keep_in_view, scroll_to_top};
pub(crate) use host::{page_of, prerendered, Host, Prerendered};
pub(crate) use hydrate::{claim, served, shown_mode};
pub(crate) use listener::{live_listeners, Listener};
pub(crate) use location::{location_fragment, location_path, text_fragments};
pub(crate) use storage::{store, stored};
pub(crate) use target::{find_target, id_of, ids_in_use};

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every `.rs` file under `folder`, with its text.
    fn sources(folder: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(folder) else { panic!("{folder:?} cannot be read") };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
    }

    #[test]
    fn web_sys_is_named_in_dom_alone() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        assert!(files.len() > 10, "the widget's sources: {}", files.len());
        let dom = src.join("dom").display().to_string();
        let outside: Vec<&str> = files
            .iter()
            .filter(|(path, text)| !path.starts_with(&dom) && text.contains("web_sys"))
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(outside.is_empty(), "web_sys named outside src/dom/: {outside:?}");
    }
}
