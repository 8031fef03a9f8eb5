//! The share-link grammar: where an answer code sits in a page's URL fragment.
//!
//! A widget keeps its code in the fragment as `#cpn=v1;…`, or `#cpn.<element-id>=v1;…` when the
//! element has an `id`, beside any other part (an anchor, another widget's code) joined by `&`. The
//! fragment never reaches a server. The widget writes and reads links with these functions, and the
//! CLI reads pasted links with [`code_in_link`], so both follow one grammar.

use std::fmt;

/// The fragment key of a widget: `cpn`, or `cpn.<id>` when the element has an `id`.
pub fn fragment_key(element_id: Option<&str>) -> String {
    match element_id {
        Some(id) => format!("cpn.{id}"),
        None => "cpn".to_owned(),
    }
}

/// The code under `key` in a fragment such as `#cpn=v1;p=tech` or `#top&cpn.a=v1`.
pub fn code_in_fragment<'f>(fragment: &'f str, key: &str) -> Option<&'f str> {
    codes_in_fragment(fragment, key).into_iter().next()
}

/// Every code under `key` in a fragment, in order: one in a member's share link, several in a
/// team's (`#cpn=v1;…&cpn=v1;…`), which the widget opens as the team's result.
pub fn codes_in_fragment<'f>(fragment: &'f str, key: &str) -> Vec<&'f str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .filter_map(|pair| {
            pair.split_once('=')
                .filter(|(k, _)| *k == key)
                .map(|(_, code)| code)
        })
        .collect()
}

/// The fragment with the code under `key` set, keeping every other part in its order.
pub fn fragment_with(fragment: &str, key: &str, code: &str) -> String {
    fragment_with_all(fragment, key, &[code])
}

/// The fragment with `codes` under `key`, one part each and in order, keeping every other part.
pub fn fragment_with_all(fragment: &str, key: &str, codes: &[&str]) -> String {
    let mut parts: Vec<String> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split_once('=').is_none_or(|(k, _)| k != key))
        .map(str::to_owned)
        .collect();
    parts.extend(codes.iter().map(|code| format!("{key}={code}")));
    format!("#{}", parts.join("&"))
}

/// The answer code inside pasted text: the text itself when it is a code, or the first `cpn` or
/// `cpn.<element-id>` parameter of a share link's fragment (`https://page#cpn=v1;…`).
pub fn code_in_link(input: &str) -> Result<&str, LinkWithoutCode> {
    let input = input.trim();
    let Some((before, fragment)) = input.split_once('#') else {
        if looks_like_url(input) {
            return Err(LinkWithoutCode::NoFragment);
        }
        return Ok(widget_parameter(input).unwrap_or(input));
    };
    if let Some(code) = fragment.split('&').find_map(widget_parameter) {
        return Ok(code);
    }
    if looks_like_url(before) {
        return Err(LinkWithoutCode::NoParameter);
    }
    // "#v1;…", as an older link might have it: the decoder drops the "#".
    Ok(input)
}

/// Why pasted text holds no answer code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkWithoutCode {
    /// A link with no fragment at all.
    NoFragment,
    /// A link whose fragment has no `cpn` parameter.
    NoParameter,
}

impl fmt::Display for LinkWithoutCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkWithoutCode::NoFragment => {
                "this link has no answer code: it should end with #cpn=v1;…"
            }
            LinkWithoutCode::NoParameter => {
                "this link has no answer code: its fragment should hold cpn=v1;…"
            }
        })
    }
}

impl std::error::Error for LinkWithoutCode {}

/// The value of a `cpn=` or `cpn.<element-id>=` parameter.
fn widget_parameter(part: &str) -> Option<&str> {
    let (key, value) = part.split_once('=')?;
    let ours = key == "cpn"
        || key
            .strip_prefix("cpn.")
            .is_some_and(|id| !id.is_empty() && !id.contains(';'));
    ours.then_some(value)
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || text.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn extracts(input: &str, expected: Result<&str, LinkWithoutCode>) {
        assert_eq!(code_in_link(input), expected, "input {input:?}");
    }

    #[test]
    fn codes_come_out_of_share_links() {
        extracts("v1;k=small@1.0.0;p=tech", Ok("v1;k=small@1.0.0;p=tech"));
        extracts("  v1;p=tech\n", Ok("v1;p=tech"));
        extracts(
            "https://intranet.example/page#cpn=v1;p=tech",
            Ok("v1;p=tech"),
        );
        extracts(
            "https://intranet.example/page?x=1#cpn.parcours-2=v1;p=moe",
            Ok("v1;p=moe"),
        );
        extracts(
            "https://intranet.example/page#top&cpn=v1;p=tech",
            Ok("v1;p=tech"),
        );
        extracts("#cpn=v1;p=tech", Ok("v1;p=tech"));
        extracts("cpn=v1;p=tech", Ok("v1;p=tech"));
        extracts("#v1;p=tech", Ok("#v1;p=tech"));
        extracts(
            "https://intranet.example/page",
            Err(LinkWithoutCode::NoFragment),
        );
        extracts(
            "https://intranet.example/page#section",
            Err(LinkWithoutCode::NoParameter),
        );
        // Not a link: left to the decoder, which says it does not start with a version.
        extracts("hello", Ok("hello"));
    }

    #[test]
    fn fragments() {
        assert_eq!(code_in_fragment("#cpn=v1;p=tech", "cpn"), Some("v1;p=tech"));
        assert_eq!(
            code_in_fragment("#top&cpn.a=v1;y=s1-a", "cpn.a"),
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
        // A team's link: several codes under one key, read back in order.
        let team = fragment_with_all("#top&cpn=v1;p=moe", "cpn", &["v1;p=tech", "v1;p=decision"]);
        assert_eq!(team, "#top&cpn=v1;p=tech&cpn=v1;p=decision");
        assert_eq!(
            codes_in_fragment(&team, "cpn"),
            ["v1;p=tech", "v1;p=decision"]
        );
        assert_eq!(code_in_fragment(&team, "cpn"), Some("v1;p=tech"));
        assert_eq!(fragment_with(&team, "cpn", "v1"), "#top&cpn=v1");
        assert_eq!(fragment_key(None), "cpn");
        assert_eq!(fragment_key(Some("main")), "cpn.main");
    }
}
