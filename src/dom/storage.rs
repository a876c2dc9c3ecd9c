//! Remembering the reader's state for the tab, in sessionStorage.

use web_sys::Window;

/// A value from sessionStorage. Storage can be missing or refuse (sandboxed frames, privacy
/// modes); that is simply nothing stored.
pub(crate) fn stored(window: &Window, key: &str) -> Option<String> {
    window.session_storage().ok().flatten()?.get_item(key).ok().flatten()
}

/// Stores a value in sessionStorage, quietly doing nothing where storage refuses.
pub(crate) fn store(window: &Window, key: &str, value: &str) {
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.set_item(key, value);
    }
}
