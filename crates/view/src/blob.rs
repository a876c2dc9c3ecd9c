//! The articles' blob: what a module carries of each article, written at build time (build.rs)
//! and by the splicer (`crates/site`), read in place by the module (`src/article/compiled.rs`);
//! the article file that carries a blob over the network (`pkg/articles/<slug>.<build>.bin`);
//! and the numbers, strings, lists and records they and the templates are made of, written and
//! read here alone.
//!
//! ```text
//! file     = MAGIC (4 bytes), format (number: FORMAT), build (string: BUILD),
//!            checksum (4 bytes, little-endian: 32-bit FNV-1a of every byte after it), blob
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
//!
//! A blob built into or spliced into the module is part of it and needs no header. A file comes
//! from a server or a cache and may be another release's, cut short or damaged on the way:
//! [`open`] refuses it unless its header names this format and this build (the markup's and
//! this file format's, `BUILD`) and its checksum matches. Every string is checked as UTF-8
//! when it is read, wherever it came from.

use model::Article;

use crate::listing::{Listing, SectionListing};
use crate::{template, BUILD};

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

/// The first bytes of an article file: what tells it from an error page or another file.
pub const MAGIC: [u8; 4] = *b"rwAF";

/// The version of the file's grammar (above), checked before the build: the header up to the
/// build is read the same way by every release, so a file whose rest another grammar wrote is
/// refused as such rather than read. A change to the grammar changes [`BUILD`] too (build.rs
/// hashes this file).
pub const FORMAT: u32 = 1;

/// The article file of `articles`: the header, then their blob ([`articles`]).
pub fn file(articles: &[&Article]) -> Vec<u8> {
    file_of(FORMAT, BUILD, &self::articles(articles))
}

/// A file of `blob` with this header: [`file`] writes this build's; tests write others.
pub fn file_of(format: u32, build: &str, blob: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    number(&mut out, format as usize);
    string(&mut out, build);
    out.extend(fnv1a(blob).to_le_bytes());
    out.extend(blob);
    out
}

/// 32-bit FNV-1a: catches a cut, a flipped bit or a byte changed on the way. Not a defence
/// against a file made to pass: an article file is as trusted as the module itself (its
/// templates name the elements and attributes the widget makes), and comes from where the
/// page says.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, byte| (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193))
}

/// Why [`open`] refused a file.
#[derive(Debug, PartialEq)]
pub enum Refused<'a> {
    /// It does not start with [`MAGIC`].
    NotAFile,
    /// Its header says another [`FORMAT`] or names another build: the one given, if it is one.
    Release(Option<&'a str>),
    /// Its checksum does not match its bytes, or its header is cut short.
    Damaged,
    /// Its checksum matches, and its blob does not read: a writer's fault, not the network's
    /// (its templates are read at each mount, and one that ends early is said then).
    Malformed,
}

impl Refused<'_> {
    /// What is wrong and what to do, for `ReadingWidget.addArticles`' `Error`.
    pub fn message(&self) -> String {
        const AGAIN: &str = ": build the articles again with this release";
        match self {
            Refused::NotAFile => "these bytes are not an article file".to_owned(),
            Refused::Release(build) => [
                "this article file was written by another release (build ",
                build.unwrap_or("?"),
                "); this module reads build ",
                BUILD,
                AGAIN,
            ]
            .concat(),
            Refused::Damaged => {
                "this article file is damaged (its checksum does not match): fetch or build it again"
                    .to_owned()
            }
            Refused::Malformed => ["this article file is malformed", AGAIN].concat(),
        }
    }
}

/// The blob of an article file, if the file is one, of this format and build, and undamaged.
/// The blob itself is read by its reader (`src/article/compiled.rs`), which says
/// [`Refused::Malformed`] if it does not read.
pub fn open(file: &[u8]) -> Result<&[u8], Refused<'_>> {
    let mut reader = Reader { bytes: file };
    if reader.take(MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err(Refused::NotAFile);
    }
    // Another format is another release: the build id covers the format's code (blob.rs), so
    // one message says both.
    let format = reader.number().ok_or(Refused::Damaged)?;
    let length = reader.number().ok_or(Refused::Damaged)?;
    let build = reader.take(length).ok_or(Refused::Damaged)?;
    if format != FORMAT as usize || build != BUILD.as_bytes() {
        // Named in the message only if it looks like a build id: the bytes could be anything.
        let hex = build.len() == BUILD.len() && build.iter().all(u8::is_ascii_hexdigit);
        // SAFETY: ASCII hex digits are UTF-8.
        let named = hex.then(|| unsafe { std::str::from_utf8_unchecked(build) });
        return Err(if hex || format != FORMAT as usize {
            Refused::Release(named)
        } else {
            Refused::Damaged
        });
    }
    let checksum = reader.take(4).ok_or(Refused::Damaged)?;
    if checksum != fnv1a(reader.bytes).to_le_bytes() {
        return Err(Refused::Damaged);
    }
    Ok(reader.bytes)
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

    /// A string of a blob, taken as UTF-8 without checking it again.
    pub fn text(&mut self) -> Option<&'a str> {
        let length = self.number()?;
        // SAFETY: every blob read here was written by this file's writer from Rust `&str`s
        // (`string`): the module's own, compiled in, or an article file's, which `open` let
        // through only if its checksum matched the bytes that writer wrote. A file made to pass
        // the checksum is outside what a check here could defend: its templates name the very
        // elements and attributes the widget makes, so a page trusts its article files as it
        // trusts the module. The native tests read every string of every blob through
        // `std::str::from_utf8`; checking again in the page costs 357 B of module.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_its_header_then_its_blob() {
        let mut expected = b"rwAF\x01\x03abc".to_vec();
        expected.extend(fnv1a(b"xyz").to_le_bytes());
        expected.extend(b"xyz");
        assert_eq!(file_of(1, "abc", b"xyz"), expected);
        // FNV-1a's published test vectors.
        assert_eq!((fnv1a(b""), fnv1a(b"a"), fnv1a(b"foobar")), (0x811c_9dc5, 0xe40c_292c, 0xbf9c_f968));
        let article = crate::testing::article();
        let file = file(&[&article]);
        assert_eq!(open(&file), Ok(articles(&[&article]).as_slice()));
        assert_eq!(&file[4..6], [1, 16], "format 1, then a build id of 16 characters");
        assert_eq!(BUILD.len(), 16);
    }

    #[test]
    fn a_file_that_is_not_of_this_format_and_build_or_is_damaged_is_refused() {
        let blob = b"any blob";
        assert_eq!(open(b""), Err(Refused::NotAFile));
        assert_eq!(open(b"<!doctype html>"), Err(Refused::NotAFile));
        assert_eq!(open(blob), Err(Refused::NotAFile), "a blob without its header");
        assert_eq!(open(&file_of(2, BUILD, blob)), Err(Refused::Release(Some(BUILD))), "another format");
        assert_eq!(open(&file_of(2, "<script>", blob)), Err(Refused::Release(None)));
        assert_eq!(
            open(&file_of(1, "0123456789abcdef", blob)),
            Err(Refused::Release(Some("0123456789abcdef")))
        );
        // A build id that is not one is not quoted: a damaged header.
        assert_eq!(open(&file_of(1, "<script>", blob)), Err(Refused::Damaged));
        let file = file_of(1, BUILD, blob);
        assert_eq!(open(&file), Ok(blob.as_slice()));
        for cut in [5, 10, file.len() - blob.len() - 1, file.len() - 1] {
            assert_eq!(open(&file[..cut]), Err(Refused::Damaged), "cut at {cut}");
        }
        let mut flipped = file.clone();
        if let Some(last) = flipped.last_mut() {
            *last ^= 0x20;
        }
        assert_eq!(open(&flipped), Err(Refused::Damaged));
    }
}
