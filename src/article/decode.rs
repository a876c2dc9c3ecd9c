//! Reads the articles' blob that `build/codegen.rs` writes, in place: the model's strings are
//! slices of the blob, and only the lists are allocated, once, for the life of the page.
//!
//! The blob is little-endian `u32` numbers and strings (a length, then UTF-8 bytes):
//!
//! ```text
//! blob     = count, (length, article) × count
//! article  = json, slug, title, dek, topic, region, brand, language, image_caption,
//!            image_credit, author_name, author_bio, date, date_text, tags: count × string,
//!            minutes, summary: count × inlines, sections: count × section
//! section  = id, heading, minutes_left, blocks: count × block
//! block    = 0 inlines (a paragraph) | 1 ordered:u8 items: count × inlines (a list)
//! inlines  = count × (0 text | 1 inlines (em) | 2 inlines (strong) | 3 code | 4 href inlines)
//! ```
//!
//! Where the blob is: a module built as the shell (`READING_WIDGET_SHELL=1`, what `make dist`
//! ships) has none of its own, and `src/page/splice.rs` adds one after the build as a data
//! segment past the end of the module's memory, writing its address and length into
//! [`SPLICE_MARK`]'s slots. Any other build (tests, `cargo build`) carries the blob build.rs
//! wrote.

use std::cell::Cell;

use super::{Article, Block, Inline, Section};

/// The articles build.rs compiled into this build: none in the shell.
pub(crate) static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/articles.bin"));

/// Eight bytes the splicer finds in the module's data, followed by the two `u32` slots it
/// writes: the spliced blob's address and length. `u32::MAX` in both means "not spliced"; the
/// slots are never zero, so wasm-opt cannot drop them from the data segment as zero bytes.
pub(crate) const SPLICE_MARK: [u8; 8] = *b"rwSPLICE";

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
    let (at, length) =
        unsafe { (std::ptr::read_volatile(&SPLICED[2]), std::ptr::read_volatile(&SPLICED[3])) };
    if at == NOT_SPLICED || length == NOT_SPLICED || !cfg!(target_arch = "wasm32") {
        return EMBEDDED;
    }
    // SAFETY: the splicer placed `length` bytes at `at` in a data segment of this module's
    // memory, past everything Rust and the allocator use (see `src/page/splice.rs`); nothing
    // writes there, so the bytes are valid and unchanged for the life of the page.
    unsafe { std::slice::from_raw_parts(at as usize as *const u8, length as usize) }
}

thread_local! {
    /// The decoded articles, once: they live as long as the page, like the blob they point into.
    static ARTICLES: Cell<Option<&'static [Article]>> = const { Cell::new(None) };
}

/// Every article of the blob; none if it cannot be read (a damaged splice), which mounting
/// then reports as an unknown article with an empty list of choices.
pub(crate) fn articles() -> &'static [Article] {
    if let Ok(Some(articles)) = ARTICLES.try_with(Cell::get) {
        return articles;
    }
    // Decoded once, and its lists leaked on purpose: the model is `'static`, like the blob.
    let articles = decode(blob()).unwrap_or_default();
    let _ = ARTICLES.try_with(|cell| cell.set(Some(articles)));
    articles
}

fn decode(blob: &'static [u8]) -> Option<&'static [Article]> {
    let mut reader = Reader { bytes: blob };
    let articles = reader.list(|reader| {
        let length = reader.number()? as usize;
        let mut one = Reader { bytes: reader.take(length)? };
        let article = one.article()?;
        one.bytes.is_empty().then_some(article)
    })?;
    reader.bytes.is_empty().then_some(articles)
}

/// Each article's slug and its own bytes, as a blob of one would hold them (without the count):
/// what the splicer cuts out to give an article a module of its own.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn chunks(blob: &'static [u8]) -> Option<&'static [(&'static str, &'static [u8])]> {
    let mut reader = Reader { bytes: blob };
    reader.list(|reader| {
        let whole = reader.bytes;
        let length = reader.number()? as usize;
        let body = reader.take(length)?;
        let mut one = Reader { bytes: body };
        let _json = one.text()?;
        Some((one.text()?, whole.get(..4 + length)?))
    })
}

struct Reader {
    bytes: &'static [u8],
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn number(&mut self) -> Option<u32> {
        let bytes = self.take(4)?;
        Some(u32::from_le_bytes([*bytes.first()?, *bytes.get(1)?, *bytes.get(2)?, *bytes.get(3)?]))
    }

    fn text(&mut self) -> Option<&'static str> {
        let length = self.number()? as usize;
        std::str::from_utf8(self.take(length)?).ok()
    }

    /// A count, then that many items; leaked, since the model's lists are `'static`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Reader) -> Option<T>) -> Option<&'static [T]>
    where
        T: 'static,
    {
        let count = self.number()? as usize;
        // Never trust a count for the allocation: each item takes at least a byte.
        let mut items = Vec::with_capacity(count.min(self.bytes.len()));
        for _ in 0..count {
            items.push(item(self)?);
        }
        Some(Box::leak(items.into_boxed_slice()))
    }

    fn article(&mut self) -> Option<Article> {
        Some(Article {
            json: self.text()?,
            slug: self.text()?,
            title: self.text()?,
            dek: self.text()?,
            topic: self.text()?,
            region: self.text()?,
            brand: self.text()?,
            language: self.text()?,
            image_caption: self.text()?,
            image_credit: self.text()?,
            author_name: self.text()?,
            author_bio: self.text()?,
            date: self.text()?,
            date_text: self.text()?,
            tags: self.list(Reader::text)?,
            minutes: self.number()?,
            summary: self.list(Reader::inlines)?,
            sections: self.list(Reader::section)?,
        })
    }

    fn section(&mut self) -> Option<Section> {
        Some(Section {
            id: self.text()?,
            heading: self.text()?,
            minutes_left: self.number()?,
            blocks: self.list(Reader::block)?,
        })
    }

    fn block(&mut self) -> Option<Block> {
        match self.byte()? {
            0 => Some(Block::Paragraph(self.inlines()?)),
            1 => {
                let ordered = self.byte()? == 1;
                Some(Block::List { ordered, items: self.list(Reader::inlines)? })
            }
            _ => None,
        }
    }

    fn inlines(&mut self) -> Option<&'static [Inline]> {
        self.list(Reader::inline)
    }

    fn inline(&mut self) -> Option<Inline> {
        match self.byte()? {
            0 => Some(Inline::Text(self.text()?)),
            1 => Some(Inline::Emphasis(self.inlines()?)),
            2 => Some(Inline::Strong(self.inlines()?)),
            3 => Some(Inline::Code(self.text()?)),
            4 => Some(Inline::Link { href: self.text()?, children: self.inlines()? }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_blob_reads_whole() {
        let articles = decode(EMBEDDED).unwrap_or_default();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].slug, "ukraine-war-korean-war");
        assert!(articles[0].json.starts_with("{\"slug\":\"ukraine-war-korean-war\",\"title\":"));
        assert_eq!(articles[0].sections.len(), 4);
    }

    #[test]
    fn a_cut_or_padded_blob_reads_as_nothing_rather_than_half() {
        let cut: &'static [u8] = Box::leak(EMBEDDED[..EMBEDDED.len() - 1].to_vec().into_boxed_slice());
        assert!(decode(cut).is_none());
        let mut padded = EMBEDDED.to_vec();
        padded.push(0);
        assert!(decode(Box::leak(padded.into_boxed_slice())).is_none());
        // A count far beyond the bytes: refused without allocating for it.
        assert!(decode(&[0xff, 0xff, 0xff, 0x7f]).is_none());
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn chunks_cut_one_article_each() {
        let chunks = chunks(EMBEDDED).unwrap_or_default();
        assert_eq!(chunks.len(), 1);
        assert_eq!(chunks[0].0, "ukraine-war-korean-war");
        // Behind a count of 1, a chunk is a blob of its own.
        let mut one = 1u32.to_le_bytes().to_vec();
        one.extend(chunks[0].1);
        assert_eq!(one, EMBEDDED);
    }
}
