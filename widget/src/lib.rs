//! The `<cpn-parcours>` widget: the functions that `js/parcours.js` calls, and the modules behind them.
//!
//! The custom element itself is defined in JavaScript (a class must `extends HTMLElement`),
//! and delegates its lifecycle to the three exports below.
//! Instances are independent: each has its own reactive owner, signals and element ids.

use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

mod app;
mod content;
mod persist;
mod words;
pub mod config;
mod host;

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

/// How many instances are mounted in this page: a diagnostic for tests and for debugging leaks.
#[wasm_bindgen]
pub fn live_instance_count() -> u32 {
    host::live_instance_count()
}
