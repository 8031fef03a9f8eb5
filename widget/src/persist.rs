//! Where answers live between visits: `localStorage`, for resuming. It holds the core's answer code,
//! as the share link's fragment does (its grammar is the core's, `parcours_core::share`), and beside
//! it the history of visits (`parcours_core::history`).

use wasm_bindgen::JsValue;

/// The `localStorage` key of a widget, per content pack and element id, so two packs or two
/// identified widgets on one site never overwrite each other's answers.
pub(crate) fn storage_key(pack_id: &str, element_id: Option<&str>) -> String {
    match element_id {
        Some(id) => format!("cpn-parcours:{pack_id}:{id}"),
        None => format!("cpn-parcours:{pack_id}"),
    }
}

/// The `localStorage` key of a widget's history of visits, beside its answers.
pub(crate) fn history_key(storage_key: &str) -> String {
    format!("{storage_key}:history")
}

/// The page's `localStorage`, or why it cannot be used (blocked by policy, sandboxed, absent).
pub(crate) fn local_storage() -> Result<web_sys::Storage, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    window
        .local_storage()?
        .ok_or_else(|| JsValue::from_str("no localStorage"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_keys() {
        assert_eq!(
            storage_key("cloud-pi-native", None),
            "cpn-parcours:cloud-pi-native"
        );
        assert_eq!(
            storage_key("cloud-pi-native", Some("main")),
            "cpn-parcours:cloud-pi-native:main"
        );
    }
}
