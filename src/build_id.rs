//! What `part::BUILD_ATTR` holds for this build: a hash, written by build.rs, of what shapes the
//! markup (the view's code, without comments). The templates build.rs writes leave a hole for it
//! (`node::Piece::Build`), which the module fills in the page.

pub(crate) const BUILD: &str = include_str!(concat!(env!("OUT_DIR"), "/build-id.txt"));
