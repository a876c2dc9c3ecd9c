//! Browser tests of what the widget holds on to: `destroy()` removes every listener it
//! registered, memory stops growing once mounting has warmed up, and the module's allocator
//! (src/alloc.rs) hands out aligned blocks that keep their contents.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{container, document, mode_button, mount, mount_light, section_button, LOADING, SECTION_IDS};
use reading_widget::ReadingWidget;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn destroy_removes_every_listener_the_widget_registered() {
    // A test that leaves its widget mounted on a removed container leaves its listeners too,
    // so this compares with the count before; with no widget on the page it would be 0.
    let before = reading_widget::live_listeners();
    let mounts: [fn(&Element) -> ReadingWidget; 2] = [mount, mount_light];
    for mount_here in mounts {
        let host = container();
        let widget = mount_here(&host);
        assert!(reading_widget::live_listeners() > before, "mounting registers listeners");
        mode_button(&host).click();
        section_button(&host, SECTION_IDS[2]).click();
        widget.destroy().expect("destroy");
        assert_eq!(reading_widget::live_listeners(), before);
        host.remove();
    }
    // Two at once, destroyed in the order they were mounted.
    let (first_host, second_host) = (container(), container());
    let (first, second) = (mount(&first_host), mount_light(&second_host));
    first.destroy().expect("destroy");
    assert!(reading_widget::live_listeners() > before, "the second widget's are still there");
    second.destroy().expect("destroy");
    assert_eq!(reading_widget::live_listeners(), before);
    // A mount that fails registers nothing.
    let button = document().create_element("button").expect("button");
    document().body().expect("body").append_child(&button).expect("append");
    assert!(ReadingWidget::mount(button.clone().into(), JsValue::UNDEFINED).is_err());
    assert_eq!(reading_widget::live_listeners(), before);
    for host in [first_host, second_host, button] {
        host.remove();
    }
}

/// Bytes of WebAssembly memory the module has.
fn memory_bytes() -> f64 {
    let buffer = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into()).expect("buffer");
    js_sys::Reflect::get(&buffer, &"byteLength".into()).expect("byteLength").as_f64().expect("a number")
}

#[wasm_bindgen_test]
fn memory_stops_growing_once_mounting_has_warmed_up() {
    let host = container();
    let cycle = || {
        let widget = mount(&host);
        mode_button(&host).click();
        section_button(&host, SECTION_IDS[1]).click();
        let _ = widget.state().expect("state");
        widget.destroy().expect("destroy");
    };
    for _ in 0..50 {
        cycle();
    }
    let warmed = memory_bytes();
    for _ in 0..300 {
        cycle();
    }
    assert_eq!(memory_bytes(), warmed, "freed blocks are reused");
    assert_eq!(host.inner_html(), LOADING);
    host.remove();
}

/// The module's allocator (src/alloc.rs) under the sizes and alignments it must serve.
#[wasm_bindgen_test]
fn the_allocator_hands_out_aligned_blocks_that_keep_their_contents() {
    #[repr(align(4096))]
    struct Page([u8; 4096]);
    let blocks: Vec<Vec<u8>> = (0..21).map(|k| vec![k as u8; 1 << k]).collect(); // up to 1 MiB
    let pages: Vec<Box<Page>> = (0..8u8).map(|i| Box::new(Page([i; 4096]))).collect();
    let mut grown = String::new();
    for i in 0..10_000 {
        grown.push(char::from(b'a' + (i % 26) as u8));
    }
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page.as_ref() as *const Page as usize % 4096, 0, "page {i} is aligned");
        assert!(page.0.iter().all(|byte| usize::from(*byte) == i));
    }
    for (k, block) in blocks.iter().enumerate() {
        assert_eq!(block.len(), 1 << k);
        assert!(block.iter().all(|byte| usize::from(*byte) == k), "block of 2^{k} bytes kept its bytes");
    }
    assert!(grown.bytes().enumerate().all(|(i, byte)| byte == b'a' + (i % 26) as u8));
}
