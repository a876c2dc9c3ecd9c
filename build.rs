//! Compiles every `content/*.md` into the articles' blob the module reads in place (no
//! Markdown or TOML is parsed at run time). All I/O lives here; the content crate
//! (`crates/content`) checks, and the view's `blob` writes (`crates/view`). The stylesheet and
//! the build id are the view's (`crates/view/build.rs`), shared with the native tools.
//!
//! `READING_WIDGET_CONTENT` names other folders to compile instead, separated by `:`
//! (`content:tests/fixtures/content` adds the test fixtures to the article).
//!
//! An invalid article fails the build with every problem in every file, each as
//! `content/x.md:LINE:COL: what is wrong (and how to fix it)`.

// The view (crates/view): the blob holds each article's template, the view's own output, so
// the markup is written in one place.
use reading_widget_view::blob;

use std::path::Path;
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-env-changed=READING_WIDGET_CONTENT");
    println!("cargo:rerun-if-env-changed=READING_WIDGET_SHELL");

    // The shell `make dist` ships: no article inside, each spliced in after the build
    // (`crates/site/src/splice.rs`), so one build serves any number of articles.
    let shell = env::var_os("READING_WIDGET_SHELL").is_some_and(|value| value == "1");
    let articles = if shell { Vec::new() } else { compile_articles() };
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        fail(&["OUT_DIR is not set; run through cargo".to_owned()])
    };
    let out_dir = Path::new(&out_dir);
    write(&out_dir.join("articles.bin"), blob::articles(&articles.iter().collect::<Vec<_>>()));
}

/// Every article in `content/` (or the folders `READING_WIDGET_CONTENT` names), checked; or
/// the whole list of what is wrong, and the build fails. `make check` runs the same compiler
/// without building anything (`crates/site/src/bin/check.rs`).
fn compile_articles() -> Vec<content::Article> {
    let folders = env::var("READING_WIDGET_CONTENT").unwrap_or_else(|_| "content".to_owned());
    for folder in folders.split(':').filter(|folder| !folder.is_empty()) {
        println!("cargo:rerun-if-changed={folder}");
    }
    match content::compile_folders(&folders) {
        Ok(articles) => articles.into_iter().map(|(_, article)| article).collect(),
        Err(diagnostics) => fail(&diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>()),
    }
}

fn write(path: &Path, contents: impl AsRef<[u8]>) {
    if let Err(error) = fs::write(path, contents) {
        fail(&[format!("cannot write {}: {error}", path.display())]);
    }
}

fn fail(errors: &[String]) -> ! {
    for error in errors {
        eprintln!("{error}");
    }
    eprintln!("error: {} problem(s) in the articles; the widget was not built", errors.len());
    process::exit(1);
}
