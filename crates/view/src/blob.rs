//! The articles' blob: what a module carries of each article, written at build time (build.rs)
//! and by the splicer (`crates/site`), read in place by the module (`src/article/compiled.rs`);
//! and the numbers, strings, lists and records it and the templates are made of, written and
//! read here alone.
//!
//! ```text
//! blob     = count, (length, article) × count
//! article  = listing (`listing.rs`: a record), template
//! template = length, bytes (`template.rs`)
//! record   = its fields, in the order they are declared
//! list     = count, item × count
//! string   = length, UTF-8 bytes
//! number   = LEB128 (one byte below 128, as most are)
//! ```
//!
//! Each article has its length in front, so a module can be given any of them, alone or
//! together, after the build.

use model::Article;

use crate::listing::{Listing, SectionListing};
use crate::template;

/// Eight bytes the splicer (`crates/site/src/splice.rs`) finds in the module's data, followed
/// by the two `u32` slots it writes: the spliced articles' address and length
/// (`src/article/compiled.rs` reads them).
pub const SPLICE_MARK: [u8; 8] = *b"rwSPLICE";

/// The blob of `articles`, in their order, each with its template ([`template::of`]).
pub fn articles(articles: &[&Article]) -> Vec<u8> {
    let mut out = Vec::new();
    number(&mut out, articles.len());
    for article in articles {
        let (date, tags) = (article.iso_date(), article.tags.iter().map(String::as_str).collect::<Vec<_>>());
        let sections: Vec<SectionListing> = SectionListing::all_of(article);
        let mut one = Vec::new();
        Listing::of(article, &date, &tags, &sections).write(&mut one);
        let template = template::of(article);
        number(&mut one, template.len());
        one.extend(template);
        number(&mut out, one.len());
        out.extend(one);
    }
    out
}

/// What is written into a blob, as [`Read`] reads it back.
pub trait Write {
    fn write(&self, out: &mut Vec<u8>);
}

/// What is read in place from a blob whose bytes live for `'a` (in the page, for the life of
/// the page).
pub trait Read<'a>: Sized {
    /// `None` if the bytes are not such a value (a damaged or foreign blob).
    fn read(reader: &mut Reader<'a>) -> Option<Self>;
}

impl Write for &str {
    fn write(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl<'a> Read<'a> for &'a str {
    fn read(reader: &mut Reader<'a>) -> Option<Self> {
        reader.text()
    }
}

impl Write for u32 {
    fn write(&self, out: &mut Vec<u8>) {
        number(out, *self as usize);
    }
}

impl Read<'_> for u32 {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(reader.number()?).ok()
    }
}

impl<T: Write> Write for &[T] {
    fn write(&self, out: &mut Vec<u8>) {
        number(out, self.len());
        self.iter().for_each(|item| item.write(out));
    }
}

/// A list, leaked: it lives as long as the blob its items point into (the page).
impl<'a, T: Read<'a> + 'a> Read<'a> for &'a [T] {
    fn read(reader: &mut Reader<'a>) -> Option<Self> {
        let count = reader.number()?;
        // Never trust a count for the allocation: each item takes at least a byte.
        if count > reader.bytes.len() {
            return None;
        }
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(T::read(reader)?);
        }
        Some(Box::leak(items.into_boxed_slice()))
    }
}

/// Declares a struct that is written into a blob and read back as its fields, in the order
/// they are declared: the fields are listed once, here, for both.
macro_rules! record {
    ($(#[$attr:meta])* pub struct $name:ident<'a> {
        $($(#[$field_attr:meta])* pub $field:ident: $type:ty,)*
    }) => {
        $(#[$attr])*
        pub struct $name<'a> {
            $($(#[$field_attr])* pub $field: $type,)*
        }

        impl $crate::blob::Write for $name<'_> {
            fn write(&self, out: &mut Vec<u8>) {
                $($crate::blob::Write::write(&self.$field, out);)*
            }
        }

        impl<'a> $crate::blob::Read<'a> for $name<'a> {
            fn read(reader: &mut $crate::blob::Reader<'a>) -> Option<Self> {
                Some($name { $($field: $crate::blob::Read::read(reader)?,)* })
            }
        }
    };
}
pub(crate) use record;

/// Writes `text` as its length, then its UTF-8 bytes.
pub fn string(out: &mut Vec<u8>, text: &str) {
    number(out, text.len());
    out.extend(text.as_bytes());
}

/// Reads the module's data in place: numbers and strings, as [`number`] and [`string`] write
/// them. Templates and the articles' blob (`src/article/compiled.rs`) are read with it.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(taken)
    }

    pub fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    pub fn number(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in [0, 7, 14, 21, 28] {
            let byte = self.byte()?;
            value |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn text(&mut self) -> Option<&'a str> {
        let length = self.number()?;
        // SAFETY: every string here was written from a Rust `&str` at build time (`write`,
        // `articles`) and is part of the module, as trusted as its code; the native
        // tests read every one through `std::str::from_utf8`. Checking again in the page would
        // cost code (BENCHMARKS.md, "What the code's choices saved").
        Some(unsafe { std::str::from_utf8_unchecked(self.take(length)?) })
    }
}

/// Writes `n` as LEB128, as `Reader::number` reads it.
pub fn number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}
