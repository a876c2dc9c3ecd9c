//! `splice <pkg-dir>`: the article files, after `make dist` has built the code module (the
//! shell, `READING_WIDGET_SHELL=1`) into `<pkg-dir>/reading_widget_bg.wasm`. Writes
//! `<pkg-dir>/articles/<slug>.<build>.bin` for each article this build compiles (the same
//! folders as the pre-rendered pages): what the element and `embed.js` fetch and hand to the
//! code module (`ReadingWidget.addArticles`). Then replaces the shell with the module of every article
//! spliced in, which a page that calls `init()` itself loads. The I/O only: the splicing is
//! `reading_widget_site::splice`, tested natively.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pkg] = args.as_slice() else {
        eprintln!(
            "usage: splice <pkg-dir>   (as in `cargo run -p reading-widget-site --bin splice -- dist/pkg`)"
        );
        return std::process::ExitCode::from(2);
    };
    match run(std::path::Path::new(pkg)) {
        Ok(count) => {
            println!("splice: {count} article files written to {pkg}/articles/, and every article into {pkg}/{MODULE}");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("splice: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

const MODULE: &str = "reading_widget_bg.wasm";

fn run(pkg: &std::path::Path) -> Result<usize, String> {
    use reading_widget_site::splice::{all_articles, article_files, file_name, splice};
    use std::fs;

    let module_path = pkg.join(MODULE);
    let shell = fs::read(&module_path).map_err(|error| format!("{}: {error}", module_path.display()))?;
    let files = article_files()?;
    // The module of every article is made before anything is written: a failure leaves the
    // shell as it was.
    let all = splice(&shell, &all_articles())?;
    let dir = pkg.join("articles");
    fs::create_dir_all(&dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for (slug, file) in &files {
        let path = dir.join(file_name(slug));
        fs::write(&path, file).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    fs::write(&module_path, all).map_err(|error| format!("{}: {error}", module_path.display()))?;
    Ok(files.len())
}
