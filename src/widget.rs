//! One mounted widget: its article, its state, the nodes it built and the listener it owns.
//! Dropping a `Widget` takes it out of the page and leaves the host as it was found.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event};

use crate::article::Article;
use crate::dom::{self, Built, Host, Listener};
use crate::state::{Mode, State};
use crate::view::{self, IdPrefix, ENGLISH};

pub(crate) struct Widget {
    shared: Rc<Shared>,
    /// Held for its `Drop`: the delegated click listener on the widget root.
    _click: Listener,
}

/// What the widget and its click listener share. The listener holds it weakly, so dropping
/// the widget frees it even while the closure object is still alive in JS.
struct Shared {
    article: &'static Article,
    state: RefCell<State>,
    built: Built,
    host: Host,
}

/// What `state()` returns to JavaScript.
#[derive(Serialize)]
pub(crate) struct Snapshot {
    article: &'static str,
    mode: &'static str,
    expanded: Vec<&'static str>,
}

impl Widget {
    pub(crate) fn mount(
        host: &Element,
        article: &'static Article,
        mode: Mode,
        ids: IdPrefix,
    ) -> Result<Widget, JsValue> {
        let document = host
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the target element is not in a document"))?;
        let state = State::new(mode, article.sections.len());
        let built = dom::build(&document, &view::article(article, &state, &ENGLISH, &ids))?;
        let style = dom::stylesheet(&document)?;
        let host = Host::take_over(host, vec![style.into(), built.root.clone().into()])?;
        let shared = Rc::new(Shared {
            article,
            state: RefCell::new(state),
            built,
            host,
        });

        let weak: Weak<Shared> = Rc::downgrade(&shared);
        // One delegated listener for every button: fewer closures, a smaller module.
        let click = Listener::new(&shared.built.root, "click", move |event| {
            if let Some(shared) = weak.upgrade() {
                shared.on_click(&event);
            }
        })?;
        Ok(Widget {
            shared,
            _click: click,
        })
    }

    pub(crate) fn host(&self) -> &Element {
        self.shared.host.element()
    }

    pub(crate) fn article(&self) -> &'static Article {
        self.shared.article
    }

    /// Applies a state change and flips the attributes that follow it.
    pub(crate) fn update(&self, change: impl FnOnce(&mut State)) -> Result<(), JsValue> {
        self.shared.update(change)
    }

    pub(crate) fn snapshot(&self) -> Result<Snapshot, JsValue> {
        let state = self.shared.state.try_borrow().map_err(|_| busy())?;
        let sections = self.shared.article.sections;
        Ok(Snapshot {
            article: self.shared.article.slug,
            mode: state.mode.as_str(),
            expanded: state
                .open_sections()
                .filter_map(|i| sections.get(i).map(|s| s.id))
                .collect(),
        })
    }
}

impl Shared {
    fn update(&self, change: impl FnOnce(&mut State)) -> Result<(), JsValue> {
        let mut state = self.state.try_borrow_mut().map_err(|_| busy())?;
        change(&mut state);
        self.built.apply(&state)
    }

    /// Finds the button that was clicked by its `data-rw-action`, and acts on it.
    fn on_click(&self, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("[data-rw-action]") else {
            return;
        };
        let section = button
            .get_attribute("data-rw-section")
            .and_then(|id| self.article.section_index(&id));
        let result = match (button.get_attribute("data-rw-action").as_deref(), section) {
            (Some("mode"), _) => self.update(State::toggle_mode),
            (Some("summary"), _) => self.update(State::toggle_summary),
            (Some("section"), Some(index)) => self.update(|state| state.toggle_section(index)),
            _ => Ok(()),
        };
        if let Err(error) = result {
            web_sys::console::error_1(&error);
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        if let Err(error) = self.shared.host.restore() {
            web_sys::console::error_1(&error);
        }
    }
}

fn busy() -> JsValue {
    JsValue::from_str("the widget is busy with another change; try again after it returns")
}
