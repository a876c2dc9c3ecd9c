//! `check [--format text|json] [folders]`: the articles checked with the compiler build.rs uses
//! (`crates/content`), without building the module, for an editor, a CMS pipeline or a git
//! pre-commit hook (`make check`). `folders` is `content` unless given (or
//! `READING_WIDGET_CONTENT`), several separated by ':'.
//!
//! It exits 0 when every article compiles, 1 with every problem otherwise, and 2 on a usage
//! error. Text is what the build prints, `file:line:col: message; fix` per line on stderr.
//! JSON is an array on stdout with one object per problem, one per line (docs/src/editing.md
//! "Check the content"):
//!
//! ```json
//! [
//! {"file":"content/x.md","line":10,"column":7,"field":"dek","message":"'dek' contains raw HTML","fix":"the widget shows text only, so write it as plain text"}
//! ]
//! ```
//!
//! `field` is the front-matter key (`author.name` in a table), `summary` or `body`, or null for
//! the file as a whole; `fix` is null where there is no one fix to give.

fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let mut json = false;
    let mut folders = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => match args.next().as_deref() {
                Some("json") => json = true,
                Some("text") => json = false,
                other => {
                    return usage(&format!("--format takes text or json, not {}", other.unwrap_or("nothing")))
                }
            },
            "--format=json" => json = true,
            "--format=text" => json = false,
            _ if arg.starts_with('-') => return usage(&format!("unknown option {arg}")),
            _ if folders.is_none() => folders = Some(arg),
            _ => return usage("give the folders as one argument, separated by ':'"),
        }
    }
    let folders = folders
        .or_else(|| std::env::var("READING_WIDGET_CONTENT").ok())
        .unwrap_or_else(|| "content".to_owned());
    let (count, problems) = match content::compile_folders(&folders) {
        Ok(articles) => (articles.len(), Vec::new()),
        Err(problems) => (0, problems),
    };
    if json {
        println!("{}", reading_widget_site::problems::to_json(&problems));
    } else {
        for problem in &problems {
            eprintln!("{problem}");
        }
    }
    if problems.is_empty() {
        if !json {
            let s = if count == 1 { "" } else { "s" };
            eprintln!("check: {count} article{s} in {folders}, no problem");
        }
        ExitCode::SUCCESS
    } else {
        if !json {
            let s = if problems.len() == 1 { "" } else { "s" };
            eprintln!("check: {} problem{s} in the articles", problems.len());
        }
        ExitCode::FAILURE
    }
}

fn usage(problem: &str) -> std::process::ExitCode {
    eprintln!("check: {problem}\nusage: check [--format text|json] [folders, separated by ':']");
    std::process::ExitCode::from(2)
}
