//! Browser tests of what the widget renders: every paragraph, heading and bullet of the
//! article, the summary on load, the same bytes as the native HTML render, the accordion's
//! structure (regions labelled by their header buttons), the reading time left per section,
//! and every label replaced for another language.

#![cfg(target_arch = "wasm32")]

mod common;

use common::render_live;
use common::{
    container, error_message, is_visible, mode_button, mount, mount_with, options, query, query_all,
    section_button, shadow, text, visible_text, SECTION_IDS,
};
use reading_widget::ReadingWidget;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = include_str!("../content/ukraine-war-korean-war.md");

/// The body's bullets, headings and paragraphs, read straight from the Markdown.
struct Source {
    bullets: Vec<String>,
    headings: Vec<String>,
    paragraphs: Vec<String>,
}

fn source() -> Source {
    let body = ARTICLE.splitn(3, "+++").nth(2).expect("a body after the front matter");
    let mut source = Source { bullets: vec![], headings: vec![], paragraphs: vec![] };
    for line in body.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if let Some(bullet) = line.strip_prefix("- ") {
            source.bullets.push(bullet.to_owned());
        } else if let Some(heading) = line.strip_prefix("## ") {
            source.headings.push(heading.to_owned());
        } else {
            source.paragraphs.push(line.to_owned());
        }
    }
    source
}

#[wasm_bindgen_test]
fn every_paragraph_heading_and_bullet_is_rendered() {
    let host = container();
    let _widget = mount(&host);
    let source = source();
    assert_eq!((source.bullets.len(), source.headings.len()), (3, 4));

    let bullets: Vec<String> = query_all(&host, ".rw-summary-list li").iter().map(|li| text(li)).collect();
    assert_eq!(bullets, source.bullets);
    let headings: Vec<String> = query_all(&host, ".rw-section-heading").iter().map(|h| text(h)).collect();
    assert_eq!(headings, source.headings);
    let paragraphs: Vec<String> = query_all(&host, ".rw-panel p").iter().map(|p| text(p)).collect();
    assert_eq!(paragraphs, source.paragraphs);

    let all = shadow(&host).text_content().unwrap_or_default();
    for expected in [
        "The Ukraine War Could Be the Spark to Restart the Korean War",
        "Though Seoul could also provide small arms",
        "Peter Suciu is a Michigan-based writer.",
        "Creative Commons and/or Shutterstock.",
        "October 23, 2024",
    ] {
        assert!(all.contains(expected), "missing: {expected}");
    }
    assert_eq!(query(&host, "time").get_attribute("datetime").as_deref(), Some("2024-10-23"));
    assert_eq!(query(&host, "article").get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(text(&query(&host, "h1")), "The Ukraine War Could Be the Spark to Restart the Korean War");
    host.remove();
}

#[wasm_bindgen_test]
fn summary_mode_shows_the_bullets_and_hides_the_sections() {
    let host = container();
    let widget = mount(&host);
    assert!(query_all(&host, ".rw-summary-list li").iter().all(is_visible));
    assert!(query_all(&host, ".rw-section").iter().all(|s| !is_visible(s)));
    assert!(query_all(&host, ".rw-panel p").iter().all(|p| !is_visible(p)));
    let state = widget.state().expect("state");
    assert_eq!(
        js_sys::JSON::stringify(&state).expect("json"),
        r#"{"article":"ukraine-war-korean-war","mode":"summary","expanded":["the-korean-war-could-reignite-in-ukraine","the-dead-and-the-deserters","did-north-korea-fall-for-a-putin-trap","will-seoul-send-its-forces"]}"#
    );
    host.remove();
}

#[wasm_bindgen_test]
fn the_dom_matches_the_native_html_render_byte_for_byte() {
    for (full, mode_option) in
        [(false, r#"{"mode":"summary","persist":false}"#), (true, r#"{"mode":"full","persist":false}"#)]
    {
        let host = container();
        let _widget = mount_with(&host, mode_option);
        // The shadow root holds the widget's root and nothing else (the sheet is adopted).
        let root = shadow(&host);
        assert_eq!(root.child_nodes().length(), 1);
        let article = root.first_element_child().expect("the widget's root");
        let title_id = article.get_attribute("aria-labelledby").expect("aria-labelledby");
        let prefix = title_id.strip_suffix("title").expect("an id prefix");
        let expected = render_live(None, full, prefix, true).expect("render_live");
        assert_eq!(article.outer_html(), expected);
        host.remove();
    }
}

#[wasm_bindgen_test]
fn panels_are_regions_labelled_by_their_header_buttons() {
    let host = container();
    let _widget = mount(&host);
    for id in SECTION_IDS {
        let button = section_button(&host, id);
        let panel = query(&host, &format!("#{}", button.get_attribute("aria-controls").expect("controls")));
        assert_eq!(panel.get_attribute("role").as_deref(), Some("region"));
        assert_eq!(panel.get_attribute("aria-labelledby"), Some(button.id()));
        // The heading holds exactly the button (APG accordion header).
        let heading = button.parent_element().expect("heading");
        assert_eq!(heading.tag_name(), "H2");
        assert_eq!(heading.child_element_count(), 1);
    }
    host.remove();
}

#[wasm_bindgen_test]
fn each_section_says_how_long_is_left_to_read_from_there() {
    let host = container();
    let _widget = mount(&host);
    let left: Vec<String> = query_all(&host, ".rw-time").iter().map(|t| text(t)).collect();
    assert_eq!(left.len(), 4);
    assert_eq!(left[0], "3 min left");
    let minutes: Vec<u32> =
        left.iter().map(|l| l.trim_end_matches(" min left").parse().expect("a number")).collect();
    assert!(minutes.windows(2).all(|pair| pair[0] >= pair[1]), "{left:?}");
    let anchors: Vec<String> =
        query_all(&host, ".rw-anchor").iter().filter_map(|a| a.get_attribute("href")).collect();
    assert_eq!(anchors, SECTION_IDS.map(|id| format!("#{id}")));
    host.remove();
}

#[wasm_bindgen_test]
fn every_label_can_be_replaced_for_another_language() {
    let host = container();
    let korean = r#"{"persist":false,"labels":{"summaryHeading":"꼭 알아야 할 것","readFull":"전체 기사 읽기","minutes":"{n}분","backToSummary":"요약으로 돌아가기","expandAll":"모두 펼치기","collapseAll":"모두 접기","fullShown":"전체 기사 표시, {n}개 섹션"}}"#;
    let _widget = ReadingWidget::mount(host.clone().into(), options(korean)).expect("mount");
    assert_eq!(text(&query(&host, ".rw-summary-heading button")), "꼭 알아야 할 것");
    assert_eq!(visible_text(&mode_button(&host)), "전체 기사 읽기 · 3분");
    mode_button(&host).click();
    assert_eq!(visible_text(&mode_button(&host)), "요약으로 돌아가기");
    assert_eq!(visible_text(&query(&host, "button.rw-all")), "모두 접기");
    assert_eq!(text(&query(&host, "[role=status]")), "전체 기사 표시, 4개 섹션");
    host.remove();

    for (options_json, expected) in [
        (r#"{"labels":{"readfull":"x"}}"#, "unknown label 'readfull'; the labels are: summaryHeading, readFull, backToSummary, minutes, minutesLeft, expandAll, collapseAll, linkToSection, fullShown, summaryShown, by, tags, aboutAuthor, image, imageCredit"),
        (r#"{"labels":"Korean"}"#, "the 'labels' option must be an object of strings (got string)"),
        (r#"{"persist":"no"}"#, "the 'persist' option must be true or false (got string)"),
    ] {
        let host = container();
        let error = ReadingWidget::mount(host.clone().into(), options(options_json)).err().expect("an error");
        assert_eq!(error_message(error), expected);
        host.remove();
    }
}
