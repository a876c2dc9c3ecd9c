//! The demo site's pre-renderer (`prerender www <out>`, the bin `make dist` runs) on content
//! folders without the repository's own article, which the demo's pages name: they are left out
//! with a note, the site is still written, and it still opens on a page.

use std::path::{Path, PathBuf};
use std::process::Command;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A fresh folder for one run's output, with the code module the preloads name.
fn out_folder(name: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("reading-widget-prerender-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let code = out.join("pkg").join("reading_widget.0123456789abcdef.wasm");
    if let Err(error) = std::fs::create_dir_all(out.join("pkg")).and_then(|()| std::fs::write(code, b"")) {
        panic!("cannot make {}: {error}", out.display());
    }
    out
}

/// `prerender www <out>` with the articles of `content`, a folder of the repository; the output
/// folder and what it printed, once it has succeeded.
fn prerender(name: &str, content: &str) -> (PathBuf, String) {
    let out = out_folder(name);
    let run = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .args([format!("{REPO}/www"), out.display().to_string()])
        .env("READING_WIDGET_CONTENT", format!("{REPO}/{content}"))
        .output()
        .unwrap_or_else(|error| panic!("cannot run prerender: {error}"));
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(run.status.success(), "{said}{}", String::from_utf8_lossy(&run.stderr));
    (out, said)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn without_the_demos_article_its_pages_are_left_out_and_the_site_opens_on_the_list() {
    let (out, said) = prerender("without", "tests/fixtures/content");
    assert!(
        said.contains(
            "www/index.html left out: it names ukraine-war-korean-war, which the articles do not include"
        ),
        "{said}"
    );
    assert_eq!(read(&out.join("index.html")), read(&out.join("articles.html")), "the site opens on the list");
    assert!(read(&out.join("article-fixture-second-article.html")).contains("Test Fixture: A Second Article"));
    assert!(!out.join("hostile.html").exists(), "a page naming a missing article is not written");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn with_the_demos_article_every_page_is_written() {
    let (out, said) = prerender("with", "content");
    assert!(!said.contains("left out"), "{said}");
    assert!(read(&out.join("index.html")).contains("<reading-widget article=\"ukraine-war-korean-war\""));
    assert!(out.join("hostile.html").exists());
    let _ = std::fs::remove_dir_all(&out);
}
