//! The native tools around the widget (`src/bin/`), and what they write, as pure functions
//! that `cargo test` covers: whole pages and publisher fragments with the widget pre-rendered
//! in them ([`page`]), and each article spliced into the shipped module ([`splice`]). Nothing
//! here is in the module.

pub mod page;
pub mod problems;
pub mod splice;
