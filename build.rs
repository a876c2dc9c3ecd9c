//! Compiles every `content/*.md` into static Rust data, so the widget parses nothing at run
//! time. All I/O lives here; `build/content.rs` checks and `build/codegen.rs` writes.
//!
//! An invalid article fails the build with every problem in every file, each as
//! `content/x.md:LINE:COL: what is wrong (and how to fix it)`.

#[path = "build/codegen.rs"]
mod codegen;
#[path = "build/content.rs"]
mod content;

use std::path::Path;
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=build");

    let mut paths: Vec<_> = match fs::read_dir("content") {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect(),
        Err(error) => fail(&[format!("content/: cannot read the folder: {error}")]),
    };
    // Sorted, so the generated module does not depend on directory order.
    paths.sort();

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
        errors.push("content/: no article; add a content/<slug>.md file (see README)".to_owned());
    }
    if !errors.is_empty() {
        fail(&errors);
    }

    let articles: Vec<_> = articles.into_iter().map(|(_, article)| article).collect();
    let out = Path::new(&env::var_os("OUT_DIR").unwrap_or_default()).join("articles.rs");
    if let Err(error) = fs::write(&out, codegen::rust_source(&articles)) {
        fail(&[format!("cannot write {}: {error}", out.display())]);
    }
}

fn fail(errors: &[String]) -> ! {
    for error in errors {
        eprintln!("{error}");
    }
    eprintln!(
        "error: {} problem(s) in content/; the widget was not built",
        errors.len()
    );
    process::exit(1);
}
