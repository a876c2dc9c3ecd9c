//! One mounted widget: its article, its state, the nodes it built or took over
//! (`takeover.rs`) and the listeners it owns. Dropping a `Widget` removes its listeners, puts
//! taken-over markup back as the page had it and, through `dom::Host`, leaves the host as it
//! was found.

mod takeover;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsValue;

use crate::article::Compiled;
use crate::controller;
use crate::dom::{self, Built, Element, Event, EventTarget, Host, Listener, Window};
use crate::fill::Fill;
use crate::fragment;
use crate::labels::{Label, Labels};
use crate::outbound::{self, Cause, Change, StateInfo};
use crate::part::{Part, Phase};
use crate::registry;
use crate::state::{Action, Mode, State};
use crate::view::IdPrefix;
use reading_widget_view::BUILD;

/// How a widget is set up, beyond its article.
pub(crate) struct Setup {
    pub(crate) mode: Mode,
    pub(crate) labels: Labels,
    /// Remember the reader's mode and open sections for this tab (sessionStorage).
    pub(crate) persist: bool,
    /// Render into a shadow root (the default), out of reach of the page's CSS.
    pub(crate) shadow: bool,
}

pub(crate) struct Widget {
    shared: Rc<Shared>,
    /// Held for their `Drop`: clicks, keys and `beforematch` on the root, `hashchange` on the
    /// window. Taken (and so removed) by `tear_down`.
    listeners: RefCell<Option<[Listener; 4]>>,
}

/// What the widget and its listeners share. Listeners hold it weakly, so dropping the widget
/// frees it even while a closure object is still alive in JS.
struct Shared {
    article: &'static Compiled,
    state: RefCell<State>,
    built: Built,
    host: Host,
    window: Window,
    labels: Labels,
    /// The live region that announces mode changes.
    /// For a widget taken over from pre-rendered markup: the state that markup showed, put
    /// back (static, with its native disclosure) when the widget goes; taken when it is.
    found_static: RefCell<Option<State>>,
    /// The mode the reader chose on the pre-rendered page before the module came, applied
    /// once mounting is done.
    chosen_before: Option<Mode>,
    /// Where the state is kept for the tab, if persistence is on.
    storage_key: Option<String>,
    /// When the state came from storage: the state the options alone would have given, so
    /// the first event can say what the restore changed.
    restored_over: Option<State>,
    /// False once `tear_down` has run: nothing more happens on the page for this widget.
    alive: Cell<bool>,
}

impl Widget {
    pub(crate) fn mount(
        host: &Element,
        article: &'static Compiled,
        setup: Setup,
        ids: IdPrefix,
    ) -> Result<Widget, JsValue> {
        let (document, window) = dom::page_of(host)?;
        // The host's id, when it has one, keeps two widgets of one article on a page apart.
        let storage_key = setup.persist.then(|| {
            let host_id = dom::id_of(host);
            let separator = if host_id.is_empty() { "" } else { "#" };
            ["reading-widget:", &dom::location_path(&window), ":", article.slug, separator, &host_id].concat()
        });
        let sections = article.sections.len();
        let initial = State::new(setup.mode, sections);
        let stored = storage_key
            .as_deref()
            .and_then(|key| dom::stored(&window, key))
            .and_then(|stored| State::decode(&stored, sections));
        let (state, restored_over) = match stored {
            Some(stored) if stored != initial => (stored, Some(initial)),
            _ => (initial, None),
        };

        let found = dom::prerendered(host);
        let claimed =
            found.as_ref().and_then(|found| Some((found, takeover::claim(host, found, article, &setup)?)));
        let (built, host, found_static, chosen_before) = match claimed {
            Some((found, claimed)) => {
                (claimed.built, Host::adopt(host, found)?, Some(claimed.found), claimed.chosen)
            }
            None => {
                let fill = Fill { ids: &ids.0, labels: &setup.labels, parts: setup.shadow, build: BUILD };
                let built = dom::build(&document, article.template, &fill, &state, Phase::Live)?;
                let host =
                    Host::take_over(host, vec![built.root.clone().into()], setup.shadow, found.as_ref())?;
                (built, host, None, None)
            }
        };
        let shared = Rc::new(Shared {
            article,
            state: RefCell::new(state),
            built,
            host,
            window,
            labels: setup.labels,
            found_static: RefCell::new(found_static),
            chosen_before,
            storage_key,
            restored_over,
            alive: Cell::new(true),
        });

        let root: &EventTarget = shared.built.root.as_ref();
        let listeners = [
            // One delegated listener for every button: fewer closures, a smaller module.
            listen(&shared, root, "click", false, Shared::on_click)?,
            listen(&shared, root, "keydown", false, Shared::on_keydown)?,
            // Capture: the event is fired at the hidden element itself.
            listen(&shared, root, "beforematch", true, Shared::on_beforematch)?,
            listen(&shared, shared.window.as_ref(), "hashchange", false, Shared::on_hashchange)?,
        ];
        // Taken over: flipped as a toggle would, once the listeners are there, so the controls
        // never show without them. If the page refuses a flip, dropping `shared` puts the
        // markup back: never half-adopted.
        if shared.found_static.try_borrow().is_ok_and(|found| found.is_some()) {
            shared.go_live()?;
        }
        Ok(Widget { shared, listeners: RefCell::new(Some(listeners)) })
    }

    /// Takes the widget off the page now: its listeners, its nodes and its stylesheet, and
    /// the host's own rendering back. `destroy()` calls it even while a call on this widget
    /// is still running (a host's event listener destroying it), so the host is free for a
    /// new widget at once; what is left of that call changes nothing on the page.
    pub(crate) fn tear_down(&self) {
        self.shared.alive.set(false);
        if let Ok(mut listeners) = self.listeners.try_borrow_mut() {
            drop(listeners.take());
        }
        self.shared.give_back();
        self.shared.host.restore();
    }

    /// What follows mounting, once the handle is registered (so the host's event listeners
    /// can already use `ReadingWidget.get`): the change the stored state made, the URL's
    /// section and text fragments, and then `readingwidget:ready`.
    /// A listener may destroy the widget at any of these steps; the rest are then skipped.
    pub(crate) fn start(&self) {
        let shared = &self.shared;
        if let Some(initial) = &shared.restored_over {
            if let Ok(state) = shared.state.try_borrow().map(|state| state.clone()) {
                shared.tell_change(initial, &state, Cause::Restore);
            }
        }
        if shared.alive.get() {
            shared.follow_hash();
        }
        if shared.alive.get() {
            shared.follow_text_fragments();
        }
        // Last: the reader's own choice on the pre-rendered page is the most recent one.
        if let (true, Some(mode)) = (shared.alive.get(), shared.chosen_before) {
            report(shared.update(Cause::User, Action::Show(mode)));
        }
        if let (true, Ok(state)) = (shared.alive.get(), self.state_object()) {
            dom::tell_host(shared.host.element(), "readingwidget:ready", &state);
        }
    }

    pub(crate) fn host(&self) -> &Element {
        self.shared.host.element()
    }

    /// Whether the host is still in the document; see `Shared::connected`.
    pub(crate) fn connected(&self) -> bool {
        self.shared.connected()
    }

    pub(crate) fn article(&self) -> &'static Compiled {
        self.shared.article
    }

    /// Applies a change the host asked for and flips the attributes that follow it.
    pub(crate) fn update(&self, action: Action) -> Result<(), JsValue> {
        self.shared.update(Cause::Api, action)
    }

    /// `{ article, mode, expanded }` as a plain JS object.
    pub(crate) fn state_object(&self) -> Result<JsValue, JsValue> {
        let state = self.shared.state.try_borrow().map_err(|_| busy())?;
        outbound::to_js(&StateInfo::of(self.shared.article, &state))
    }
}

/// A listener whose handler gets the widget's shared part, for as long as it lives.
fn listen(
    shared: &Rc<Shared>,
    target: &EventTarget,
    kind: &'static str,
    capture: bool,
    // A plain fn, not a generic closure: one closure type for every listener keeps the module
    // smaller.
    handler: fn(&Shared, &Event),
) -> Result<Listener, JsValue> {
    let weak: Weak<Shared> = Rc::downgrade(shared);
    Listener::new(target, kind, capture, move |event| {
        if let Some(shared) = weak.upgrade() {
            handler(&shared, &event);
        }
    })
}

impl Shared {
    /// Takes over the claimed markup: the controls appear and the state is applied, and focus
    /// left on the static disclosure moves to the mode button in its place.
    fn go_live(&self) -> Result<(), JsValue> {
        let state = self.state.try_borrow().map_err(|_| busy())?.clone();
        self.built.apply(&state, Phase::Live)?;
        self.rescue_focus();
        Ok(())
    }

    /// Taken-over markup is the reader's article: it goes back to how the page had it (the
    /// static markup, its disclosure as the reader left it), once.
    fn give_back(&self) {
        let found = self.found_static.try_borrow_mut().ok().and_then(|mut found| found.take());
        if let Some(found) = found {
            let _ = self.built.apply(&found, Phase::Static);
            self.built.set_text(Part::Status, None);
            self.rescue_focus();
        }
    }

    /// A host that a framework took out of the document without `destroy()` is gone for the
    /// reader: its widget changes nothing, stores nothing and tells nothing from then on.
    fn connected(&self) -> bool {
        self.host.connected()
    }

    fn update(&self, cause: Cause, action: Action) -> Result<(), JsValue> {
        if !self.alive.get() || !self.connected() {
            return Ok(());
        }
        // The borrow ends before anything is told, so a listener may call back in.
        let (before, after) = {
            let mut state = self.state.try_borrow_mut().map_err(|_| busy())?;
            let before = state.clone();
            state.apply(action);
            (before, state.clone())
        };
        if before == after {
            return Ok(());
        }
        self.built.change(&before, &after)?;
        if before.mode != after.mode {
            self.announce(after.mode);
            if after.mode == Mode::Summary {
                // The full text just folded up under the control; bring the control back into
                // view rather than leave the reader wherever the shorter page puts them.
                if let Some(control) = self.built.element(Part::ModeButton) {
                    dom::keep_in_view(control);
                }
            }
        }
        self.rescue_focus();
        if let Some(key) = &self.storage_key {
            dom::store(&self.window, key, &after.encode());
        }
        self.tell_change(&before, &after, cause);
        Ok(())
    }

    /// `readingwidget:change` for the host, when the mode or a section changed (folding the
    /// summary list alone is not news to the host).
    fn tell_change(&self, before: &State, after: &State, cause: Cause) {
        if before.mode == after.mode && before.sections_open == after.sections_open {
            return;
        }
        if let Ok(detail) = outbound::to_js(&Change::new(self.article, before, after, cause)) {
            dom::tell_host(self.host.element(), "readingwidget:change", &detail);
        }
    }

    /// Says the new mode through the polite live region.
    fn announce(&self, mode: Mode) {
        let message = match mode {
            Mode::Full => self.labels.count(Label::FullShown, self.article.sections.len()),
            Mode::Summary => self.labels.get(Label::SummaryShown).to_owned(),
        };
        self.built.set_text(Part::Status, Some(&message));
    }

    /// If focus was inside something that just got hidden, it moves to the button that hid
    /// it, so a keyboard user is never dropped back at the top of the page.
    fn rescue_focus(&self) {
        let owner = self
            .host
            .active_element()
            .and_then(|active| self.built.hiding(&active))
            .and_then(controller::owner)
            .and_then(|owner| self.built.element(owner));
        if let Some(owner) = owner {
            dom::focus(owner);
        }
    }

    /// Acts on the part that was clicked: the first, from the clicked element up to the root,
    /// that the controller has an action for. A widget mounted inside this one's content has
    /// its own parts, which are not ours, so its buttons are left to it.
    fn on_click(&self, event: &Event) {
        if let Some(action) = self.built.up_from(event, controller::click) {
            report(self.update(Cause::User, action));
        }
    }

    /// Arrow keys, Home and End between the section buttons.
    fn on_keydown(&self, event: &Event) {
        let key = dom::pressed_key(event);
        let next = self
            .built
            .target_part(event)
            .and_then(|part| controller::key(part, &key, self.article.sections.len()))
            .and_then(|next| self.built.element(next));
        if let Some(button) = next {
            dom::prevent_default(event);
            dom::focus(button);
        }
    }

    /// The browser is about to reveal folded text for find-in-page or a text fragment. It
    /// removes `hidden` itself; the state follows, so the buttons say what is shown.
    fn on_beforematch(&self, event: &Event) {
        let action = self.built.target_part(event).and_then(controller::reveal);
        if let Some(action) = action {
            report(self.update(Cause::Find, action));
        }
    }

    /// Every widget's window listener hears the page's navigation, those whose host was taken
    /// out of the document too: the first of them to hear it lets go of them all (itself
    /// included), so they follow no hash and are freed. Only here and at mount: a moved custom
    /// element, out for a moment within one task, hears no hash change meanwhile.
    fn on_hashchange(&self, _: &Event) {
        if self.connected() {
            self.follow_hash();
        } else {
            registry::sweep();
        }
    }

    /// `#section-id` in the URL opens the full text and that section, and scrolls to it.
    fn follow_hash(&self) {
        let Some(index) = dom::location_fragment(&self.window).and_then(|id| self.article.section_index(&id))
        else {
            return;
        };
        report(self.update(Cause::Hash, Action::SetSection(index, true)));
        self.scroll_to_section(index);
    }

    fn scroll_to_section(&self, index: usize) {
        if let Some(section) = self.built.element(Part::Section(index)) {
            dom::scroll_to_top(section);
        }
    }
}

impl Shared {
    /// A `#:~:text=` link into folded text opens its section, in case the browser gave up
    /// looking before the widget was there (when it did not, this changes nothing it would
    /// not have).
    fn follow_text_fragments(&self) {
        for text in dom::text_fragments(&self.window) {
            let found = (0..self.article.sections.len()).find(|&i| {
                let panel = self.built.text(Part::SectionPanel(i));
                panel.is_some_and(|panel| fragment::contains_text(&panel, &text))
            });
            if let Some(index) = found {
                report(self.update(Cause::Find, Action::SetSection(index, true)));
                self.scroll_to_section(index);
            }
        }
    }
}

/// However the widget goes (`destroy()`, a mount that failed half-way), taken-over markup goes
/// back to the reader first; then `Host`'s own drop hands the host back.
impl Drop for Shared {
    fn drop(&mut self) {
        self.give_back();
    }
}

/// Handlers have no caller to return an error to; the console is where a developer looks.
fn report(result: Result<(), JsValue>) {
    if let Err(error) = result {
        dom::console_error(&error, &JsValue::UNDEFINED);
    }
}

fn busy() -> JsValue {
    JsValue::from_str("the widget is busy with another change; try again after it returns")
}
