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

pub(crate) use build::{build, Built};
pub(crate) use events::{console_error, console_warn, tell_host};
pub(crate) use focus::{focus, keep_in_view, scroll_to_top};
pub(crate) use host::{prerendered, Host, Prerendered};
pub(crate) use hydrate::{claim, served, shown_mode};
pub(crate) use listener::{live_listeners, Listener};
pub(crate) use location::{location_fragment, location_path, text_fragments};
pub(crate) use sheet::STYLES;
pub(crate) use storage::{store, stored};
pub(crate) use target::{find_target, ids_in_use};
