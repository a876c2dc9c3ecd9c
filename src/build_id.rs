//! What `part::BUILD_ATTR` holds for this build: a hash, written by build.rs, of what shapes the
//! markup (the view's code, without comments). Its own file, because build.rs compiles the view
//! to write the templates and has no build id yet: there, a stand-in takes its place
//! (`template::BUILD_ID`), filled in by the module in the page.

pub(crate) const BUILD: &str = include_str!(concat!(env!("OUT_DIR"), "/build-id.txt"));
