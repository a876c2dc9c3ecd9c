//! `prerender <www-dir> <out-dir>`: the build-time pre-renderer behind `make dist`. Every
//! `*.html` page of `www-dir` is written to `out-dir` with the widget pre-rendered in its
//! placeholders, then `pkg/reading_widget.css` and the publisher fragments `embed/*.html`.
//! The I/O only: what goes in each file is `reading_widget_site::page`, tested natively.
//!
//! Nothing is written unless everything can be: every error in every page is printed, then
//! it exits with 1.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [www, out] = args.as_slice() else {
        eprintln!("usage: prerender <www-dir> <out-dir>   (as in `cargo run -p reading-widget-site --bin prerender -- www dist`)");
        return std::process::ExitCode::from(2);
    };
    match native::run(www, out) {
        Ok(written) => {
            println!("prerender: {written} files written to {out}/");
            std::process::ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            let s = if errors.len() == 1 { "" } else { "s" };
            eprintln!("prerender: {} error{s}; nothing written", errors.len());
            std::process::ExitCode::FAILURE
        }
    }
}

mod native {
    use std::fs;
    use std::path::Path;

    use reading_widget_site::page;

    /// Reads the pages, fills them, and writes every file, or returns every error.
    pub(crate) fn run(www: &str, out: &str) -> Result<usize, Vec<String>> {
        let mut errors = Vec::new();
        let mut files: Vec<(String, String)> = Vec::new();
        let mut left_out = Vec::new();
        for name in pages(www).map_err(|error| vec![error])? {
            let path = [www.trim_end_matches('/'), "/", &name].concat();
            match fs::read_to_string(&path) {
                // The demo's pages name the repository's article: a content folder without it
                // leaves them out, rather than failing the site (articles.html and a page per
                // article show the ones there are).
                Ok(template) if !missing(&template).is_empty() => {
                    println!(
                        "prerender: {path} left out: it names {}, which the articles do not include",
                        missing(&template).join(", ")
                    );
                    left_out.push(name);
                }
                Ok(template) => match page::fill(&path, &template) {
                    Ok(page) => files.push((name, page)),
                    Err(found) => errors.extend(found),
                },
                Err(error) => {
                    errors.push([&path, ":1:1: cannot read the page: ", &error.to_string()].concat())
                }
            }
        }
        // articles.html, and a demo page per article and mode (crates/site/src/page/index.rs);
        // and as index.html too if the demo's own was left out, so the site still opens on a page.
        match page::index_pages() {
            Ok(pages) => {
                if left_out.iter().any(|name| name == "index.html") {
                    let index = pages.iter().find(|(name, _)| name == page::INDEX);
                    files.extend(index.map(|(_, html)| ("index.html".to_owned(), html.clone())));
                }
                files.extend(pages)
            }
            Err(found) => errors.extend(found),
        }
        match page::fragments() {
            Ok(fragments) => files.extend(fragments.into_iter().map(|f| (f.name, f.html))),
            Err(error) => errors.push(["crates/site/src/page.rs: ", &error].concat()),
        }
        // The stylesheet's path inside `out`, as the pages link it.
        let css = page::STYLESHEET.trim_start_matches("./").to_owned();
        files.push((css, reading_widget_view::STYLESHEET.to_owned()));
        // The preload links name the code by its hash: the code `make dist` put in `out/pkg/`.
        let hash = code_hash(out).map_err(|error| vec![error])?;
        if !errors.is_empty() {
            return Err(errors);
        }
        for (name, text) in &files {
            let text = &text.replace(page::CODE_HASH, &hash);
            let path = Path::new(out).join(name);
            let written =
                path.parent().map_or(Ok(()), fs::create_dir_all).and_then(|()| fs::write(&path, text));
            if let Err(error) = written {
                errors.push([&path.to_string_lossy(), ": cannot write it: ", &error.to_string()].concat());
            }
        }
        if errors.is_empty() {
            Ok(files.len())
        } else {
            Err(errors)
        }
    }

    /// The hash in the name of the code module in `out/pkg/` (`reading_widget.<hash>.wasm`),
    /// which the Makefile's `site-from-shell` writes before it pre-renders.
    fn code_hash(out: &str) -> Result<String, String> {
        let pkg = [out.trim_end_matches('/'), "/pkg"].concat();
        let entries = fs::read_dir(&pkg)
            .map_err(|error| [&pkg, "/: cannot read the folder: ", &error.to_string()].concat())?;
        let mut found: Vec<String> = entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| Some(name.strip_prefix("reading_widget.")?.strip_suffix(".wasm")?.to_owned()))
            .filter(|hash| hash.len() == 16 && hash.bytes().all(|byte| byte.is_ascii_hexdigit()))
            .collect();
        match (found.pop(), found.is_empty()) {
            (Some(hash), true) => Ok(hash),
            _ => Err([
                &pkg,
                "/: expected one code module named reading_widget.<16 hex digits>.wasm; build with make dist",
            ]
            .concat()),
        }
    }

    /// The articles `template` names that the content folders do not hold.
    fn missing(template: &str) -> Vec<String> {
        let known = page::models();
        page::named(template)
            .into_iter()
            .filter(|slug| !known.iter().any(|article| article.slug == *slug))
            .collect()
    }

    /// The names of the `*.html` files in `www`, sorted so runs print in the same order.
    fn pages(www: &str) -> Result<Vec<String>, String> {
        let entries = fs::read_dir(www)
            .map_err(|error| [www, "/: cannot read the folder: ", &error.to_string()].concat())?;
        let mut names: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| name.ends_with(".html"))
            .collect();
        names.sort();
        Ok(names)
    }
}
