//! Gives each article a module of its own, from one build: the shell (built with
//! `READING_WIDGET_SHELL=1`, no article inside) with an articles' blob added as a data segment.
//! A page of one article then downloads that article and the shared code, and 100 articles
//! cost one build and 100 copies, not 100 builds.
//!
//! Where the blob goes: just past the end of the module's initial memory, whose minimum grows
//! by the pages it needs. Everything Rust lays out (stack, statics) is below the old end, and
//! the allocator (`src/alloc.rs`) only takes memory past the end it finds at its first call,
//! so nothing ever writes there. The module learns where the blob is from the two slots after
//! [`SPLICE_MARK`] in its data, written here in place (`src/article/compiled.rs` reads them).
//!
//! Works on the bytes of the final module (after wasm-opt), with nothing but the WebAssembly
//! binary format: sections, LEB128 numbers, the memory's limits and active data segments.

use content::codegen::articles_blob;
use reading_widget_view::template::{self, SPLICE_MARK};

use crate::page::models;

const PAGE: usize = 65_536;
const MEMORY: u8 = 5;
const DATA: u8 = 11;
const DATA_COUNT: u8 = 12;

/// Every article of the content folders the pages are pre-rendered from ([`models`]), each as
/// a blob of one, by slug: what build.rs would compile into a module of that article alone.
pub fn article_blobs() -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    if models().is_empty() {
        return Err("no article compiles in the content folders; run make check".to_owned());
    }
    Ok(models()
        .iter()
        .map(|article| (article.slug.as_str(), articles_blob(&[(article, template::of(article))])))
        .collect())
}

/// The blob of every article of those folders, in their order: what build.rs compiles into a
/// module that is not the shell.
pub fn all_articles() -> Vec<u8> {
    let templates: Vec<_> = models().iter().map(|article| (article, template::of(article))).collect();
    articles_blob(&templates)
}

/// `module`, a shell, with `blob` spliced in. Fails, naming what is wrong, on a module that is
/// not a shell of this widget, or whose memory cannot take the blob.
pub fn splice(module: &[u8], blob: &[u8]) -> Result<Vec<u8>, String> {
    let sections = sections(module)?;
    let memory = sections.iter().find(|(id, _)| *id == MEMORY).ok_or("the module defines no memory")?;
    let (old_pages, max) = memory_limits(memory.1)?;
    let added = blob.len().div_ceil(PAGE).max(1);
    let pages = old_pages + added;
    if let Some(max) = max.filter(|max| pages > *max) {
        return Err(format!("the module's memory is capped at {max} pages; the blob needs {pages}"));
    }
    let at = old_pages * PAGE;
    let at_u32 = u32::try_from(at).map_err(|_| "the module's memory is too large to splice into")?;
    let length = u32::try_from(blob.len()).map_err(|_| "the blob is over 4 GiB")?;

    let mut out = module.get(..8).ok_or("not a WebAssembly module")?.to_vec();
    for (id, payload) in &sections {
        let payload = match *id {
            MEMORY => {
                let mut limits = vec![1];
                match max {
                    None => limits.push(0),
                    Some(_) => limits.push(1),
                }
                leb(&mut limits, pages as u64);
                if let Some(max) = max {
                    leb(&mut limits, max as u64);
                }
                limits
            }
            DATA => with_segment(payload, at_u32, length, blob)?,
            DATA_COUNT => {
                let (count, _) = read_leb(payload, 0)?;
                let mut bytes = Vec::new();
                leb(&mut bytes, count + 1);
                bytes
            }
            _ => payload.to_vec(),
        };
        out.push(*id);
        leb(&mut out, payload.len() as u64);
        out.extend(payload);
    }
    Ok(out)
}

/// The module's sections, in order: (id, payload).
fn sections(module: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    if module.get(..8) != Some(b"\0asm\x01\0\0\0") {
        return Err("not a WebAssembly module (version 1)".to_owned());
    }
    let mut sections = Vec::new();
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        let (size, start) = read_leb(module, at + 1)?;
        let end = start.checked_add(size as usize).filter(|end| *end <= module.len());
        let end = end.ok_or("a section runs past the end of the module")?;
        sections.push((id, &module[start..end]));
        at = end;
    }
    Ok(sections)
}

/// The one memory's minimum and maximum, in pages.
fn memory_limits(payload: &[u8]) -> Result<(usize, Option<usize>), String> {
    let (count, at) = read_leb(payload, 0)?;
    if count != 1 {
        return Err(format!("the module defines {count} memories; the widget's has one"));
    }
    let flags = *payload.get(at).ok_or("the memory section is cut short")?;
    let (min, at) = read_leb(payload, at + 1)?;
    match flags {
        0 => Ok((min as usize, None)),
        1 => Ok((min as usize, Some(read_leb(payload, at)?.0 as usize))),
        _ => Err(format!("the module's memory is shared or 64-bit (flags {flags}); it cannot be spliced")),
    }
}

/// The data section with the splice slots filled in and one more active segment: the blob at
/// `at`.
fn with_segment(payload: &[u8], at: u32, length: u32, blob: &[u8]) -> Result<Vec<u8>, String> {
    let mut unfilled = SPLICE_MARK.to_vec();
    unfilled.extend([0xff; 8]);
    let found: Vec<usize> =
        payload.windows(unfilled.len()).enumerate().filter(|(_, w)| *w == unfilled).map(|(i, _)| i).collect();
    let slots = match found.as_slice() {
        [one] => one + SPLICE_MARK.len(),
        [] if payload.windows(SPLICE_MARK.len()).any(|w| w == SPLICE_MARK) => {
            return Err("this module has articles spliced in already; splice into the shell".to_owned())
        }
        [] => return Err("no splice mark in the module's data: it is not a reading-widget build".to_owned()),
        _ => return Err("the splice mark is in the module's data more than once".to_owned()),
    };
    let (count, segments_at) = read_leb(payload, 0)?;
    let mut out = Vec::with_capacity(payload.len() + blob.len() + 16);
    leb(&mut out, count + 1);
    let mut segments = payload[segments_at..].to_vec();
    // The slots are at the same place in the segments, behind the count.
    let slots = slots - segments_at;
    segments[slots..slots + 4].copy_from_slice(&at.to_le_bytes());
    segments[slots + 4..slots + 8].copy_from_slice(&length.to_le_bytes());
    out.extend(segments);
    // An active segment of memory 0: `i32.const at`, `end`, then the bytes.
    out.push(0);
    out.push(0x41);
    sleb(&mut out, i64::from(at));
    out.push(0x0b);
    leb(&mut out, blob.len() as u64);
    out.extend(blob);
    Ok(out)
}

fn read_leb(bytes: &[u8], mut at: usize) -> Result<(u64, usize), String> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(at).ok_or("a number runs past the end of the module")?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    Err("a number in the module is too long".to_owned())
}

fn leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut value: i64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
        if done {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(out: &mut Vec<u8>, id: u8, payload: &[u8]) {
        out.push(id);
        leb(out, payload.len() as u64);
        out.extend(payload);
    }

    /// A module as the shell is, for what the splicer reads: a memory of `pages` (and a
    /// maximum), one active data segment at 1024 holding `data`, and a data count.
    fn shell(pages: u8, max: Option<u8>, data: &[u8]) -> Vec<u8> {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        let memory = match max {
            None => vec![1, 0, pages],
            Some(max) => vec![1, 1, pages, max],
        };
        section(&mut module, MEMORY, &memory);
        section(&mut module, DATA_COUNT, &[1]);
        let mut segments = vec![1, 0, 0x41];
        sleb(&mut segments, 1024);
        segments.push(0x0b);
        leb(&mut segments, data.len() as u64);
        segments.extend(data);
        section(&mut module, DATA, &segments);
        module
    }

    fn unfilled() -> Vec<u8> {
        let mut data = b"before".to_vec();
        data.extend(SPLICE_MARK);
        data.extend([0xff; 8]);
        data.extend(b"after");
        data
    }

    #[test]
    fn the_blob_goes_past_the_old_memory_and_the_slots_say_where() {
        let blob = vec![7u8; PAGE + 1];
        let spliced = splice(&shell(17, None, &unfilled()), &blob).unwrap_or_default();
        let sections = sections(&spliced).unwrap_or_default();
        // Two more pages: the blob needs a page and a byte.
        assert_eq!(memory_limits(sections[0].1), Ok((19, None)));
        assert_eq!(sections[1], (DATA_COUNT, &[2u8][..]));
        let data = sections[2].1;
        assert_eq!(data[0], 2, "one more segment");
        let mut filled = SPLICE_MARK.to_vec();
        filled.extend((17 * PAGE as u32).to_le_bytes());
        filled.extend((PAGE as u32 + 1).to_le_bytes());
        assert!(data.windows(16).any(|w| w == filled.as_slice()));
        let mut segment = vec![0, 0x41];
        sleb(&mut segment, 17 * PAGE as i64);
        segment.push(0x0b);
        leb(&mut segment, blob.len() as u64);
        segment.extend(&blob);
        assert!(data.ends_with(&segment));
    }

    #[test]
    fn a_cap_on_memory_is_kept_and_checked() {
        let spliced = splice(&shell(17, Some(40), &unfilled()), b"abc").unwrap_or_default();
        assert_eq!(memory_limits(sections(&spliced).unwrap_or_default()[0].1), Ok((18, Some(40))));
        assert_eq!(
            splice(&shell(17, Some(17), &unfilled()), b"abc"),
            Err("the module's memory is capped at 17 pages; the blob needs 18".to_owned())
        );
    }

    #[test]
    fn refuses_modules_that_are_not_a_shell() {
        assert_eq!(
            splice(&shell(17, None, b"no mark"), b"abc"),
            Err("no splice mark in the module's data: it is not a reading-widget build".to_owned())
        );
        let once = splice(&shell(17, None, &unfilled()), b"abc").unwrap_or_default();
        assert_eq!(
            splice(&once, b"abc"),
            Err("this module has articles spliced in already; splice into the shell".to_owned())
        );
        let mut twice = unfilled();
        twice.extend(unfilled());
        assert_eq!(
            splice(&shell(17, None, &twice), b"abc"),
            Err("the splice mark is in the module's data more than once".to_owned())
        );
        assert_eq!(
            splice(b"\0asm\x02\0\0\0", b"abc"),
            Err("not a WebAssembly module (version 1)".to_owned())
        );
    }

    #[test]
    fn numbers_round_trip() {
        for value in [0u64, 1, 127, 128, 65_536, 1_114_112, u64::from(u32::MAX)] {
            let mut bytes = Vec::new();
            leb(&mut bytes, value);
            assert_eq!(read_leb(&bytes, 0), Ok((value, bytes.len())));
        }
        let mut bytes = Vec::new();
        sleb(&mut bytes, 1_114_112);
        // 1_114_112 = 0x11_0000: its top bit set in the third group needs a fourth byte.
        assert_eq!(bytes, [0x80, 0x80, 0xc4, 0x00]);
    }

    #[test]
    fn each_article_gets_a_blob_of_one() {
        let blobs = article_blobs().unwrap_or_default();
        assert_eq!(blobs.len(), 1);
        assert_eq!(blobs[0].0, "ukraine-war-korean-war");
        assert_eq!(blobs[0].1, all_articles());
        // A count of one, then the article with its length in front, then its slug.
        let slug = b"ukraine-war-korean-war";
        assert_eq!(blobs[0].1[0], 1);
        let length_bytes = if blobs[0].1.len() - 1 > 16_383 { 3 } else { 2 };
        let after_length = &blobs[0].1[1 + length_bytes..];
        assert_eq!((after_length[0] as usize, &after_length[1..=slug.len()]), (slug.len(), &slug[..]));
    }
}
