//! `build-id`: prints this build's id (`reading_widget_view::BUILD`, 16 hex characters), the
//! name article files carry (`pkg/articles/<slug>.<build>.bin`), for the Makefile to fill in
//! `embed.js` and to find the files the splicer wrote. The id is the view's, so no module is
//! built to learn it.

fn main() {
    println!("{}", reading_widget_view::BUILD);
}
