//! What an editor opens first: `articles.html`, every compiled-in article with its title, slug,
//! date, reading time and sections, each linking to a demo page of its own in summary and in
//! full mode (`article-<slug>.html`, `article-<slug>-full.html`). The demo pages go through
//! [`super::fill`] like the site's own, so they are pre-rendered as readers get them.

use super::meta::escape_attr as attr;
use super::{fill, ELEMENT, HEAD_MARKER, MODULE};
use reading_widget_view::Article;

/// The index page's name in the output folder.
pub const INDEX: &str = "articles.html";

/// The demo page of `slug` in summary mode, or in full mode.
pub fn demo_page(slug: &str, full: bool) -> String {
    ["article-", slug, if full { "-full.html" } else { ".html" }].concat()
}

/// The index and two demo pages per article, as (name, HTML), or every error.
pub fn pages() -> Result<Vec<(String, String)>, Vec<String>> {
    let mut pages = vec![(INDEX.to_owned(), index())];
    let mut errors = Vec::new();
    for article in super::models() {
        for full in [false, true] {
            let name = demo_page(&article.slug, full);
            match fill(&name, &demo_template(article, full)) {
                Ok(page) => pages.push((name, page)),
                Err(found) => errors.extend(found),
            }
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(errors)
    }
}

fn text(text: &str) -> String {
    let mut out = String::new();
    reading_widget_view::html::escape(text, false, &mut out);
    out
}

fn index() -> String {
    let articles = super::models();
    let entries: Vec<String> = articles
        .iter()
        .map(|article| {
            let (summary, full) = (attr(&demo_page(&article.slug, false)), attr(&demo_page(&article.slug, true)));
            let sections: Vec<String> = article
                .sections
                .iter()
                .enumerate()
                .map(|(i, section)| {
                    format!(
                        "<li><a href=\"./{full}#{}\">{}</a> · {} min left</li>",
                        attr(&section.id),
                        text(&section.heading),
                        article.minutes_left(i)
                    )
                })
                .collect();
            format!(
                "<article class=\"index-entry\" lang=\"{lang}\">\n<h2><a href=\"./{summary}\">{title}</a></h2>\n\
                 <p>{dek}</p>\n<dl>\n<dt>Slug</dt><dd><code>{slug}</code></dd>\n\
                 <dt>Date</dt><dd><time datetime=\"{date}\">{date_text}</time></dd>\n\
                 <dt>Reading time</dt><dd>{minutes} min</dd>\n</dl>\n\
                 <p><a href=\"./{summary}\">Open the summary</a> · <a href=\"./{full}\">Open the full text</a></p>\n\
                 <h3>Sections</h3>\n<ol>\n{sections}\n</ol>\n</article>",
                lang = attr(&article.language),
                title = text(&article.title),
                dek = text(&article.dek),
                slug = text(&article.slug),
                date = attr(&article.iso_date()),
                date_text = text(&article.date_text()),
                minutes = article.reading_minutes(),
                sections = sections.join("\n"),
            )
        })
        .collect();
    let count = articles.len();
    let s = if count == 1 { "" } else { "s" };
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>The articles compiled in · reading-widget</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"site.css\">\n</head>\n<body>\n<main class=\"page index\">\n\
         <h1>The articles compiled in</h1>\n<p>{count} article{s} in this build, each as readers get it: \
         pre-rendered in its demo page, in summary and in full mode.</p>\n{}\n</main>\n</body>\n</html>\n",
        entries.join("\n")
    )
}

/// A demo page: the article's element (in full mode, `mode="full"`), its metadata in
/// the head, the module script, and a way back to the index.
fn demo_template(article: &Article, full: bool) -> String {
    let mode = if full { " mode=\"full\"" } else { "" };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · {brand}</title>\n<!-- {HEAD_MARKER} -->\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"site.css\">\n<script type=\"module\" src=\"{MODULE}\"></script>\n</head>\n\
         <body>\n<main class=\"page\">\n<p class=\"breadcrumb\"><a href=\"./{INDEX}\" lang=\"en\">All the articles</a></p>\n\
         <{ELEMENT} article=\"{slug}\"{mode}></{ELEMENT}>\n</main>\n</body>\n</html>\n",
        lang = attr(&article.language),
        title = text(&article.title),
        brand = text(&article.brand),
        slug = attr(&article.slug),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_lists_every_article_with_its_demo_pages_and_sections() {
        let Ok(pages) = pages() else { panic!("the pages are not written") };
        let (name, index) = &pages[0];
        assert_eq!(name, INDEX);
        for article in super::super::models() {
            assert!(index.contains(&text(&article.title)), "{}", article.title);
            assert!(index.contains(&format!("<code>{}</code>", article.slug)));
            assert!(index.contains(&format!(
                "<time datetime=\"{}\">{}</time>",
                article.iso_date(),
                article.date_text()
            )));
            assert!(index.contains(&format!("<dd>{} min</dd>", article.reading_minutes())));
            for section in &article.sections {
                let link = format!(
                    "href=\"./article-{}-full.html#{}\">{}</a>",
                    article.slug,
                    section.id,
                    text(&section.heading)
                );
                assert!(index.contains(&link), "{link}");
            }
            for full in [false, true] {
                let Some((_, page)) = pages.iter().find(|(name, _)| *name == demo_page(&article.slug, full))
                else {
                    panic!("no demo page")
                };
                // Pre-rendered: the article is in the page, in the mode it links to.
                assert!(page.contains("<template shadowrootmode=\"open\">"), "pre-rendered");
                assert!(page.contains(&format!("data-mode=\"{}\"", if full { "full" } else { "summary" })));
                assert!(page.contains(&text(&article.title)));
                assert!(page.contains("application/ld+json"), "its metadata in the head");
            }
        }
        assert_eq!(pages.len(), 1 + 2 * super::super::models().len());
    }
}
