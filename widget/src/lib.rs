//! The `<cpn-parcours>` widget: the functions that `js/parcours.js` calls, and the modules behind them.
//!
//! The custom element itself is defined in JavaScript (a class must `extends HTMLElement`),
//! and delegates its lifecycle to the three exports below.
//! Instances are independent: each has its own reactive owner, signals and element ids.

use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

mod actions;
mod app;
pub mod config;
mod content;
#[cfg(test)]
mod css;
mod glance;
mod glossary;
mod host;
mod notices;
mod outcome;
mod parts;
mod persist;
mod questions;
mod result_view;
mod session;
mod setup;
mod stepper;
mod team;
mod words;

/// Mounts a widget into `shadow`, configured from `host`'s attributes; returns the instance id.
///
/// Called from `connectedCallback`. It throws (returns `Err`) only if the DOM refuses to create
/// the wrapper, which the loader turns into a message for the reader.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, shadow: ShadowRoot) -> Result<u32, JsValue> {
    host::mount(host, shadow)
}

/// Unmounts an instance: disposes its reactive owner and removes its wrapper. Unknown ids are ignored.
#[wasm_bindgen]
pub fn unmount(id: u32) {
    host::unmount(id);
}

/// Tells an instance that one of its observed attributes changed; `value` is `None` when it was removed.
#[wasm_bindgen]
pub fn attribute_changed(id: u32, name: &str, value: Option<String>) {
    host::attribute_changed(id, name, value);
}

/// Registers the loader's `fetchPack(url, timeout, maxBytes)`, which downloads a host's pack, loads
/// the content-pack checker module on first use and returns a promise of the validated pack in
/// compact form, rejected with `[kind, detail]` (see `content::FetchError`).
///
/// The loader calls it once, right after instantiating this module, before any element mounts.
#[wasm_bindgen]
pub fn set_pack_fetcher(fetch: js_sys::Function) {
    content::set_fetcher(fetch);
}

/// Registers the loader's `loadPart(name)`, a promise of one of the default pack's parts that the
/// wasm does not embed (bytes, checked against their SHA-384): `english`, its English texts, or
/// `later`, the French texts of its later steps. The loader calls it once, beside [`set_pack_fetcher`].
#[wasm_bindgen]
pub fn set_part_loader(load: js_sys::Function) {
    content::set_part_loader(load);
}

/// Registers the loader's `saveDocument(parent, [kind, pack, english, later, code, lang], fileName,
/// mime, timeout)`, a promise that a download (the Markdown summary, the plan of action), which the
/// documents module writes, was offered as a file: the widget's own wasm carries none of that code,
/// and the text never enters its memory. The loader calls it once, beside [`set_pack_fetcher`].
#[wasm_bindgen]
pub fn set_document_saver(save: js_sys::Function) {
    content::set_document_saver(save);
}

/// Tells every instance the page's DSFR theme, `data-fr-theme` on its root element (`None` when absent),
/// which `theme="auto"` follows; the loader calls it at start and whenever the page changes it.
#[wasm_bindgen]
pub fn page_theme_changed(value: Option<String>) {
    host::page_theme_changed(value);
}

/// How many instances are mounted in this page: a diagnostic for tests and for debugging leaks.
#[wasm_bindgen]
pub fn live_instance_count() -> u32 {
    host::live_instance_count()
}

/// The size of the wasm linear memory in bytes: the end-to-end tests check that it stays flat when
/// elements come and go.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65_536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Panics on purpose, to test what the reader sees when the widget fails; only in the test build
/// (`cargo xtask dist --features panic-test --out target/dist-panic`), never in dist/.
///
/// The panic happens in a timer callback, as most would in an event handler: the browser, not the
/// loader, calls into the wasm, and the loader learns of the trap from the window's `error` event.
#[cfg(feature = "panic-test")]
#[wasm_bindgen]
pub fn debug_panic() {
    gloo_timers::callback::Timeout::new(0, || panic!("debug_panic() was called (test build)"))
        .forget();
}
