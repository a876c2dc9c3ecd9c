//! The content compiler: one article file's text in, a checked model or the complete list of
//! what is wrong with it out.
//!
//! Pure: `compile(path, text)` does no I/O, so tests feed it strings and build.rs feeds it files.
//! Byte offsets become `line:col` only when an error is reported.

use std::fmt;

pub use model::{
    display_date, iso_date, minutes_for, plain_text, Article, Block, Date, Inline, Section, WORDS_PER_MINUTE,
};

pub mod css;
mod front_matter;
mod markdown;
pub mod scaffold;

/// One problem, located in its file: what is wrong, in which field, and how to fix it. Printed
/// as `path:line:col: message; fix` (build.rs, `make check`), or as JSON (`make check
/// FORMAT=json`, `crates/site/src/bin/check.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The front-matter field it concerns (`title`, `author.name`), `summary` (the bullets
    /// before the first section) or `body` (the sections); none for the file as a whole.
    pub field: Option<String>,
    pub message: String,
    pub fix: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)?;
        match &self.fix {
            Some(fix) => write!(f, "; {fix}"),
            None => Ok(()),
        }
    }
}

impl Diagnostic {
    /// A problem with the file as a whole, at its first line.
    fn of_file(path: &str, message: String, fix: &str) -> Diagnostic {
        Diagnostic {
            path: path.to_owned(),
            line: 1,
            column: 1,
            field: None,
            message,
            fix: Some(fix.to_owned()),
        }
    }
}

/// Every article in the folders `folders` names (separated by ':', as
/// `READING_WIDGET_CONTENT`), sorted by path within each folder, with the path each was read
/// from; or every problem in every file. build.rs and `make check` both compile through here.
pub fn compile_folders(folders: &str) -> Result<Vec<(String, Article)>, Vec<Diagnostic>> {
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    for folder in folders.split(':').filter(|folder| !folder.is_empty()) {
        let mut found: Vec<_> = match std::fs::read_dir(folder) {
            Ok(entries) => entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
                .collect(),
            Err(error) => {
                let message = format!("cannot read the folder: {error}");
                errors.push(Diagnostic::of_file(&format!("{folder}/"), message, "check the path"));
                continue;
            }
        };
        // Sorted, so the generated module does not depend on directory order.
        found.sort();
        paths.extend(found);
    }
    let mut articles: Vec<(String, Article)> = Vec::new();
    for path in &paths {
        let label = path.to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(path) {
            Ok(text) => match compile(&label, &text) {
                Ok(article) => articles.push((label, article)),
                Err(diagnostics) => errors.extend(diagnostics),
            },
            Err(error) => errors.push(Diagnostic::of_file(
                &label,
                format!("cannot read the file: {error}"),
                "save it as UTF-8 text",
            )),
        }
    }
    for (i, (path, article)) in articles.iter().enumerate() {
        if let Some((first, _)) = articles[..i].iter().find(|(_, a)| a.slug == article.slug) {
            let message = format!("slug '{}' is already used by {first}", article.slug);
            let mut diagnostic = Diagnostic::of_file(path, message, "give this article another slug");
            diagnostic.field = Some("slug".to_owned());
            errors.push(diagnostic);
        }
    }
    if paths.is_empty() && errors.is_empty() {
        let message = "no article".to_owned();
        errors.push(Diagnostic::of_file(folders, message, "add a content/<slug>.md file (see README)"));
    }
    if errors.is_empty() {
        Ok(articles)
    } else {
        Err(errors)
    }
}

/// Errors found so far, as (byte offset in the file, message).
pub(crate) type Problems = Vec<(usize, String)>;

/// Compiles one article file. `path` is only used to label errors.
pub fn compile(path: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    let mut problems = Problems::new();
    // What `make new` leaves for the editor to write (`crates/content/src/scaffold.rs`) never ships.
    for (offset, _) in text.match_indices(scaffold::PLACEHOLDER) {
        problems.push((
            offset,
            "the new article's placeholder '[[write: …]]' is still here; replace it with the article's own text"
                .to_owned(),
        ));
    }
    let article = match split_front_matter(text) {
        Err(problem) => {
            problems.push(problem);
            None
        }
        Ok((front, front_start, body, body_start)) => {
            let meta = front_matter::front_matter(front, front_start, &mut problems);
            let body_first_line = text[..body_start].matches('\n').count() + 1;
            let body = markdown::Body { markdown: body, start: body_start, first_line: body_first_line };
            let (summary, sections) = markdown::body_blocks(&body, &mut problems);
            meta.map(|meta| meta.into_article(summary, sections))
        }
    };
    match article {
        Some(article) if problems.is_empty() => Ok(article),
        _ => Err(locate(path, text, problems)),
    }
}

/// The field a problem at `offset` concerns: the front-matter key on its line (under its
/// `[table]`), the one a "missing" message names, `summary` or `body`; none outside both.
fn field_at(text: &str, offset: usize, message: &str) -> Option<String> {
    if let Some(missing) = message.strip_prefix("front matter is missing '") {
        return missing.split('\'').next().map(str::to_owned);
    }
    let (front, front_start, body, body_start) = split_front_matter(text).ok()?;
    if offset >= body_start {
        let first_section = body.match_indices("## ").find(|(at, _)| *at == 0 || body[..*at].ends_with('\n'));
        let in_summary = first_section.is_none_or(|(at, _)| offset < body_start + at);
        return Some(if in_summary { "summary" } else { "body" }.to_owned());
    }
    let within = offset.checked_sub(front_start)?;
    let mut table = "";
    let mut key = None;
    // Every line up to the end of the one the problem is on.
    let end = front.get(within..)?.find('\n').map_or(front.len(), |at| within + at);
    for line in front[..end].split('\n') {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|line| line.strip_suffix(']')) {
            (table, key) = (name.trim(), None);
        } else if let Some((name, _)) = line.split_once('=') {
            key = Some(name.trim());
        } else if !line.is_empty() {
            key = None;
        }
    }
    let (table, key) = (table.trim_matches('"'), key.map(|key| key.trim_matches('"')));
    match (table, key) {
        ("", Some(key)) => Some(key.to_owned()),
        (table, Some(key)) => Some(format!("{table}.{key}")),
        ("", None) => None,
        (table, None) => Some(table.to_owned()),
    }
}

/// Turns byte offsets into 1-based line and column (in characters), sorted by position.
/// The same problem twice on one line (`<b>` and `</b>`) is reported once.
fn locate(path: &str, text: &str, mut problems: Problems) -> Vec<Diagnostic> {
    problems.sort_by_key(|(offset, _)| *offset);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|(offset, text_of_problem)| {
            let before = &text[..offset.min(text.len())];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let field = field_at(text, offset, &text_of_problem);
            // Every message says what is wrong, then "; " and how to fix it.
            let (message, fix) = match text_of_problem.split_once("; ") {
                Some((message, fix)) => (message.to_owned(), Some(fix.to_owned())),
                None => (text_of_problem, None),
            };
            Diagnostic {
                path: path.to_owned(),
                line: before.matches('\n').count() + 1,
                column: before[line_start..].chars().count() + 1,
                field,
                message,
                fix,
            }
        })
        .collect();
    diagnostics.dedup_by(|later, earlier| later.line == earlier.line && later.message == earlier.message);
    diagnostics
}

/// Splits `+++\n<toml>\n+++\n<markdown>` into its parts and their byte offsets.
fn split_front_matter(text: &str) -> Result<(&str, usize, &str, usize), (usize, String)> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "+++" {
        return Err((
            0,
            "the file must start with TOML front matter: a line '+++', the fields, and another '+++'"
                .to_owned(),
        ));
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Ok((&text[first_line_end..offset], first_line_end, &text[body_start..], body_start));
        }
        offset += line.len();
    }
    Err((0, "the front matter is never closed; add a line '+++' after its last field".to_owned()))
}
