//! The articles a build wrote, read back from their files for `reading-widget prerender`: each
//! article's template renders its static markup in any mode (`template::html`), so a site's
//! pages are pre-rendered from what its readers will fetch, and nothing else.

use wasm_bindgen::prelude::*;

use reading_widget_site::page::Articles;
use reading_widget_view::blob::{self, Read, Reader, Refused};
use reading_widget_view::fill::Fill;
use reading_widget_view::labels::Labels;
use reading_widget_view::listing::Listing;
use reading_widget_view::part::Phase;
use reading_widget_view::state::{Mode, State};
use reading_widget_view::template;

/// One article of a file.
struct Article {
    slug: String,
    sections: usize,
    template: Vec<u8>,
    head: Vec<String>,
}

/// The articles of a site's build, as files are added.
#[wasm_bindgen]
#[derive(Default)]
pub struct Files {
    articles: Vec<Article>,
}

#[wasm_bindgen]
impl Files {
    /// No article yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Files {
        Files::default()
    }

    /// Adds the article of an article file, with its head lines (`compile`'s `head`); its slug,
    /// or an error saying what is wrong with the file.
    pub fn add(&mut self, file: &[u8], head: Vec<String>) -> Result<String, JsError> {
        // The module's own checks (`blob::open`), and its words for what is wrong.
        let blob = blob::open(file).map_err(|refused| JsError::new(&refused.message()))?;
        let article = read(blob).ok_or_else(|| JsError::new(&Refused::Malformed.message()))?;
        let slug = article.0.slug.to_owned();
        if self.articles.iter().any(|known| known.slug == slug) {
            return Err(JsError::new(&format!("article '{slug}' is there twice")));
        }
        self.articles.push(Article {
            slug: slug.clone(),
            sections: article.0.sections.len(),
            template: article.1.to_vec(),
            head,
        });
        Ok(slug)
    }
}

/// The one article of a file's blob: its listing and its template.
fn read(blob: &[u8]) -> Option<(Listing<'_>, &[u8])> {
    let mut reader = Reader { bytes: blob };
    if reader.number()? != 1 {
        return None;
    }
    let length = reader.number()?;
    let mut one = Reader { bytes: reader.take(length)? };
    let listing = Listing::read(&mut one)?;
    let length = one.number()?;
    let template = one.take(length)?;
    (one.bytes.is_empty() && reader.bytes.is_empty()).then_some((listing, template))
}

impl Articles for Files {
    fn slugs(&self) -> Vec<&str> {
        self.articles.iter().map(|article| article.slug.as_str()).collect()
    }

    fn markup(&self, slug: &str, full: bool, id_prefix: &str, shadow: bool) -> Option<String> {
        let article = self.articles.iter().find(|article| article.slug == slug)?;
        let state = State::new(if full { Mode::Full } else { Mode::Summary }, article.sections);
        let labels = Labels::default();
        let fill = Fill { ids: id_prefix, labels: &labels, parts: shadow, build: reading_widget_view::BUILD };
        Some(template::html(&article.template, &fill, &state, Phase::Static).0)
    }

    fn head(&self, slug: &str) -> Option<Vec<String>> {
        Some(self.articles.iter().find(|article| article.slug == slug)?.head.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markup_from_a_file_is_the_markup_from_the_model() {
        let path = "content/ukraine-war-korean-war.md";
        let text = include_str!("../../../content/ukraine-war-korean-war.md");
        let Ok(article) = content::compile(path, text) else { panic!("the real article compiles") };
        let mut files = Files::new();
        let added = files.add(&blob::file(&[&article]), vec!["<meta>".to_owned()]);
        assert_eq!(added.ok().as_deref(), Some("ukraine-war-korean-war"));
        let models: &[reading_widget_view::Article] = std::slice::from_ref(&article);
        for (full, shadow) in [(false, true), (true, true), (false, false), (true, false)] {
            let expected = models.markup(&article.slug, full, "rwp3-", shadow);
            assert!(expected.is_some());
            assert_eq!(
                files.markup(&article.slug, full, "rwp3-", shadow),
                expected,
                "full {full} shadow {shadow}"
            );
        }
        assert_eq!(files.head(&article.slug), Some(vec!["<meta>".to_owned()]));
        assert_eq!(files.markup("nope", false, "rwp1-", true), None);
    }
}
