//! Reads the models' blob that `crates/content/src/codegen.rs` writes, in place: the model's strings are
//! slices of the blob, and only the lists are allocated, once, for the life of the program.
//! Native code and build.rs read it; the module in the page does not (it has templates).
//!
//! The blob is little-endian `u32` numbers and strings (a length, then UTF-8 bytes):
//!
//! ```text
//! blob     = count, (length, article) × count
//! article  = slug, title, dek, topic, region, brand, language, image_caption, image_credit,
//!            author_name, author_bio, date, date_text, tags: count × string, minutes,
//!            summary: count × inlines, sections: count × section
//! section  = id, heading, minutes_left, blocks: count × block
//! block    = 0 inlines (a paragraph) | 1 ordered:u8 items: count × inlines (a list)
//! inlines  = count × (0 text | 1 inlines (em) | 2 inlines (strong) | 3 code | 4 href inlines)
//! ```

use super::{Article, Block, Inline, Section};

/// Every article of `blob`, or `None` if it is not a whole blob.
pub(crate) fn decode(blob: &'static [u8]) -> Option<&'static [Article]> {
    let mut reader = Reader { bytes: blob };
    let articles = reader.list(|reader| {
        let length = reader.number()? as usize;
        let mut one = Reader { bytes: reader.take(length)? };
        let article = one.article()?;
        one.bytes.is_empty().then_some(article)
    })?;
    reader.bytes.is_empty().then_some(articles)
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
