//! Where answers live between visits: the URL fragment for share links, `localStorage` for resuming.
//!
//! Both hold the core's answer code. The fragment is never sent to a server, unlike a query string.

use wasm_bindgen::JsValue;

/// The fragment key of a widget: `cpn`, or `cpn.<id>` when the element has an `id`.
pub(crate) fn fragment_key(element_id: Option<&str>) -> String {
    match element_id {
        Some(id) => format!("cpn.{id}"),
        None => "cpn".to_owned(),
    }
}

/// The `localStorage` key of a widget, per content pack and element id, so two packs or two
/// identified widgets on one site never overwrite each other's answers.
pub(crate) fn storage_key(pack_id: &str, element_id: Option<&str>) -> String {
    match element_id {
        Some(id) => format!("cpn-parcours:{pack_id}:{id}"),
        None => format!("cpn-parcours:{pack_id}"),
    }
}

/// Finds this widget's code in a fragment such as `#cpn=v1;p=tech` or `#top&cpn.a=v1`.
pub(crate) fn code_in_fragment(fragment: &str, key: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| {
            pair.split_once('=')
                .filter(|(k, _)| *k == key)
                .map(|(_, code)| code.to_owned())
        })
}

/// The fragment with this widget's code set, keeping any other part (an anchor, another widget's code).
pub(crate) fn fragment_with(fragment: &str, key: &str, code: &str) -> String {
    let mut parts: Vec<String> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split_once('=').is_none_or(|(k, _)| k != key))
        .map(str::to_owned)
        .collect();
    parts.push(format!("{key}={code}"));
    format!("#{}", parts.join("&"))
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
    fn fragments() {
        assert_eq!(
            code_in_fragment("#cpn=v1;p=tech", "cpn").as_deref(),
            Some("v1;p=tech")
        );
        assert_eq!(
            code_in_fragment("#top&cpn.a=v1;y=s1-a", "cpn.a").as_deref(),
            Some("v1;y=s1-a")
        );
        assert_eq!(code_in_fragment("#top&cpn.a=v1", "cpn"), None);
        assert_eq!(code_in_fragment("#section-2", "cpn"), None);
        assert_eq!(code_in_fragment("", "cpn"), None);
        assert_eq!(
            fragment_with("#top", "cpn", "v1;p=tech"),
            "#top&cpn=v1;p=tech"
        );
        assert_eq!(
            fragment_with("#cpn=v1;p=moe&x", "cpn", "v1;p=tech"),
            "#x&cpn=v1;p=tech"
        );
        assert_eq!(fragment_with("", "cpn.a", "v1"), "#cpn.a=v1");
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
