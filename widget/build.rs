//! Embeds the default content pack in its compact form, so the WebAssembly carries neither the JSON
//! nor the parser and validator it would need: the pack is loaded and checked here, natively.
//! Only its French half is embedded: `cargo xtask dist` writes the English half beside the wasm
//! (`parcours_widget_en.bin`), which English pages fetch (see `Pack::to_compact_split`).

use std::{env, fs, path::PathBuf};

fn main() {
    let pack = parcours_core::default_pack();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    let (french, _) = pack.to_compact_split();
    fs::write(out.join("default-pack.bin"), french).expect("OUT_DIR is writable");
    // `default_pack()` embeds the JSON, so cargo reruns this script whenever parcours-core changes.
    println!("cargo::rerun-if-changed=build.rs");
}
