//! The articles as the module in the page has them: for each, what `articles()` lists of it
//! (`crates/view/src/listing.rs`) and its markup as a template (`crates/view/src/template.rs`),
//! read in place from the articles' blob, whose format `crates/view/src/blob.rs` writes down.
//!
//! Where the blob is: a module built as the shell (`READING_WIDGET_SHELL=1`, what `make dist`
//! ships) has none of its own, and `crates/site/src/splice.rs` adds one after the build as a data segment
//! past the end of the module's memory, writing its address and length into the two slots
//! after [`SPLICE_MARK`]. Any other build (tests, `cargo build`) carries the blob build.rs
//! wrote.

use std::cell::Cell;

use crate::blob::{self, Read, Reader, Refused, SPLICE_MARK};
use crate::listing::Listing;

/// One article in the module.
#[derive(Clone, Copy)]
pub(crate) struct Compiled {
    /// Its listing's slug.
    pub(crate) slug: &'static str,
    /// Its listing's section ids, in order: what `#id`, the API and the events name them by.
    pub(crate) sections: &'static [&'static str],
    /// What `ReadingWidget.articles()` lists of it.
    pub(crate) listing: Listing<'static>,
    /// Its markup, for `dom/build.rs` and `dom/hydrate.rs`.
    pub(crate) template: &'static [u8],
}

impl Compiled {
    pub(crate) fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|known| *known == id)
    }

    /// "the sections are: a, b, c": for the error about an unknown section.
    pub(crate) fn section_choices(&self) -> String {
        super::choices("the sections are: ", self.sections)
    }
}

/// The articles build.rs compiled into this build: none in the shell.
pub(crate) static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/articles.bin"));

/// `u32::MAX` in both slots after [`SPLICE_MARK`] means "not spliced"; the slots are never
/// zero, so wasm-opt cannot drop them from the data segment as zero bytes.
const NOT_SPLICED: u32 = u32::MAX;

#[used]
static SPLICED: [u32; 4] = [
    u32::from_le_bytes([SPLICE_MARK[0], SPLICE_MARK[1], SPLICE_MARK[2], SPLICE_MARK[3]]),
    u32::from_le_bytes([SPLICE_MARK[4], SPLICE_MARK[5], SPLICE_MARK[6], SPLICE_MARK[7]]),
    NOT_SPLICED,
    NOT_SPLICED,
];

/// The blob this module reads: the spliced one if there is one, else its own.
fn blob() -> &'static [u8] {
    // Volatile: the slots are written into the built module, after the compiler has seen them
    // as `u32::MAX`; a plain read could be folded into that constant.
    // SAFETY: reads of an initialized static.
    let (at, length) =
        unsafe { (std::ptr::read_volatile(&SPLICED[2]), std::ptr::read_volatile(&SPLICED[3])) };
    if at == NOT_SPLICED || length == NOT_SPLICED || !cfg!(target_arch = "wasm32") {
        return EMBEDDED;
    }
    // SAFETY: the splicer placed `length` bytes at `at` in a data segment of this module's
    // memory, past everything Rust and the allocator use (see `crates/site/src/splice.rs`); nothing writes
    // there, so the bytes are valid and unchanged for the life of the page.
    unsafe { std::slice::from_raw_parts(at as usize as *const u8, length as usize) }
}

thread_local! {
    /// The articles, read once and then added to: they live as long as the page, like the
    /// blobs they point into.
    static ARTICLES: Cell<Option<&'static [Compiled]>> = const { Cell::new(None) };
}

/// Every article of the module, in the order they were compiled or added; none if its blob
/// cannot be read (a damaged splice), which mounting then reports as an unknown article.
pub(crate) fn all() -> &'static [Compiled] {
    if let Ok(Some(articles)) = ARTICLES.try_with(Cell::get) {
        return articles;
    }
    let articles = read(blob()).unwrap_or_default();
    let _ = ARTICLES.try_with(|cell| cell.set(Some(articles)));
    articles
}

/// Adds the articles of an article file (`pkg/articles/<slug>.<build>.bin`: a header, then a
/// blob as above) to the module's; one it has already is kept as it is. A file that is not
/// one, or is another release's, damaged or malformed, adds nothing: the error says which
/// ([`blob::Refused::message`]).
///
/// Copied in rather than spliced: the code module then stays the same bytes whatever the
/// articles (a CDN caches it once), articles arrive in any order at any time, and the
/// allocator owns their memory. The blob and the list are leaked, as the spliced one is: a
/// `Compiled` points into its blob for the life of the page.
pub(crate) fn add(file: Vec<u8>) -> Result<(), String> {
    let added = open(file)?;
    let mut articles = all().to_vec();
    for article in added {
        // An article the module has already stays as it is: two loaders on one page (embed.js
        // and the page's own) may both add it.
        if !articles.iter().any(|known| known.slug == article.slug) {
            articles.push(*article);
        }
    }
    let _ = ARTICLES.try_with(|cell| cell.set(Some(articles.leak())));
    Ok(())
}

/// The articles of an article file, or the message that says why it is refused.
pub(crate) fn open(file: Vec<u8>) -> Result<&'static [Compiled], String> {
    let header = file.len() - blob::open(&file).map_err(|refused| refused.message())?.len();
    // Leaked once its header and checksum are good, not before: a page that keeps being handed
    // junk keeps none of it.
    let file: &'static [u8] = file.leak();
    // The templates are read at each mount, each string checked then (a damaged one ends
    // early, and the builder says the markup is incomplete).
    read(file.get(header..).unwrap_or_default()).ok_or_else(|| Refused::Malformed.message())
}

fn read(blob: &'static [u8]) -> Option<&'static [Compiled]> {
    let mut reader = Reader { bytes: blob };
    let articles = Read::read(&mut reader)?;
    reader.bytes.is_empty().then_some(articles)
}

/// One article of a blob: its length, then its listing and its template.
impl Read<'static> for Compiled {
    fn read(reader: &mut Reader<'static>) -> Option<Self> {
        let length = reader.number()?;
        let mut one = Reader { bytes: reader.take(length)? };
        let listing = Listing::read(&mut one)?;
        let length = one.number()?;
        let template = one.take(length)?;
        let sections = listing.sections.iter().map(|section| section.id).collect::<Vec<_>>().leak();
        let article = Compiled { slug: listing.slug, sections, listing, template };
        one.bytes.is_empty().then_some(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reading_widget_view::BUILD;

    #[test]
    fn the_embedded_blob_reads_whole() {
        let articles = read(EMBEDDED).unwrap_or_default();
        let Some(article) = articles.iter().find(|a| a.slug == "ukraine-war-korean-war") else {
            panic!("the real article is not in the blob")
        };
        assert_eq!(article.sections.len(), 4);
        let listing = article.listing;
        assert_eq!(listing.title, "The Ukraine War Could Be the Spark to Restart the Korean War");
        assert_eq!((listing.date, listing.language), ("2024-10-23", "en"));
        assert_eq!(listing.sections.len(), 4);
    }

    /// An article file of the embedded blob's articles, with this header or another.
    fn file_with(format: u32, build: &str, blob: &[u8]) -> Vec<u8> {
        blob::file_of(format, build, blob)
    }

    const NOT_A_FILE: &str = "these bytes are not an article file";
    const DAMAGED: &str =
        "this article file is damaged (its checksum does not match): fetch or build it again";
    const MALFORMED: &str = "this article file is malformed: build the articles again with this release";

    #[test]
    fn an_added_article_file_adds_what_is_new_and_anything_else_is_refused_naming_why() {
        let before = all().len();
        assert_eq!(add(file_with(blob::FORMAT, BUILD, EMBEDDED)), Ok(()));
        assert_eq!(all().len(), before, "an article the module has is not listed twice");
        assert_eq!(add(b"<!doctype html><title>404</title>".to_vec()), Err(NOT_A_FILE.to_owned()));
        assert_eq!(add(EMBEDDED.to_vec()), Err(NOT_A_FILE.to_owned()), "a blob without its header");
        let mut cut = file_with(blob::FORMAT, BUILD, EMBEDDED);
        cut.pop();
        assert_eq!(add(cut), Err(DAMAGED.to_owned()));
        assert_eq!(
            add(file_with(blob::FORMAT, "0123456789abcdef", EMBEDDED)),
            Err([
                "this article file was written by another release (build 0123456789abcdef); this module \
                 reads build ",
                BUILD,
                ": build the articles again with this release",
            ]
            .concat())
        );
        // Another format is another release: the build id covers the format's code.
        assert_eq!(
            add(file_with(blob::FORMAT + 1, BUILD, EMBEDDED)),
            Err([
                "this article file was written by another release (build ",
                BUILD,
                "); this module reads build ",
                BUILD,
                ": build the articles again with this release",
            ]
            .concat())
        );
        assert_eq!(all().len(), before);
    }

    #[test]
    fn a_file_whose_checksum_matches_and_whose_articles_do_not_read_is_malformed() {
        // A writer's fault, not the network's: the checksum is the file's own.
        let cut = &EMBEDDED[..EMBEDDED.len() - 1];
        assert_eq!(open(file_with(blob::FORMAT, BUILD, cut)).err(), Some(MALFORMED.to_owned()));
        assert!(open(file_with(blob::FORMAT, BUILD, EMBEDDED)).is_ok());
    }

    #[test]
    fn a_cut_or_padded_blob_reads_as_nothing_rather_than_half() {
        let cut: &'static [u8] = Box::leak(EMBEDDED[..EMBEDDED.len() - 1].to_vec().into_boxed_slice());
        assert!(read(cut).is_none());
        let mut padded = EMBEDDED.to_vec();
        padded.push(0);
        assert!(read(Box::leak(padded.into_boxed_slice())).is_none());
        // A count far beyond the bytes: refused without allocating for it.
        assert!(read(&[0xff, 0xff, 0xff, 0x7f]).is_none());
        // A number longer than 32 bits.
        assert!(read(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).is_none());
    }
}
