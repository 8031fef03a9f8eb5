//! An empty Leptos mount: what any Leptos widget costs before it does anything.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Mounts one paragraph into the body, as the widget mounts its root.
#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <p class="baseline">"Parcours"</p> });
}
