//! Whether, and how, a widget takes over the pre-rendered markup on its host: the host must
//! have asked for what the page holds, and the markup must be what this module renders
//! (`dom/hydrate.rs`). Otherwise the widget renders afresh, with one console
//! warning when the markup, not the host's options, is the reason.

use wasm_bindgen::JsValue;

use super::Setup;
use crate::article::Compiled;
use crate::dom::{self, Built, Element, Prerendered};
use crate::fill::Fill;
use crate::state::{Mode, State};
use reading_widget_view::BUILD;

/// Pre-rendered markup, claimed.
pub(super) struct Claimed {
    pub(super) built: Built,
    /// The markup as found (static, in the mode its disclosure shows): what `destroy()` puts
    /// back.
    pub(super) found: State,
    /// The mode the reader chose on the static page before the module came (opening or
    /// closing its disclosure, or find-in-page opening it), when it is not the mode the page
    /// was served in.
    pub(super) chosen: Option<Mode>,
}

/// The pre-rendered widget `found` on `host`, claimed; or nothing, when the host asked for
/// something else (another placement, other labels, another article: no warning, a fresh render) or the markup
/// is not what this module renders (one console warning naming the reason, a fresh render).
pub(super) fn claim(
    host: &Element,
    found: &Prerendered,
    article: &'static Compiled,
    setup: &Setup,
) -> Option<Claimed> {
    // The markup names its article; a host that asks for another one (options naming another,
    // an element whose `article` changed) is given that one, rendered afresh, with no warning:
    // the markup is not at fault.
    let other_article = found.article().is_some_and(|slug| slug != article.slug);
    if found.shadow.is_some() != setup.shadow || !setup.labels.is_default() || other_article {
        return None;
    }
    match claim_markup(found, article, setup) {
        Ok(claimed) => Some(claimed),
        Err(reason) => {
            let message = [
                "reading-widget: the pre-rendered article does not match this module, so it is rendered afresh: ",
                &reason,
                ". Pre-render the page again with this build (make dist).",
            ]
            .concat();
            dom::console_warn(&JsValue::from_str(&message), host);
            None
        }
    }
}

fn claim_markup(found: &Prerendered, article: &'static Compiled, setup: &Setup) -> Result<Claimed, String> {
    let served = dom::served(&found.root);
    if served.build.is_empty() {
        return Err("its root carries no data-rw-build attribute".to_owned());
    }
    if served.build != BUILD {
        return Err([
            "it was pre-rendered by another build (",
            &served.build,
            "; this module is ",
            BUILD,
            ")",
        ]
        .concat());
    }
    let ids = served.ids.ok_or("its root is not labelled by its headline")?;
    let sections = article.sections.len();
    let served_mode = served.mode.unwrap_or(setup.mode);
    let fill = Fill { ids: &ids.0, labels: &setup.labels, parts: setup.shadow, build: BUILD };
    let built = dom::claim(&found.root, article.template, &fill, &State::new(served_mode, sections))?;
    let shown = dom::shown_mode(&built);
    Ok(Claimed { built, found: State::new(shown, sections), chosen: (shown != served_mode).then_some(shown) })
}
