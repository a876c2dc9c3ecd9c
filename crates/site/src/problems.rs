//! The content compiler's problems as JSON, one object per problem, as docs/src/editing.md
//! "Check the content" shows them: what `make check FORMAT=json`, `reading-widget check
//! --format json` and the Node API's `compile` give.

/// The problems as a JSON array, one object per line.
pub fn to_json(problems: &[content::Diagnostic]) -> String {
    /// One problem, as docs/src/editing.md "Check the content" shows it.
    #[derive(serde::Serialize)]
    struct Problem<'a> {
        file: &'a str,
        line: usize,
        column: usize,
        field: Option<&'a str>,
        message: &'a str,
        fix: Option<&'a str>,
    }
    let objects: Vec<String> = problems
        .iter()
        .map(|p| Problem {
            file: &p.path,
            line: p.line,
            column: p.column,
            field: p.field.as_deref(),
            message: &p.message,
            fix: p.fix.as_deref(),
        })
        // Strings and numbers always serialize.
        .map(|problem| serde_json::to_string(&problem).unwrap_or_default())
        .collect();
    if objects.is_empty() {
        "[]".to_owned()
    } else {
        format!("[\n{}\n]", objects.join(",\n"))
    }
}
