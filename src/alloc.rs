//! The module's memory allocator: size classes of powers of two, each with a free list.
//!
//! Why not the default (dlmalloc)? It is general-purpose, and large for it (what it cost is in
//! BENCHMARKS.md, "What the code's choices saved"), for work this widget does not do: it allocates a few thousand small, short-lived
//! strings and vectors when it mounts and almost nothing after. A freed block goes back on its
//! class's list and is reused by the next request of that class, so memory stops growing once
//! a page's widgets have mounted and been destroyed once (nothing is ever returned to the
//! browser; WebAssembly memory cannot shrink anyway).
//!
//! wasm32 in a browser runs one thread, so the allocator's state needs no lock.

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32;
use std::cell::UnsafeCell;
use std::ptr::null_mut;

const PAGE: usize = 65_536;
/// Class `k` holds blocks of `2^k` bytes, each aligned to its size; the smallest block holds
/// a free-list link.
const MIN_CLASS: usize = 3;
const CLASSES: usize = usize::BITS as usize;

struct State {
    /// The first free block of each class; each free block's first word points to the next.
    free: [*mut u8; CLASSES],
    /// Untouched memory, `next..end`, from which new blocks are cut.
    next: usize,
    end: usize,
}

pub(crate) struct SizeClasses(UnsafeCell<State>);

// SAFETY: the module runs on a single thread (no atomics or shared memory are enabled), so the
// state is never touched from two threads.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    pub(crate) const fn new() -> Self {
        SizeClasses(UnsafeCell::new(State { free: [null_mut(); CLASSES], next: 0, end: 0 }))
    }
}

/// The class of a layout: its size rounded up to a power of two, and never below its
/// alignment, so a block aligned to its own size is aligned enough.
fn class_of(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    size.next_power_of_two().trailing_zeros() as usize
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded (see `Sync` above), and no reference to the state outlives
        // this call.
        let state = unsafe { &mut *self.0.get() };
        let class = class_of(layout);
        let Some(slot) = state.free.get_mut(class) else { return null_mut() };
        let block = *slot;
        if !block.is_null() {
            // SAFETY: a free block's first word is the link written by `dealloc`.
            *slot = unsafe { *(block as *mut *mut u8) };
            return block;
        }
        let size = 1usize << class;
        let align_up = |at: usize| at.checked_add(size - 1).map(|at| at & !(size - 1));
        let fits =
            |start: Option<usize>, end: usize| start.and_then(|s| s.checked_add(size)).filter(|e| *e <= end);
        if let Some(block_end) = fits(align_up(state.next), state.end) {
            state.next = block_end;
            return (block_end - size) as *mut u8;
        }
        // Out of room: carry on at the end of memory (where the last region ended, unless
        // something else has grown memory since) and grow it by the pages this block needs.
        let memory_end = wasm32::memory_size(0) * PAGE;
        if memory_end != state.end {
            state.next = memory_end;
            state.end = memory_end;
        }
        let Some(start) = align_up(state.next) else { return null_mut() };
        let Some(needed) = start.checked_add(size).map(|block_end| block_end - state.end) else {
            return null_mut();
        };
        let pages = needed.div_ceil(PAGE);
        if wasm32::memory_grow(0, pages) == usize::MAX {
            return null_mut();
        }
        state.end += pages * PAGE;
        state.next = start + size;
        start as *mut u8
    }

    /// A block that still fits its class stays where it is (a growing string often does).
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        if class_of(new_layout) == class_of(layout) {
            return block;
        }
        // SAFETY: the caller's guarantees for `realloc` are those `alloc` and `dealloc` need.
        unsafe {
            let moved = self.alloc(new_layout);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            moved
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as in `alloc`.
        let state = unsafe { &mut *self.0.get() };
        if let Some(slot) = state.free.get_mut(class_of(layout)) {
            // SAFETY: the block is at least a word long and aligned to its size (class ≥ 3).
            unsafe { *(block as *mut *mut u8) = *slot };
            *slot = block;
        }
    }
}
