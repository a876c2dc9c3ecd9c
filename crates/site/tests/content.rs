//! Native tests of the build-time content compiler (this crate): the real article
//! compiles to the model the widget shows, and every invalid article fails with the complete,
//! exact list of `path:LINE:COL: message` diagnostics an editor would read.

use content::{css, plain_text, Article, Block, Date, Diagnostic, Inline, WORDS_PER_MINUTE};
use reading_widget_view::fill::Fill;
use reading_widget_view::labels::Labels;
use reading_widget_view::part::Phase;
use reading_widget_view::state::{Mode, State};
use reading_widget_view::view::{self, Context};
use reading_widget_view::{blob, html, template};

/// `content::compile`. With `FUZZ_SEEDS` set to a folder, each text is also written there: the
/// fuzzer (`make fuzz`, `make fuzz-smoke`) starts from every case of this file.
fn compile(path: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    if let Some(folder) = std::env::var_os("FUZZ_SEEDS") {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        let file = std::path::Path::new(&folder).join(format!("{:016x}.md", hasher.finish()));
        if let Err(error) = std::fs::write(&file, text) {
            panic!("FUZZ_SEEDS: cannot write {}: {error}", file.display());
        }
    }
    content::compile(path, text)
}

const REAL_PATH: &str = "content/ukraine-war-korean-war.md";
const REAL_TEXT: &str = include_str!("../../../content/ukraine-war-korean-war.md");

const RAW_HTML: &str = "raw HTML is not allowed: the widget never injects markup; write it as Markdown (*emphasis*, **strong**, [links](https://…))";

/// A small article that compiles; each invalid case changes one part of it. The comments are
/// line numbers, so the expected `LINE:COL` of each case can be checked by eye.
fn valid_article() -> String {
    [
        "+++",                                                                  // 1
        "title = \"Seoul Weighs Sending Arms\"",                                // 2
        "slug = \"seoul-arms\"",                                                // 3
        "date = 2024-10-23",                                                    // 4
        "topic = \"Security\"",                                                 // 5
        "region = \"Asia\"",                                                    // 6
        "brand = \"The Buzz\"",                                                 // 7
        "tags = [\"South Korea\", \"Ukraine\"]",                                // 8
        "language = \"en\"",                                                    // 9
        "dek = \"Aid could be the spark.\"",                                    // 10
        "",                                                                     // 11
        "[image]",                                                              // 12
        "caption = \"A K-2 tank\"",                                             // 13
        "credit = \"Shutterstock\"",                                            // 14
        "",                                                                     // 15
        "[author]",                                                             // 16
        "name = \"Jane Doe\"",                                                  // 17
        "bio = \"Jane Doe writes about defense.\"",                             // 18
        "+++",                                                                  // 19
        "",                                                                     // 20
        "- Seoul may send arms.",                                               // 21
        "- Pyongyang has sent troops.",                                         // 22
        "",                                                                     // 23
        "## Arms for Kyiv",                                                     // 24
        "",                                                                     // 25
        "Officials said so, according to [Reuters](https://www.reuters.com/).", // 26
        "",                                                                     // 27
        "## The Risk",                                                          // 28
        "",                                                                     // 29
        "Write to [the desk](mailto:desk@example.com) with questions.",         // 30
    ]
    .join("\n")
        + "\n"
}

/// The valid article with `from` (which must occur exactly once) replaced by `to`.
fn with(from: &str, to: &str) -> String {
    let text = valid_article();
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// Every diagnostic for `text`, as the build prints it. `make check --format json` is run on
/// the same text (`src/bin/check.rs`) and must report the same problems, field and fix.
fn errors(text: &str) -> Vec<String> {
    match compile("content/x.md", text) {
        Ok(article) => panic!("expected errors, but it compiled: {article:?}"),
        Err(diagnostics) => {
            check_reports_the_same(text, &diagnostics);
            diagnostics.iter().map(ToString::to_string).collect()
        }
    }
}

/// The check binary, on `text` as the one file of a folder, in JSON: one object per problem,
/// each the diagnostic the compiler gave, and exit status 1.
fn check_reports_the_same(text: &str, diagnostics: &[Diagnostic]) {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let folder = Folder::with(&format!("check-{:016x}", hasher.finish()), &[("x.md", text)]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_check"))
        .args(["--format", "json", &folder.name()])
        .output()
        .expect("the check binary runs");
    assert_eq!(output.status.code(), Some(1), "check fails on {text:?}");
    let reported: serde_json::Value = serde_json::from_slice(&output.stdout).expect("check prints JSON");
    let file = folder.0.join("x.md").to_string_lossy().into_owned();
    let expected: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({ "file": file, "line": d.line, "column": d.column, "field": d.field,
                "message": d.message, "fix": d.fix })
        })
        .collect();
    assert_eq!(reported, serde_json::Value::Array(expected));
}

// The real article

/// The real article, compiled; on failure the panic shows what the build would print.
fn real_article() -> Article {
    compile(REAL_PATH, REAL_TEXT).unwrap_or_else(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("{REAL_PATH} does not compile:\n{}", lines.join("\n"))
    })
}

#[test]
fn real_article_compiles_with_its_front_matter() {
    let article = real_article();
    assert_eq!(article.title, "The Ukraine War Could Be the Spark to Restart the Korean War");
    assert_eq!(article.slug, "ukraine-war-korean-war");
    assert_eq!(article.date, Date { year: 2024, month: 10, day: 23 });
    assert_eq!(article.topic, "Security");
    assert_eq!(article.region, "Asia");
    assert_eq!(article.brand, "The Buzz");
    assert_eq!(article.tags, ["North Korea", "South Korea", "Military", "Defense", "Ukraine", "Russia"]);
    assert_eq!(article.language, "en");
    assert_eq!(
        article.dek,
        "Though Seoul could also provide small arms, ordnance and other military hardware, it would almost certainly stop well short of putting actual boots on the ground in Ukraine. Yet, even sending aid could be the spark that reignites the Korean War."
    );
    assert_eq!(article.image_caption, "Ukraine War MSTA-S 155mm");
    assert_eq!(article.image_credit, "Creative Commons and/or Shutterstock.");
    assert_eq!(article.author_name, "Peter Suciu");
    assert!(article.author_bio.starts_with("Peter Suciu is a Michigan-based writer."));
}

#[test]
fn real_article_has_three_summary_bullets_and_four_sections() {
    let article = real_article();
    let summary: Vec<String> = article.summary.iter().map(|item| plain_text(item)).collect();
    assert_eq!(summary.len(), 3);
    assert_eq!(
        summary[0],
        "North Korea has reportedly deployed up to 3,000 troops to support Russia's invasion of Ukraine, with more expected to follow."
    );
    assert!(summary[1].contains("North Korea’s aid marks a deepening of the alliance"));
    assert!(summary[2].starts_with("Meanwhile, South Korea has hinted"));

    let sections: Vec<(&str, &str, usize)> =
        article.sections.iter().map(|s| (s.id.as_str(), s.heading.as_str(), s.blocks.len())).collect();
    assert_eq!(
        sections,
        [
            ("the-korean-war-could-reignite-in-ukraine", "The Korean War Could Reignite In Ukraine", 2),
            ("the-dead-and-the-deserters", "The Dead and the Deserters", 3),
            ("did-north-korea-fall-for-a-putin-trap", "Did North Korea Fall for a \"Putin Trap?\"", 4),
            ("will-seoul-send-its-forces", "Will Seoul Send Its Forces?", 3),
        ]
    );
    assert_eq!(
        article.sections[3].blocks.last(),
        Some(&Block::Paragraph(vec![Inline::Text(
            "Though Seoul could also provide small arms, ordnance and other military hardware, it would almost certainly stop well short of putting actual boots on the ground in Ukraine. Yet, even sending aid could be the spark that reignites the Korean War.".to_owned()
        )]))
    );
}

#[test]
fn real_article_has_no_obfuscated_email() {
    // Cloudflare's e-mail obfuscation leaves this behind in copied pages.
    assert!(!REAL_TEXT.contains("[email protected]"));
    let article = real_article();
    assert!(!format!("{article:?}").contains("email protected"));
}

#[test]
fn real_article_reading_minutes_round_words_up() {
    let article = real_article();
    // Counted here from the source, independently of the compiler: every word after the front
    // matter, without the '- ' and '## ' markers (the article has no other Markdown syntax).
    let body = REAL_TEXT.splitn(3, "+++\n").nth(2).expect("a body");
    let words = body.split_whitespace().filter(|word| *word != "-" && *word != "##").count();
    assert_eq!(article.words(), words);
    assert_eq!(article.reading_minutes(), words.div_ceil(WORDS_PER_MINUTE));
    assert_eq!(article.reading_minutes(), 3);
}

// The small article and its invalid variants

#[test]
fn small_article_compiles_with_https_and_mailto_links() {
    let article = compile("content/x.md", &valid_article()).expect("the small article compiles");
    assert_eq!(
        article.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["arms-for-kyiv", "the-risk"]
    );
    assert_eq!(
        article.sections[0].blocks,
        [Block::Paragraph(vec![
            Inline::Text("Officials said so, according to ".to_owned()),
            Inline::Link {
                href: "https://www.reuters.com/".to_owned(),
                children: vec![Inline::Text("Reuters".to_owned())],
            },
            Inline::Text(".".to_owned()),
        ])]
    );
    assert_eq!(
        article.sections[1].blocks,
        [Block::Paragraph(vec![
            Inline::Text("Write to ".to_owned()),
            Inline::Link {
                href: "mailto:desk@example.com".to_owned(),
                children: vec![Inline::Text("the desk".to_owned())],
            },
            Inline::Text(" with questions.".to_owned()),
        ])]
    );
}

#[test]
fn errors_if_front_matter_field_missing() {
    assert_eq!(
        errors(&with("title = \"Seoul Weighs Sending Arms\"\n", "")),
        ["content/x.md:1:1: front matter is missing 'title'; add a line like title = \"The headline\""]
    );
}

#[test]
fn errors_if_front_matter_field_unknown() {
    assert_eq!(
        errors(&with("language = \"en\"\n", "language = \"en\"\nauther = \"Jane Doe\"\n")),
        ["content/x.md:10:1: unknown front-matter field 'auther'; the fields are: title, slug, date, topic, region, brand, tags, language, dek, image, author"]
    );
}

#[test]
fn errors_if_author_field_unknown() {
    assert_eq!(
        errors(&with("name = \"Jane Doe\"\n", "name = \"Jane Doe\"\nemail = \"jane@example.com\"\n")),
        ["content/x.md:18:1: unknown front-matter field 'author.email'; the fields are: name, bio"]
    );
}

#[test]
fn errors_if_image_field_missing() {
    // Reported at the table's name in its header, `[image]`.
    assert_eq!(
        errors(&with("credit = \"Shutterstock\"\n", "")),
        ["content/x.md:12:2: front matter is missing 'image.credit'; add a line like credit = \"Who took it\""]
    );
}

#[test]
fn errors_if_image_table_missing() {
    assert_eq!(
        errors(&with("[image]\ncaption = \"A K-2 tank\"\ncredit = \"Shutterstock\"\n\n", "")),
        ["content/x.md:1:1: front matter is missing 'image'; add [image] with caption and credit"]
    );
}

#[test]
fn errors_if_date_is_quoted() {
    assert_eq!(
        errors(&with("date = 2024-10-23", "date = \"2024-10-23\"")),
        ["content/x.md:4:8: 'date' must be a date written as YYYY-MM-DD without quotes (found the string \"2024-10-23\"); write it like date = 2024-10-23"]
    );
}

#[test]
fn errors_if_date_has_time() {
    assert_eq!(
        errors(&with("date = 2024-10-23", "date = 2024-10-23T10:00:00Z")),
        ["content/x.md:4:8: 'date' must be a date written as YYYY-MM-DD without quotes (found 2024-10-23T10:00:00Z); write it like date = 2024-10-23"]
    );
    assert_eq!(
        errors(&with("date = 2024-10-23", "date = 2024-10-23T10:00:00")),
        ["content/x.md:4:8: 'date' must be a date written as YYYY-MM-DD without quotes (found 2024-10-23T10:00:00); write it like date = 2024-10-23"]
    );
}

#[test]
fn errors_if_date_is_not_a_calendar_date() {
    // The TOML parser rejects it; the compiler passes its message on, located at the value.
    assert_eq!(
        errors(&with("date = 2024-10-23", "date = 2024-13-45")),
        ["content/x.md:4:8: front matter is not valid TOML: invalid date, expected month between 01 and 12"]
    );
}

#[test]
fn errors_if_summary_missing() {
    assert_eq!(
        errors(&with("- Seoul may send arms.\n- Pyongyang has sent troops.\n\n", "")),
        ["content/x.md:21:1: the article has no summary list; start the body with the 'What You Need to Know' points as a '- ' list"]
    );
}

#[test]
fn errors_if_summary_bullet_empty() {
    assert_eq!(
        errors(&with("- Pyongyang has sent troops.\n", "-\n- Pyongyang has sent troops.\n")),
        ["content/x.md:22:1: a summary bullet is empty; write the point after '- ' or delete the line"]
    );
}

#[test]
fn errors_if_section_has_no_text_before_next_heading() {
    assert_eq!(
        errors(&with(
            "Officials said so, according to [Reuters](https://www.reuters.com/).\n\n",
            ""
        )),
        ["content/x.md:24:1: section 'Arms for Kyiv' has no text; write at least one paragraph under its heading, or remove it"]
    );
}

#[test]
fn errors_if_section_heading_ends_file() {
    let text = valid_article() + "\n## What Next";
    assert_eq!(
        errors(&text),
        ["content/x.md:32:1: section 'What Next' has no text; write at least one paragraph under its heading, or remove it"]
    );
}

#[test]
fn errors_if_two_headings_derive_same_id() {
    assert_eq!(
        errors(&with("## The Risk", "## Arms for Kyiv")),
        ["content/x.md:28:1: section id 'arms-for-kyiv' is already used by the section on line 24; rename this heading or give it its own id with {#another-id} after the heading text"]
    );
}

#[test]
fn errors_if_explicit_id_collides() {
    assert_eq!(
        errors(&with("## The Risk", "## The Risk {#arms-for-kyiv}")),
        ["content/x.md:28:1: section id 'arms-for-kyiv' is already used by the section on line 24; rename this heading or give it its own id with {#another-id} after the heading text"]
    );
}

#[test]
fn errors_if_html_block_in_body() {
    let text = with("with questions.\n", "with questions.\n\n<div class=\"ad\">Buy</div>\n");
    assert_eq!(errors(&text), [format!("content/x.md:32:1: {RAW_HTML}")]);
}

#[test]
fn errors_if_inline_html_in_paragraph() {
    // `<b>` and `</b>` are one mistake, reported once.
    let text = with("with questions.", "with <b>questions</b>.");
    assert_eq!(errors(&text), [format!("content/x.md:30:51: {RAW_HTML}")]);
}

#[test]
fn errors_if_html_block_in_list_item() {
    let text = with("- Seoul may send arms.\n", "- Seoul may send arms.\n  <div>Buy</div>\n");
    assert_eq!(errors(&text), [format!("content/x.md:22:3: {RAW_HTML}")]);
}

#[test]
fn columns_count_characters_not_bytes() {
    // '’' is three bytes in UTF-8 but one column for the editor.
    let text = with("with questions.", "with Korea’s <i>questions</i>.");
    assert_eq!(errors(&text), [format!("content/x.md:30:59: {RAW_HTML}")]);
}

#[test]
fn errors_if_html_in_dek() {
    assert_eq!(
        errors(&with("\"Aid could be the spark.\"", "\"Aid could be <em>the spark</em>.\"")),
        ["content/x.md:10:7: 'dek' contains raw HTML; the widget shows text only, so write it as plain text"]
    );
}

#[test]
fn errors_if_html_in_tag() {
    assert_eq!(
        errors(&with("\"Ukraine\"]", "\"<b>Ukraine</b>\"]")),
        ["content/x.md:8:24: 'tags' contains raw HTML; the widget shows text only, so write it as plain text"]
    );
}

#[test]
fn errors_if_link_is_javascript() {
    assert_eq!(
        errors(&with("(https://www.reuters.com/)", "(javascript:alert(1))")),
        ["content/x.md:26:33: link to 'javascript:alert(1)' is not allowed; links must be absolute and start with https://, http:// or mailto:"]
    );
}

#[test]
fn errors_if_link_is_relative() {
    assert_eq!(
        errors(&with("(https://www.reuters.com/)", "(/about)")),
        ["content/x.md:26:33: link to '/about' is not allowed; links must be absolute and start with https://, http:// or mailto:"]
    );
}

#[test]
fn lists_every_error_sorted_by_position() {
    // Found in another order than they appear: front matter first, then the body, and empty
    // sections only once the whole body has been read.
    let text = valid_article()
        .replacen("title = \"Seoul Weighs Sending Arms\"\n", "", 1)
        .replacen("date = 2024-10-23", "date = \"2024-10-23\"", 1)
        .replacen("language = \"en\"\n", "language = \"en\"\nauther = \"Jane Doe\"\n", 1)
        .replacen("Officials said so, according to [Reuters](https://www.reuters.com/).\n\n", "", 1)
        .replacen("(mailto:desk@example.com)", "(javascript:alert(1))", 1)
        .replacen("with questions.", "with <b>questions</b>.", 1);
    assert_eq!(
        errors(&text),
        [
            "content/x.md:1:1: front matter is missing 'title'; add a line like title = \"The headline\"".to_owned(),
            "content/x.md:3:8: 'date' must be a date written as YYYY-MM-DD without quotes (found the string \"2024-10-23\"); write it like date = 2024-10-23".to_owned(),
            "content/x.md:9:1: unknown front-matter field 'auther'; the fields are: title, slug, date, topic, region, brand, tags, language, dek, image, author".to_owned(),
            "content/x.md:24:1: section 'Arms for Kyiv' has no text; write at least one paragraph under its heading, or remove it".to_owned(),
            "content/x.md:28:10: link to 'javascript:alert(1)' is not allowed; links must be absolute and start with https://, http:// or mailto:".to_owned(),
            format!("content/x.md:28:47: {RAW_HTML}"),
        ]
    );
}

#[test]
fn errors_if_front_matter_missing() {
    let text = "- Seoul may send arms.\n\n## Arms for Kyiv\n\nOfficials said so.\n";
    assert_eq!(
        errors(text),
        ["content/x.md:1:1: the file must start with TOML front matter: a line '+++', the fields, and another '+++'"]
    );
}

#[test]
fn errors_if_front_matter_unclosed() {
    let text = with("+++\n\n- Seoul", "\n- Seoul");
    assert_eq!(
        errors(&text),
        ["content/x.md:1:1: the front matter is never closed; add a line '+++' after its last field"]
    );
}

// Diagnostics

#[test]
fn diagnostic_displays_path_line_column_message() {
    let mut diagnostic = Diagnostic {
        path: "content/x.md".to_owned(),
        line: 12,
        column: 7,
        field: Some("dek".to_owned()),
        message: "what is wrong".to_owned(),
        fix: None,
    };
    assert_eq!(diagnostic.to_string(), "content/x.md:12:7: what is wrong");
    diagnostic.fix = Some("how to fix it".to_owned());
    assert_eq!(diagnostic.to_string(), "content/x.md:12:7: what is wrong; how to fix it");
}

#[test]
fn diagnostic_holds_line_and_column_it_displays() {
    let diagnostics = compile("content/y.md", &with("dek = \"Aid", "dek = \"<p>Aid"))
        .expect_err("HTML in the dek is an error");
    assert_eq!(
        diagnostics,
        [Diagnostic {
            path: "content/y.md".to_owned(),
            line: 10,
            column: 7,
            field: Some("dek".to_owned()),
            message: "'dek' contains raw HTML".to_owned(),
            fix: Some("the widget shows text only, so write it as plain text".to_owned()),
        }]
    );
    assert_eq!(
        diagnostics[0].to_string(),
        "content/y.md:10:7: 'dek' contains raw HTML; the widget shows text only, so write it as plain text"
    );
}

#[test]
fn any_character_is_text_even_what_looks_like_a_template_hole() {
    // Unicode noncharacters, which a format might reserve, and a label's placeholder.
    let heading = "The \u{FDD0}\u{FDD1}A{n}\u{FDD2}\u{FDD3}Risk";
    let article =
        compile("content/x.md", &with("## The Risk", &["## ", heading].concat())).expect("it compiles");
    assert!(article.sections.iter().any(|section| section.heading == heading));
    let template = template::of(&article);
    let labels = Labels::default();
    let fill = Fill { ids: "rw1-", labels: &labels, parts: true, build: "b1" };
    let state = State::new(Mode::Full, article.sections.len());
    let (html, _) = template::html(&template, &fill, &state, Phase::Live);
    assert!(html.contains(&[">", heading, "</button>"].concat()), "{html}");
    assert!(html.contains(&["aria-label=\"Link to this section: ", heading, "\""].concat()), "{html}");
    let rendered =
        html::render(&view::article(&Context { article: &article, phase: Phase::Live }, &state), &fill);
    assert_eq!(html, rendered, "the page's markup and the pre-rendered one");
}

#[test]
fn errors_if_a_heading_is_empty() {
    assert_eq!(
        errors(&with("## The Risk", "##")),
        ["content/x.md:28:1: a '## ' heading needs text; write the section's title after '## '"]
    );
}

// Several articles

fn compiled(text: &str) -> Article {
    match compile("content/x.md", text) {
        Ok(article) => article,
        Err(diagnostics) => panic!("expected it to compile: {diagnostics:?}"),
    }
}

#[test]
fn several_articles_are_all_generated_in_the_order_given() {
    let first = compiled(&valid_article());
    let second = compiled(&with("slug = \"seoul-arms\"", "slug = \"second-story\""));
    let blob = blob::articles(&[&first, &second]);
    assert_eq!(blob[0], 2, "the count comes first");
    let at = |text: &str| blob.windows(text.len()).position(|w| w == text.as_bytes());
    let (first_at, second_at) = (at("seoul-arms"), at("second-story"));
    assert!(matches!((first_at, second_at), (Some(a), Some(b)) if a < b), "{blob:?}");
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Folder(std::path::PathBuf);

impl Folder {
    fn with(name: &str, files: &[(&str, &str)]) -> Folder {
        let path = std::env::temp_dir().join(format!("reading-widget-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temporary folder");
        for (file, text) in files {
            std::fs::write(path.join(file), text).expect("a file in it");
        }
        Folder(path)
    }

    fn name(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn errors_if_two_articles_share_a_slug() {
    let folder = Folder::with("slugs", &[("a.md", &valid_article()), ("b.md", &valid_article())]);
    let errors: Vec<String> = content::compile_folders(&folder.name())
        .expect_err("one slug twice")
        .iter()
        .map(ToString::to_string)
        .collect();
    let (a, b) = (folder.0.join("a.md"), folder.0.join("b.md"));
    assert_eq!(
        errors,
        [format!(
            "{}:1:1: slug 'seoul-arms' is already used by {}; give this article another slug",
            b.display(),
            a.display()
        )]
    );
}

#[test]
fn folders_compile_in_path_order_and_report_every_file() {
    let broken = with("## The Risk", "##");
    let folder = Folder::with(
        "order",
        &[("b.md", &with("slug = \"seoul-arms\"", "slug = \"second\"")), ("a.md", &valid_article())],
    );
    let articles = content::compile_folders(&folder.name()).expect("both compile");
    assert_eq!(articles.iter().map(|(_, a)| a.slug.as_str()).collect::<Vec<_>>(), ["seoul-arms", "second"]);
    let other = Folder::with("broken", &[("x.md", &broken), ("y.md", &broken)]);
    let errors =
        content::compile_folders(&[folder.name(), other.name()].join(":")).expect_err("two broken files");
    assert_eq!(errors.len(), 2, "{errors:?}");
    let empty = Folder::with("empty", &[]);
    let errors = content::compile_folders(&empty.name()).expect_err("no article");
    assert_eq!(errors[0].message, "no article");
}

/// Each problem names the field it concerns, for a CMS to show it there (`make check FORMAT=json`).
#[test]
fn diagnostics_name_their_field_and_split_message_and_fix() {
    let fields = |text: &str| -> Vec<(Option<String>, String, Option<String>)> {
        compile("content/x.md", text)
            .expect_err("an error")
            .into_iter()
            .map(|d| (d.field, d.message, d.fix))
            .collect()
    };
    let some = |text: &str| Some(text.to_owned());
    assert_eq!(
        fields(&with("dek = \"Aid", "dek = \"<p>Aid")),
        [(
            some("dek"),
            "'dek' contains raw HTML".to_owned(),
            some("the widget shows text only, so write it as plain text")
        )]
    );
    assert_eq!(
        fields(&with("title = \"Seoul Weighs Sending Arms\"\n", "")).remove(0).0,
        some("title"),
        "a missing field is named"
    );
    assert_eq!(fields(&with("name = \"Jane", "name = \"<b>Jane")).remove(0).0, some("author.name"));
    assert_eq!(fields(&with("credit = \"Shutterstock\"\n", "")).remove(0).0, some("image.credit"));
    assert_eq!(fields(&with("- Seoul may", "- <b>Seoul</b> may")).remove(0).0, some("summary"));
    assert_eq!(
        fields(&with("## The Risk", "##")).remove(0),
        (
            some("body"),
            "a '## ' heading needs text".to_owned(),
            some("write the section's title after '## '")
        )
    );
    assert_eq!(fields("no front matter").remove(0).0, None, "the file as a whole");
}

#[test]
fn texts_go_into_the_blob_as_written() {
    let article = compiled(&with("dek = \"Aid could be the spark.\"", r#"dek = "A \"quoted\" \\ dek""#));
    assert_eq!(article.dek, "A \"quoted\" \\ dek", "as the reader sees it");
    // In the metadata articles() lists, behind its LEB128 length.
    let listed = blob::articles(&[&article]);
    let listed_has = |text: &str| listed.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(listed_has("\u{10}A \"quoted\" \\ dek"), "{listed:?}");
}

// The stylesheet shipped in the module

#[test]
fn minified_css_keeps_the_spaces_that_matter() {
    let css =
        "/* a comment */\n.rw :focus-visible {\n  outline: 3px solid red;\n}\n.a, .b { margin: 0 auto; }";
    assert_eq!(css::minify(css), ".rw :focus-visible{outline:3px solid red}.a,.b{margin:0 auto}");
}

#[test]
fn errors_if_markdown_the_widget_cannot_show_is_used() {
    assert_eq!(
        errors(&with("Officials said so", "| a | b |\n|---|---|\n| 1 | 2 |\n\nOfficials said so")),
        ["content/x.md:26:1: tables are not supported in an article; use paragraphs, '- ' lists, *emphasis*, **strong** and [links](https://…)"]
    );
    assert_eq!(
        errors(&with("Officials said so", "Officials ~~never~~ said so")),
        ["content/x.md:26:11: strikethrough ('~~') is not supported in an article; use paragraphs, '- ' lists, *emphasis*, **strong** and [links](https://…)"]
    );
}

#[test]
fn email_autolinks_become_mailto_links() {
    let article =
        compiled(&with("Write to [the desk](mailto:desk@example.com)", "Write to <desk@example.com>"));
    let last = article.sections.last().and_then(|s| s.blocks.first());
    let Some(Block::Paragraph(inlines)) = last else { panic!("a paragraph") };
    assert!(inlines
        .iter()
        .any(|i| matches!(i, Inline::Link { href, .. } if href == "mailto:desk@example.com")));
}

#[test]
fn errors_if_an_explicit_section_id_has_other_characters() {
    assert_eq!(
        errors(&with("## The Risk", "## The Risk {#the.risk}")),
        ["content/x.md:28:1: section id 'the.risk' may only use letters, digits and '-'; write it like {#the-risk}"]
    );
}

// The real article against its source

/// The scrape the article was made from, kept beside it so this check runs anywhere.
const SOURCE: &str = include_str!("../../../content/source/ukraine-war-korean-war.txt");

/// Every line of the source is in the compiled article word for word, apart from the scrape
/// artefacts docs/src/editing.md lists, each undone here by one named rule.
#[test]
fn every_line_of_the_source_is_kept_verbatim_except_the_listed_artefacts() {
    let article = real_article();
    let mut kept: Vec<String> = vec![
        article.title.clone(),
        article.dek.clone(),
        article.image_caption.clone(),
        article.author_bio.clone(),
    ];
    kept.extend(article.summary.iter().map(|item| plain_text(item)));
    for section in &article.sections {
        kept.push(section.heading.clone());
        for block in &section.blocks {
            if let Block::Paragraph(inlines) = block {
                kept.push(plain_text(inlines));
            }
        }
    }
    let metadata = format!(
        "October 23, 2024 Topic: {} Region: {} Blog Brand: {} Tags: {}",
        article.topic,
        article.region,
        article.brand,
        article.tags.concat()
    );

    let mut title_seen = false;
    for line in SOURCE.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let expected = match line {
            // The headline, printed twice by the scrape: kept once, as the title.
            _ if line == article.title && title_seen => continue,
            _ if line == article.title => {
                title_seen = true;
                line.to_owned()
            }
            // The metadata line became front-matter fields; "Blog" is the site's section label
            // and the no-break spaces after each label are the page's layout.
            _ if line.starts_with("October 23, 2024") => {
                assert_eq!(line.replace('\u{a0}', " "), metadata);
                continue;
            }
            // The caption of an inline photo that is not part of the widget.
            "North Korea" => continue,
            _ if line.starts_with("Author Experience and Expertise: ") => {
                assert_eq!(line, format!("Author Experience and Expertise: {}", article.author_name));
                continue;
            }
            _ if line.starts_with("Image Credit: ") => {
                assert_eq!(line, format!("Image Credit: {}", article.image_credit));
                continue;
            }
            // The summary's lead-in label and the bullets' dashes are markup, not words.
            _ if line.starts_with("What You Need to Know: ") => {
                line["What You Need to Know: ".len()..].to_owned()
            }
            _ if line.starts_with('-') => line[1..].to_owned(),
            // The scraper hid an e-mail address; the sentence that offered it goes with it.
            _ if line.contains("You can email the author:") => {
                line.replace(" You can email the author: [email\u{a0}protected].", "")
            }
            _ => line.to_owned(),
        };
        assert!(kept.contains(&expected), "not kept verbatim: {expected:?}");
    }
    // And nothing was added: every paragraph of the article comes from the source.
    for text in &kept {
        assert!(SOURCE.contains(text.as_str()), "not in the source: {text:?}");
    }
}

/// Derived section ids hold letters, digits and '-' only, as explicit ones must: a letter whose
/// lowercase is two characters ('İ' is 'i' and a combining dot) keeps only the letters. (Found
/// while writing the fuzz target's section-id check; an editor who copied such an id into
/// `{#…}` was told it may only use letters, digits and '-'.)
#[test]
fn derived_section_ids_are_letters_digits_and_dashes_in_any_script() {
    let text = valid_article().replace("## The Risk", "## İstanbul and Ὀδυσσεύς, 전쟁 2024");
    let article = compile("content/x.md", &text).expect("it compiles");
    let id = article.sections[1].id.as_str();
    assert!(id.chars().all(|c| c.is_alphanumeric() || c == '-'), "{id:?}");
    assert_eq!(id, "istanbul-and-ὀδυσσεύς-전쟁-2024");
}

// A new article (`make new`, crates/content/src/scaffold.rs, src/bin/new.rs)

#[test]
fn a_new_articles_scaffold_fails_until_every_placeholder_is_written_then_compiles() {
    use content::scaffold;
    let date = Date { year: 2026, month: 12, day: 2 };
    let text = scaffold::scaffold("Seoul's \"Next\" Move", "seouls-next-move", date);
    let placeholders = text.lines().filter(|line| line.contains(scaffold::PLACEHOLDER)).count();
    assert!(placeholders >= 10, "{text}");
    let problems = compile("content/seouls-next-move.md", &text).expect_err("a scaffold never ships");
    assert_eq!(
        problems.len(),
        placeholders,
        "one per line with a placeholder, and nothing else: {problems:?}"
    );
    for problem in &problems {
        assert_eq!(problem.message, "the new article's placeholder '[[write: …]]' is still here");
    }
    // Every placeholder written (here, by its own words): it compiles, as given.
    let mut written = text.clone();
    while let Some(start) = written.find(scaffold::PLACEHOLDER) {
        let end = start + written[start..].find("]]").expect("a closed placeholder") + 2;
        let words = written[start + scaffold::PLACEHOLDER.len()..end - 2].trim().replace('\'', "’");
        written.replace_range(start..end, &words);
    }
    let article = compiled(&written);
    assert_eq!(
        (article.title.as_str(), article.slug.as_str()),
        ("Seoul's \"Next\" Move", "seouls-next-move")
    );
    assert_eq!((article.date.year, article.date.month, article.date.day), (2026, 12, 2));
    assert_eq!((article.summary.len(), article.sections.len()), (3, 1));
    // Every field and table, each one the compiler knows, has a comment line right above it.
    let front: Vec<&str> = text.split("+++").nth(1).expect("front matter").lines().collect();
    let fields = front.iter().enumerate().filter(|(_, line)| line.contains(" = ") || line.starts_with('['));
    let mut names = Vec::new();
    for (i, line) in fields {
        assert!(front[i - 1].starts_with("# "), "{line:?} has no comment above it");
        names.push(line.split(" = ").next().unwrap_or(line).to_owned());
    }
    assert_eq!(
        names,
        [
            "title", "slug", "date", "topic", "region", "brand", "tags", "language", "dek", "[image]",
            "caption", "credit", "[author]", "name", "bio"
        ]
    );
}

#[test]
fn a_new_articles_slug_comes_from_its_title_as_section_ids_do() {
    use content::scaffold::slug_of;
    assert_eq!(slug_of("Seoul's Next Move: 2025").as_deref(), Some("seoul-s-next-move-2025"));
    assert_eq!(
        slug_of("  The K-2 Black Panther, explained ").as_deref(),
        Some("the-k-2-black-panther-explained")
    );
    assert_eq!(slug_of("전쟁의 불씨"), None, "letters outside a-z: the editor gives a slug");
    assert_eq!(slug_of("!!!"), None);
}

#[test]
fn make_new_writes_the_file_and_never_replaces_one() {
    let folder = Folder::with("new", &[]);
    let new = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_new"))
            .args(args)
            .args(["--folder", &folder.name()])
            .output()
            .expect("the new binary runs")
    };
    let made = new(&["Seoul Weighs Its Options"]);
    assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
    let path = folder.0.join("seoul-weighs-its-options.md");
    let text = std::fs::read_to_string(&path).expect("the file is written");
    assert!(text.contains("title = \"Seoul Weighs Its Options\"\n"));
    std::fs::write(&path, "the editor's work").expect("edited");
    let again = new(&["Seoul Weighs Its Options"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), "the editor's work", "left as it was");
    let korean = new(&["전쟁의 불씨"]);
    assert_eq!(korean.status.code(), Some(2), "no slug from this title");
    let named = new(&["전쟁의 불씨", "--slug", "korean-war"]);
    assert_eq!(named.status.code(), Some(0));
    assert!(folder.0.join("korean-war.md").exists());
}
