//! Compiles every `content/*.md` into the articles' blob the module reads in place (no
//! Markdown or TOML is parsed at run time). All I/O lives here; the content crate
//! (`crates/content`) checks, and the view's `blob` writes (`crates/view`).
//!
//! `READING_WIDGET_CONTENT` names other folders to compile instead, separated by `:`
//! (`content:tests/fixtures/content` adds the test fixtures to the article).
//!
//! An invalid article fails the build with every problem in every file, each as
//! `content/x.md:LINE:COL: what is wrong (and how to fix it)`.

use content::css;

// The view (crates/view): the blob holds each article's template, the view's own output, so
// the markup is written in one place.
use reading_widget_view::blob;

use std::path::Path;
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-env-changed=READING_WIDGET_CONTENT");
    println!("cargo:rerun-if-env-changed=READING_WIDGET_SHELL");
    println!("cargo:rerun-if-changed=src/styles.css");
    for file in MARKUP_SOURCES {
        println!("cargo:rerun-if-changed={file}");
    }

    // The shell `make dist` ships: no article inside, each spliced in after the build
    // (`crates/site/src/splice.rs`), so one build serves any number of articles.
    let shell = env::var_os("READING_WIDGET_SHELL").is_some_and(|value| value == "1");
    let articles = if shell { Vec::new() } else { compile_articles() };
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        fail(&["OUT_DIR is not set; run through cargo".to_owned()])
    };
    let out_dir = Path::new(&out_dir);
    write(&out_dir.join("articles.bin"), blob::articles(&articles.iter().collect::<Vec<_>>()));
    match fs::read_to_string("src/styles.css") {
        Ok(styles) => write(&out_dir.join("styles.css"), css::minify(&styles)),
        Err(error) => fail(&[format!("src/styles.css: cannot read the stylesheet: {error}")]),
    }
    // What shapes the markup, and nothing else: a new stylesheet, version or comment leaves
    // the pages publishers pasted valid (the take-over would accept them anyway). Not the
    // articles: the shell that ships has none, and the take-over compares every byte anyway.
    let mut identity = Vec::new();
    for file in MARKUP_SOURCES {
        match fs::read_to_string(file) {
            Ok(text) => identity.push(without_comments(&text)),
            Err(error) => fail(&[format!("{file}: cannot read it: {error}")]),
        }
    }
    write(&out_dir.join("build-id.txt"), build_id(&identity));
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

/// The files whose code shapes the markup: a page pre-rendered before they changed is from
/// another build, and the module says so instead of adopting it.
const MARKUP_SOURCES: [&str; 6] = [
    "crates/view/src/view.rs",
    "crates/view/src/part.rs",
    "crates/view/src/labels.rs",
    "crates/view/src/node.rs",
    "crates/view/src/html.rs",
    "crates/view/src/template.rs",
];

/// The source without its comment lines (`//`, `///`, `//!`).
fn without_comments(source: &str) -> String {
    source.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// 64-bit FNV-1a of the inputs, in hex: not a security measure, a name for this build's
/// markup that pre-rendered pages carry (`data-rw-build`).
fn build_id(inputs: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for input in inputs {
        for byte in input.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
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
