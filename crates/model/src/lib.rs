//! The article model: what the content compiler (`crates/content`) checks an article file into,
//! and what the view (`crates/view`) renders. Plain owned data, declared once; the values the
//! widget shows that follow from it (reading times, the date as written) are methods here.

/// The reading rate behind every "N min" the widget shows: 238 words a minute is the average
/// for silent reading of non-fiction in English (Brysbaert, 2019).
pub const WORDS_PER_MINUTE: usize = 238;

/// One article, checked. Everything the widget shows comes from here.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub topic: String,
    pub region: String,
    pub brand: String,
    pub tags: Vec<String>,
    pub language: String,
    pub dek: String,
    pub image_caption: String,
    pub image_credit: String,
    pub author_name: String,
    pub author_bio: String,
    /// The "What You Need to Know" bullets.
    pub summary: Vec<Vec<Inline>>,
    pub sections: Vec<Section>,
}

/// A calendar date, already checked by the TOML parser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A `## ` heading and the text under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Unique in the article; from `{#id}` after the heading, or derived from the heading.
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List { ordered: bool, items: Vec<Vec<Inline>> },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Code(String),
    Link { href: String, children: Vec<Inline> },
}

impl Article {
    /// Words a reader reads in full mode: the summary and every section.
    pub fn words(&self) -> usize {
        let summary: usize = self.summary.iter().map(|item| inline_words(item)).sum();
        summary + self.sections.iter().map(Section::words).sum::<usize>()
    }

    /// Reading time of the full article, rounded up.
    pub fn reading_minutes(&self) -> usize {
        minutes_for(self.words())
    }

    /// Reading time from the top of section `i` to the end of the article, rounded up.
    pub fn minutes_left(&self, i: usize) -> usize {
        minutes_for(self.sections.get(i..).unwrap_or_default().iter().map(Section::words).sum())
    }

    /// The date as ISO 8601, for `<time datetime>` and the API.
    pub fn iso_date(&self) -> String {
        iso_date(self.date)
    }

    /// The date as readers see it, e.g. "October 23, 2024".
    pub fn date_text(&self) -> String {
        display_date(self.date, &self.language)
    }
}

impl Section {
    pub fn words(&self) -> usize {
        let body: usize = self
            .blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(inlines) => inline_words(inlines),
                Block::List { items, .. } => items.iter().map(|item| inline_words(item)).sum(),
            })
            .sum();
        count_words(&self.heading) + body
    }
}

/// Whole minutes, rounded up, and never 0: "0 min" reads like a bug.
pub fn minutes_for(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn inline_words(inlines: &[Inline]) -> usize {
    // Words may straddle inline boundaries ("*un*likely"), so count over the joined text.
    count_words(&plain_text(inlines))
}

/// The text of inlines without their formatting.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(children) | Inline::Strong(children) | Inline::Link { children, .. } => {
                out.push_str(&plain_text(children))
            }
        }
    }
    out
}

/// Month names for the English date line; other languages get the ISO date.
pub fn display_date(date: Date, language: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::from(date.month).wrapping_sub(1));
    match month {
        Some(month) if language == "en" || language.starts_with("en-") => {
            format!("{month} {}, {}", date.day, date.year)
        }
        _ => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
    }
}

pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}
