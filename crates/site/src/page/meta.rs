//! What search engines and link previews read in a page's `<head>`: the description, Open
//! Graph's article tags and a schema.org `NewsArticle` in JSON-LD, all from the article model.
//! The JSON-LD is a `#[derive(Serialize)]` type written by serde_json, then made inert as script
//! data.

use serde::Serialize;

use reading_widget_view::Article;

/// The `<meta>` tags and the JSON-LD script for `article`, one a line (the page puts each line
/// after the first at the marker's indent, so it keeps its layout).
pub fn head(article: &Article) -> Vec<String> {
    let mut lines = vec![
        meta("name", "description", &article.dek),
        meta("property", "og:type", "article"),
        meta("property", "og:title", &article.title),
        meta("property", "og:description", &article.dek),
        meta("property", "og:site_name", &article.brand),
    ];
    if let Some(locale) = og_locale(&article.language) {
        lines.push(meta("property", "og:locale", &locale));
    }
    lines.push(meta("property", "article:published_time", &article.iso_date()));
    lines.push(meta("property", "article:author", &article.author_name));
    lines.push(meta("property", "article:section", &article.topic));
    lines.extend(article.tags.iter().map(|tag| meta("property", "article:tag", tag)));
    lines.push(["<script type=\"application/ld+json\">", &json_ld(article), "</script>"].concat());
    lines
}

fn meta(key: &str, name: &str, content: &str) -> String {
    ["<meta ", key, "=\"", name, "\" content=\"", &escape_attr(content), "\">"].concat()
}

/// Open Graph wants `language_TERRITORY` (`en_GB`); a bare language tag has no territory to
/// give, and a made-up one (`en` → `en_US`) would be wrong for half the readers, so none.
fn og_locale(language: &str) -> Option<String> {
    let mut parts = language.split('-');
    let lang =
        parts.next().filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))?;
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))?;
    Some([lang.to_ascii_lowercase(), region.to_ascii_uppercase()].join("_"))
}

/// The schema.org `NewsArticle` for `article`, on one line, safe inside `<script>`.
pub fn json_ld(article: &Article) -> String {
    let date = article.iso_date();
    let ld = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &article.title,
        description: &article.dek,
        date_published: &date,
        author: Thing { kind: "Person", name: &article.author_name },
        article_section: &article.topic,
        keywords: &article.tags,
        in_language: &article.language,
        publisher: Thing { kind: "Organization", name: &article.brand },
    };
    // A struct of strings always serializes; an empty object would still be valid JSON-LD.
    script_safe(&serde_json::to_string(&ld).unwrap_or_else(|_| "{}".to_owned()))
}

/// schema.org's `NewsArticle`, with the fields a search engine reads for an article.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'a str,
    #[serde(rename = "@type")]
    kind: &'a str,
    headline: &'a str,
    description: &'a str,
    date_published: &'a str,
    author: Thing<'a>,
    article_section: &'a str,
    keywords: &'a [String],
    in_language: &'a str,
    publisher: Thing<'a>,
}

/// A schema.org `Person` or `Organization`, by name.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'a str,
    name: &'a str,
}

/// JSON that is also inert as HTML script data: `<` is `\u003c`, so neither `</script>` nor
/// `<!--` can appear, and `>`/`&` go the same way for any reader that unescapes entities.
/// U+2028/U+2029 are escaped for JavaScript parsers older than ES2019, and DEL as the control
/// character it is. Each can only stand inside a string in JSON, where the escape means the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            _ => out.push(c),
        }
    }
    out
}

/// An attribute value in double quotes, escaped by the one HTML escaper (`html::escape`:
/// `&`, `"`, `<`, `>` and the no-break space).
pub(super) fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    reading_widget_view::html::escape(text, true, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            slug: "a-b".into(),
            title: "War & \"Peace\" </script><!--".into(),
            dek: "Line one\tline two\u{2028}".into(),
            topic: "Security".into(),
            region: "Asia".into(),
            brand: "The <Buzz>".into(),
            language: "en-gb".into(),
            image_caption: String::new(),
            image_credit: String::new(),
            author_name: "Ann \\ Other".into(),
            author_bio: String::new(),
            date: content::Date { year: 2024, month: 10, day: 23 },
            tags: vec!["North Korea".into(), "A&B".into()],
            summary: Vec::new(),
            sections: Vec::new(),
        }
    }

    #[test]
    fn json_ld_is_a_news_article_escaped_for_json_and_script_data() {
        assert_eq!(
            json_ld(&article()),
            concat!(
                r#"{"@context":"https://schema.org","@type":"NewsArticle","#,
                r#""headline":"War \u0026 \"Peace\" \u003c/script\u003e\u003c!--","#,
                r#""description":"Line one\tline two\u2028","datePublished":"2024-10-23","#,
                r#""author":{"@type":"Person","name":"Ann \\ Other"},"articleSection":"Security","#,
                r#""keywords":["North Korea","A\u0026B"],"inLanguage":"en-gb","#,
                r#""publisher":{"@type":"Organization","name":"The \u003cBuzz\u003e"}}"#,
            )
        );
    }

    #[test]
    fn control_characters_are_unicode_escapes() {
        let json = serde_json::to_string("a\u{1}b\u{7f}").unwrap_or_default();
        assert_eq!(script_safe(&json), r#""a\u0001b\u007f""#);
    }

    #[test]
    fn head_has_the_meta_tags_then_the_json_ld_with_the_markers_indent() {
        let expected = [
            "<meta name=\"description\" content=\"Line one\tline two\u{2028}\">",
            "  <meta property=\"og:type\" content=\"article\">",
            "  <meta property=\"og:title\" content=\"War &amp; &quot;Peace&quot; &lt;/script&gt;&lt;!--\">",
            "  <meta property=\"og:description\" content=\"Line one\tline two\u{2028}\">",
            "  <meta property=\"og:site_name\" content=\"The &lt;Buzz&gt;\">",
            "  <meta property=\"og:locale\" content=\"en_GB\">",
            "  <meta property=\"article:published_time\" content=\"2024-10-23\">",
            "  <meta property=\"article:author\" content=\"Ann \\ Other\">",
            "  <meta property=\"article:section\" content=\"Security\">",
            "  <meta property=\"article:tag\" content=\"North Korea\">",
            "  <meta property=\"article:tag\" content=\"A&amp;B\">",
            &["  <script type=\"application/ld+json\">", &json_ld(&article()), "</script>"].concat(),
        ];
        assert_eq!(head(&article()).join("\n  "), expected.join("\n"));
    }

    #[test]
    fn og_locale_only_from_a_tag_with_a_territory() {
        assert_eq!(og_locale("en-gb").as_deref(), Some("en_GB"));
        assert_eq!(og_locale("zh-Hant-TW").as_deref(), Some("zh_TW"));
        assert_eq!(og_locale("en"), None);
        assert_eq!(og_locale("ko"), None);
    }
}
