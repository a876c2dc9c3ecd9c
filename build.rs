//! Compiles every `content/*.md` into the articles' blob the module reads in place (no
//! Markdown or TOML is parsed at run time). All I/O lives here; `build/content.rs` checks
//! and `build/codegen.rs` writes.
//!
//! `READING_WIDGET_CONTENT` names other folders to compile instead, separated by `:`
//! (`content:tests/fixtures/content` adds the test fixtures to the article).
//!
//! An invalid article fails the build with every problem in every file, each as
//! `content/x.md:LINE:COL: what is wrong (and how to fix it)`.

#[path = "build/codegen.rs"]
mod codegen;
#[path = "build/content.rs"]
mod content;
#[path = "build/css.rs"]
mod css;

use std::path::Path;
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-env-changed=READING_WIDGET_CONTENT");
    println!("cargo:rerun-if-env-changed=READING_WIDGET_SHELL");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=src/styles.css");
    for file in MARKUP_SOURCES {
        println!("cargo:rerun-if-changed={file}");
    }

    // The shell `make dist` ships: no article inside, each spliced in after the build
    // (`src/page/splice.rs`), so one build serves any number of articles.
    let shell = env::var_os("READING_WIDGET_SHELL").is_some_and(|value| value == "1");
    let articles = if shell { Vec::new() } else { compile_articles() };
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        fail(&["OUT_DIR is not set; run through cargo".to_owned()])
    };
    let out_dir = Path::new(&out_dir);
    write(&out_dir.join("articles.bin"), codegen::blob(&articles));
    match fs::read_to_string("src/styles.css") {
        Ok(styles) => write(&out_dir.join("styles.css"), css::minify(&styles)),
        Err(error) => fail(&[format!("src/styles.css: cannot read the stylesheet: {error}")]),
    }
    // What shapes the markup, and nothing else: a new stylesheet, version or comment leaves
    // the pages publishers pasted valid (the walk would accept them anyway). Not the articles:
    // the shell that ships has none, and the walk compares every text anyway.
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
/// the whole list of what is wrong, and the build fails.
fn compile_articles() -> Vec<content::Article> {
    let folders = env::var("READING_WIDGET_CONTENT").unwrap_or_else(|_| "content".to_owned());
    let mut paths = Vec::new();
    for folder in folders.split(':').filter(|folder| !folder.is_empty()) {
        println!("cargo:rerun-if-changed={folder}");
        let mut found: Vec<_> = match fs::read_dir(folder) {
            Ok(entries) => entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
                .collect(),
            Err(error) => fail(&[format!("{folder}/: cannot read the folder: {error}")]),
        };
        // Sorted, so the generated module does not depend on directory order.
        found.sort();
        paths.extend(found);
    }

    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for path in &paths {
        let label = path.to_string_lossy().replace('\\', "/");
        match fs::read_to_string(path) {
            Ok(text) => match content::compile(&label, &text) {
                Ok(article) => articles.push((label, article)),
                Err(diagnostics) => errors.extend(diagnostics.iter().map(ToString::to_string)),
            },
            Err(error) => errors.push(format!("{label}:1:1: cannot read the file: {error}")),
        }
    }
    errors.extend(codegen::check_slugs_unique(&articles));
    if paths.is_empty() {
        errors.push(format!("{folders}: no article; add a content/<slug>.md file (see README)"));
    }
    if !errors.is_empty() {
        fail(&errors);
    }
    articles.into_iter().map(|(_, article)| article).collect()
}

/// The files whose code shapes the markup: a page pre-rendered before they changed is from
/// another build, and the module says so instead of adopting it.
const MARKUP_SOURCES: [&str; 5] =
    ["src/view.rs", "src/part.rs", "src/labels.rs", "src/node.rs", "src/html.rs"];

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
