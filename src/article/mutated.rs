//! The article file against the network's accidents: the real article's file, changed a
//! thousand ways (bits flipped, bytes overwritten, cut, bytes inserted), is either refused
//! when it is added or renders exactly the article's own text. Nothing in between: a copy that
//! is accepted and shows other words is what the header and the checksum are there to stop.

use super::compiled::{open, Compiled};
use crate::blob;
use crate::fill::Fill;
use crate::labels::Labels;
use crate::part::Phase;
use crate::state::{Mode, State};
use crate::template;

/// splitmix64: a seeded sequence, so that a failure is the same failure on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// Changes `file` once, somewhere: one time in eight in its header (where a flip must not be
/// taken for another release's file), else anywhere.
fn mutate(file: &mut Vec<u8>, random: &mut Random) {
    let span = if random.below(8) == 0 { file.len().min(32) } else { file.len() };
    let at = random.below(span.max(1));
    match random.below(5) {
        0 => {
            if let Some(byte) = file.get_mut(at) {
                *byte ^= 1 << random.below(8);
            }
        }
        1 => {
            for i in at..(at + 1 + random.below(4)).min(file.len()) {
                file[i] = random.byte();
            }
        }
        2 => file.truncate(at),
        3 => {
            let end = (at + 1 + random.below(64)).min(file.len());
            file.drain(at..end);
        }
        _ => {
            for _ in 0..1 + random.below(4) {
                file.insert(at.min(file.len()), random.byte());
            }
        }
    }
}

/// What a reader would see of `articles`: each one's listing and its markup, in both modes,
/// in a shadow root and in the light DOM, with the default labels, live.
fn seen(articles: &[Compiled]) -> Vec<String> {
    let labels = Labels::default();
    let mut out = Vec::new();
    for article in articles {
        out.push(format!("{:?}", article.listing));
        for mode in [Mode::Summary, Mode::Full] {
            for parts in [true, false] {
                let fill = Fill { ids: "rw1-", labels: &labels, parts, build: reading_widget_view::BUILD };
                let state = State::new(mode, article.sections.len());
                out.push(template::html(article.template, &fill, &state, Phase::Live).0);
            }
        }
    }
    out
}

#[test]
fn a_mutated_article_file_is_refused_or_reads_as_the_article() {
    const PATH: &str = "content/ukraine-war-korean-war.md";
    let article = match content::compile(PATH, include_str!("../../content/ukraine-war-korean-war.md")) {
        Ok(article) => article,
        Err(problems) => panic!("{PATH} does not compile: {problems:?}"),
    };
    let file = blob::file(&[&article]);
    let original = match open(file.clone()) {
        Ok(articles) => seen(articles),
        Err(message) => panic!("the article's own file is refused: {message}"),
    };
    assert!(original.len() == 5 && original[1].contains("Korean War"), "{:?}", original.first());

    let mut random = Random(0x5eed_0fa1);
    let (mut identical, mut different) = (0, Vec::new());
    let mut refused: Vec<(String, usize)> = Vec::new();
    for copy in 0..1000 {
        let mut mutated = file.clone();
        for _ in 0..1 + random.below(3) {
            mutate(&mut mutated, &mut random);
        }
        match open(mutated) {
            Ok(articles) if seen(articles) == original => identical += 1,
            Ok(_) => different.push(copy),
            Err(message) => {
                // Counted by the kind of refusal: the message up to its first detail.
                let detail = |c: char| ":(;".contains(c) || c.is_ascii_digit();
                let kind = message.split(detail).next().unwrap_or_default().trim().to_owned();
                match refused.iter_mut().find(|(known, _)| *known == kind) {
                    Some((_, count)) => *count += 1,
                    None => refused.push((kind, 1)),
                }
            }
        }
    }
    let total: usize = refused.iter().map(|(_, count)| count).sum();
    println!(
        "1000 mutated copies: {total} refused {refused:?}, {identical} accepted and identical, {} \
         accepted and different",
        different.len()
    );
    assert_eq!(different, Vec::<usize>::new(), "accepted, and showing other text");
    assert_eq!(total + identical, 1000);
    // The mutations do change the file: nearly every copy differs from it.
    assert!(total > 950, "only {total} refused");
}
