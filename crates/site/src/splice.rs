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
//! Works on the bytes of the final module (after wasm-opt): read with `wasmparser` and written
//! with `wasm-encoder`, every section but three copied as it was (the memory, the data and the
//! data count).

use reading_widget_view::blob::{self, SPLICE_MARK};
use wasm_encoder::{ConstExpr, DataCountSection, DataSection, MemorySection, MemoryType, Module, RawSection};
use wasmparser::{BinaryReaderError, Data, DataKind, Parser, Payload};

use crate::page::models;

const PAGE: u64 = 65_536;
const MEMORY: u8 = 5;
const DATA: u8 = 11;
const DATA_COUNT: u8 = 12;

/// Every article of the content folders the pages are pre-rendered from ([`models`]), each as
/// an article file of one ([`blob::file`]: a header, then what build.rs would compile into a
/// module of that article alone), by slug.
pub fn article_files() -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    if models().is_empty() {
        return Err("no article compiles in the content folders; run make check".to_owned());
    }
    Ok(models().iter().map(|article| (article.slug.as_str(), blob::file(&[article]))).collect())
}

/// The name of an article's file in `pkg/articles/`: `<slug>.<build>.bin`. The build in the
/// name means a new release never asks for a file a cache kept from another one.
pub fn file_name(slug: &str) -> String {
    [slug, ".", reading_widget_view::BUILD, ".bin"].concat()
}

/// The blob of every article of those folders, in their order: what build.rs compiles into a
/// module that is not the shell.
pub fn all_articles() -> Vec<u8> {
    blob::articles(&models().iter().collect::<Vec<_>>())
}

/// `module`, a shell, with `blob` spliced in. Fails, naming what is wrong, on a module that is
/// not a shell of this widget, or whose memory cannot take the blob.
pub fn splice(module: &[u8], blob: &[u8]) -> Result<Vec<u8>, String> {
    if module.get(..8) != Some(b"\0asm\x01\0\0\0") {
        return Err("not a WebAssembly module (version 1)".to_owned());
    }
    let unreadable = |error: BinaryReaderError| format!("the module cannot be read: {error}");
    // One pass: the memory and the data segments, and every section in order (rewritten below
    // or copied as it was).
    let mut memories = Vec::new();
    let mut segments = Vec::new();
    let mut sections = Vec::new();
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.map_err(unreadable)?;
        match &payload {
            Payload::MemorySection(reader) => {
                for memory in reader.clone() {
                    memories.push(memory.map_err(unreadable)?);
                }
            }
            Payload::DataSection(reader) => {
                for segment in reader.clone() {
                    segments.push(segment.map_err(unreadable)?);
                }
            }
            _ => {}
        }
        if let Some(section) = payload.as_section() {
            sections.push(section);
        }
    }
    let memory = match memories.as_slice() {
        [memory] => *memory,
        [] => return Err("the module defines no memory".to_owned()),
        more => return Err(format!("the module defines {} memories; the widget's has one", more.len())),
    };
    if memory.shared || memory.memory64 || memory.page_size_log2.is_some() {
        return Err(
            "the module's memory is shared, 64-bit or of another page size; it cannot be spliced".to_owned()
        );
    }
    let length = u32::try_from(blob.len()).map_err(|_| "the blob is over 4 GiB")?;
    let pages = memory.initial + u64::from(length).div_ceil(PAGE).max(1);
    if let Some(max) = memory.maximum.filter(|max| pages > *max) {
        return Err(format!("the module's memory is capped at {max} pages; the blob needs {pages}"));
    }
    let at = i32::try_from(memory.initial * PAGE)
        .map_err(|_| "the module's memory is too large to splice into")?;
    let (marked, slots) = slots(&segments)?;

    let mut data = DataSection::new();
    for (i, segment) in segments.iter().enumerate() {
        let mut bytes = bytes(module, segment.range.clone())?.to_vec();
        if i == marked {
            // The segment's bytes end with its data: the slots are that far from the end.
            let from = bytes.len() - segment.data.len() + slots;
            bytes[from..from + 4].copy_from_slice(&at.to_le_bytes());
            bytes[from + 4..from + 8].copy_from_slice(&length.to_le_bytes());
        }
        data.raw(&bytes);
    }
    data.active(0, &ConstExpr::i32_const(at), blob.iter().copied());

    let mut out = Module::new();
    for (id, range) in sections {
        match id {
            MEMORY => {
                let mut section = MemorySection::new();
                section.memory(MemoryType {
                    minimum: pages,
                    maximum: memory.maximum,
                    memory64: false,
                    shared: false,
                    page_size_log2: None,
                });
                out.section(&section)
            }
            DATA_COUNT => out.section(&DataCountSection { count: data.len() }),
            DATA => out.section(&data),
            _ => out.section(&RawSection { id, data: bytes(module, range)? }),
        };
    }
    Ok(out.finish())
}

/// The segment whose data holds the splice mark with its slots unfilled, and where its slots
/// start in its data; or why there is none.
fn slots(segments: &[Data<'_>]) -> Result<(usize, usize), String> {
    let mut unfilled = SPLICE_MARK.to_vec();
    unfilled.extend([0xff; 8]);
    let mut found = Vec::new();
    let mut marks = 0;
    for (i, segment) in segments.iter().enumerate() {
        marks += segment.data.windows(SPLICE_MARK.len()).filter(|w| *w == SPLICE_MARK).count();
        let at = segment.data.windows(unfilled.len()).position(|w| w == unfilled);
        if let (Some(at), DataKind::Active { .. }) = (at, &segment.kind) {
            found.push((i, at + SPLICE_MARK.len()));
        }
    }
    match (found.as_slice(), marks) {
        ([one], 1) => Ok(*one),
        (_, 0) => Err("no splice mark in the module's data: it is not a reading-widget build".to_owned()),
        ([], _) => Err("this module has articles spliced in already; splice into the shell".to_owned()),
        _ => Err("the splice mark is in the module's data more than once".to_owned()),
    }
}

/// The module's bytes in `range` (a section's or a segment's, as wasmparser gives it).
fn bytes(module: &[u8], range: std::ops::Range<u64>) -> Result<&[u8], String> {
    let within = |range: std::ops::Range<u64>| {
        module.get(usize::try_from(range.start).ok()?..usize::try_from(range.end).ok()?)
    };
    within(range).ok_or_else(|| "a section runs past the end of the module".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module as the shell is, for what the splicer reads: a memory of `pages` (and a
    /// maximum), one active data segment at 1024 holding `data`, and a data count.
    fn shell(pages: u64, max: Option<u64>, data: &[u8]) -> Vec<u8> {
        let mut module = Module::new();
        let mut memory = MemorySection::new();
        memory.memory(MemoryType {
            minimum: pages,
            maximum: max,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memory);
        module.section(&DataCountSection { count: 1 });
        let mut segments = DataSection::new();
        segments.active(0, &ConstExpr::i32_const(1024), data.iter().copied());
        module.section(&segments);
        module.finish()
    }

    fn unfilled() -> Vec<u8> {
        let mut data = b"before".to_vec();
        data.extend(SPLICE_MARK);
        data.extend([0xff; 8]);
        data.extend(b"after");
        data
    }

    /// What a module says of itself: its memory's limits, its data count, and each data
    /// segment's offset (for an active one) and bytes.
    #[allow(clippy::type_complexity)]
    fn read(module: &[u8]) -> ((u64, Option<u64>), Option<u32>, Vec<(Option<i32>, Vec<u8>)>) {
        let (mut memory, mut count, mut segments) = ((0, None), None, Vec::new());
        for payload in Parser::new(0).parse_all(module) {
            match payload.unwrap_or_else(|error| panic!("{error}")) {
                Payload::MemorySection(reader) => {
                    let Some(Ok(m)) = reader.into_iter().next() else { panic!("no memory") };
                    memory = (m.initial, m.maximum);
                }
                Payload::DataCountSection { count: n, .. } => count = Some(n),
                Payload::DataSection(reader) => {
                    for segment in reader {
                        let Ok(segment) = segment else { panic!("a bad segment") };
                        let offset = match segment.kind {
                            DataKind::Active { offset_expr, .. } => {
                                match offset_expr.get_operators_reader().read() {
                                    Ok(wasmparser::Operator::I32Const { value }) => Some(value),
                                    other => panic!("{other:?}"),
                                }
                            }
                            DataKind::Passive => None,
                        };
                        segments.push((offset, segment.data.to_vec()));
                    }
                }
                _ => {}
            }
        }
        (memory, count, segments)
    }

    #[test]
    fn the_blob_goes_past_the_old_memory_and_the_slots_say_where() {
        let blob = vec![7u8; PAGE as usize + 1];
        let spliced = splice(&shell(17, None, &unfilled()), &blob).unwrap_or_default();
        let (memory, count, segments) = read(&spliced);
        // Two more pages: the blob needs a page and a byte.
        assert_eq!(memory, (19, None));
        assert_eq!(count, Some(2), "one more segment");
        let mut filled = b"before".to_vec();
        filled.extend(SPLICE_MARK);
        filled.extend((17 * PAGE as u32).to_le_bytes());
        filled.extend((PAGE as u32 + 1).to_le_bytes());
        filled.extend(b"after");
        assert_eq!(segments, [(Some(1024), filled), (Some(17 * PAGE as i32), blob)]);
    }

    #[test]
    fn a_cap_on_memory_is_kept_and_checked() {
        let spliced = splice(&shell(17, Some(40), &unfilled()), b"abc").unwrap_or_default();
        assert_eq!(read(&spliced).0, (18, Some(40)));
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
        let mut cut = shell(17, None, &unfilled());
        cut.truncate(cut.len() - 3);
        assert!(splice(&cut, b"abc").is_err_and(|error| error.starts_with("the module cannot be read: ")));
    }

    #[test]
    fn every_other_section_is_copied_as_it_was() {
        let mut module = Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut memory = MemorySection::new();
        memory.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memory);
        module.section(&wasm_encoder::CustomSection { name: "name".into(), data: b"kept".as_slice().into() });
        let mut segments = DataSection::new();
        segments.active(0, &ConstExpr::i32_const(8), unfilled());
        module.section(&segments);
        let module = module.finish();
        let spliced = splice(&module, b"abc").unwrap_or_default();
        let ids = |module: &[u8]| -> Vec<(u8, Vec<u8>)> {
            Parser::new(0)
                .parse_all(module)
                .filter_map(|payload| payload.ok()?.as_section())
                .map(|(id, range)| (id, module[range.start as usize..range.end as usize].to_vec()))
                .collect()
        };
        let (before, after) = (ids(&module), ids(&spliced));
        assert_eq!(
            before.iter().map(|s| s.0).collect::<Vec<_>>(),
            after.iter().map(|s| s.0).collect::<Vec<_>>()
        );
        assert_eq!(
            (before[0].clone(), before[2].clone()),
            (after[0].clone(), after[2].clone()),
            "the types and the custom section"
        );
    }

    #[test]
    fn each_article_gets_a_file_of_one() {
        // However many articles the content folders hold (READING_WIDGET_CONTENT).
        let files = article_files().unwrap_or_default();
        assert_eq!(files.len(), models().len());
        assert!(files.iter().any(|(slug, _)| *slug == "ukraine-war-korean-war"));
        let mut joined = Vec::new();
        reading_widget_view::blob::number(&mut joined, files.len());
        for (slug, file) in &files {
            let Ok(one) = blob::open(file) else { panic!("{slug}: its file does not open") };
            // A count of one, then the article with its length in front, then its slug.
            assert_eq!(one[0], 1);
            let mut reader = reading_widget_view::blob::Reader { bytes: &one[1..] };
            let length = reader.number().unwrap_or_default();
            assert_eq!(reader.bytes.len(), length, "{slug}: the length in front is the article's");
            assert_eq!(reader.text(), Some(*slug));
            joined.extend(&one[1..]);
        }
        assert_eq!(joined, all_articles(), "the blob of all is the count, then each article's");
    }

    #[test]
    fn a_file_is_named_by_its_slug_and_the_build() {
        let name = file_name("a-slug");
        assert_eq!(name, ["a-slug.", reading_widget_view::BUILD, ".bin"].concat());
        assert_eq!(name.len(), "a-slug.".len() + 16 + ".bin".len());
    }
}
