//! JSON string literals, written natively: by the pre-renderer (JSON-LD in a page) and by
//! build.rs (each article's metadata for `articles()`). One file with no imports, so both can
//! include it.

/// A JSON string literal that is also inert as HTML script data: `<` is `\u003c`, so neither
/// `</script>` nor `<!--` can appear, and `>`/`&` go the same way for any reader that
/// unescapes entities. U+2028/U+2029 are escaped for JavaScript parsers older than ES2019.
pub(crate) fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' | '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}
