//! What the module and every pre-rendered page must agree on, written to `OUT_DIR` for
//! `lib.rs`: the stylesheet (`styles.css`, minified) and the build id, a hash of the sources
//! that shape the markup and the article file. Here rather than in the widget's build script, so that the native
//! tools (`crates/site`) and the module read the same values without depending on each other.

use std::path::Path;
use std::{env, fs, process};

/// The files whose code shapes the markup or the article file (`blob.rs`, `listing.rs`): a
/// page pre-rendered, or an article file written, before they changed is from another build,
/// and the module says so instead of adopting or reading it.
const BUILD_SOURCES: [&str; 8] = [
    "src/view.rs",
    "src/part.rs",
    "src/labels.rs",
    "src/node.rs",
    "src/html.rs",
    "src/template.rs",
    "src/blob.rs",
    "src/listing.rs",
];

fn main() {
    println!("cargo:rerun-if-changed=styles.css");
    for file in BUILD_SOURCES {
        println!("cargo:rerun-if-changed={file}");
    }
    let Some(out_dir) = env::var_os("OUT_DIR") else { fail("OUT_DIR is not set; run through cargo") };
    let out_dir = Path::new(&out_dir);
    let styles = read("styles.css");
    write(&out_dir.join("styles.css"), content::css::minify(&styles));
    // What shapes the markup and the article file, and nothing else: a new stylesheet, version
    // or comment leaves the pages publishers pasted, and the article files, valid (the
    // take-over compares every byte anyway).
    let identity: Vec<String> = BUILD_SOURCES.iter().map(|file| without_comments(&read(file))).collect();
    write(&out_dir.join("build-id.txt"), build_id(&identity));
}

/// The source without its comment lines (`//`, `///`, `//!`).
fn without_comments(source: &str) -> String {
    source.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// 64-bit FNV-1a of the inputs, in hex: not a security measure, a name for this build's
/// markup and article files that pre-rendered pages (`data-rw-build`) and article files (their
/// header and their name) carry.
fn build_id(inputs: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for input in inputs {
        for byte in input.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn read(file: &str) -> String {
    fs::read_to_string(file)
        .unwrap_or_else(|error| fail(&format!("crates/view/{file}: cannot read it: {error}")))
}

fn write(path: &Path, contents: impl AsRef<[u8]>) {
    if let Err(error) = fs::write(path, contents) {
        fail(&format!("cannot write {}: {error}", path.display()));
    }
}

fn fail(error: &str) -> ! {
    eprintln!("{error}");
    process::exit(1);
}
