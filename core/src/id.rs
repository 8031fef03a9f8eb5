//! Stable identifiers and safe links.

use std::{borrow::Borrow, fmt};

/// The longest id a pack may use.
pub const MAX_ID_LEN: usize = 64;

/// A stable identifier: 1 to 64 lowercase ASCII letters, digits and single inner hyphens.
///
/// Share links and stored answers refer to content by id, so the syntax is kept URL-safe.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(pub(crate) String);

impl Id {
    /// Checks the syntax of `id`.
    pub fn new(id: &str) -> Result<Id, InvalidId> {
        if id.is_empty() {
            return Err(InvalidId("an id must not be empty".to_owned()));
        }
        if id.len() > MAX_ID_LEN {
            return Err(InvalidId(format!(
                "id is {} characters long, more than {MAX_ID_LEN}",
                id.len()
            )));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if let Some(bad) = id.chars().find(|&c| !allowed(c)) {
            return Err(InvalidId(format!(
                "invalid id {id:?}: {bad:?} is not allowed (use lowercase letters, digits and hyphens)"
            )));
        }
        if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
            return Err(InvalidId(format!(
                "invalid id {id:?}: hyphens must separate letters or digits"
            )));
        }
        Ok(Id(id.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Why a string is not an [`Id`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId(String);

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidId {}

/// A link that is safe to make clickable: `https:`, `http:`, `mailto:` or a relative reference.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Link(pub(crate) String);

/// The schemes a [`Link`] may use.
pub const ALLOWED_SCHEMES: [&str; 3] = ["https", "http", "mailto"];

impl Link {
    /// Checks that `url` is a link the widget may render.
    ///
    /// Browsers strip tabs and newlines inside URLs and ignore leading spaces, which would let
    /// `java\tscript:` through a naive scheme check, so any whitespace or control character is refused.
    pub fn new(url: &str) -> Result<Link, InvalidLink> {
        if url.is_empty() {
            return Err(InvalidLink("empty link".to_owned()));
        }
        if let Some(bad) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(InvalidLink(format!(
                "link {url:?} contains the character {bad:?}"
            )));
        }
        if url.contains('\\') {
            return Err(InvalidLink(format!("link {url:?} contains a backslash")));
        }
        if let Some(scheme) = scheme_of(url) {
            if !ALLOWED_SCHEMES
                .iter()
                .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
            {
                return Err(InvalidLink(format!(
                    "link {url:?} uses the scheme \"{scheme}:\"; only https:, http:, mailto: and relative links are allowed"
                )));
            }
            let rest = &url[scheme.len() + 1..];
            let hierarchical = !scheme.eq_ignore_ascii_case("mailto");
            if hierarchical && !rest.starts_with("//") {
                return Err(InvalidLink(format!(
                    "link {url:?} has no host after \"{scheme}:\""
                )));
            }
            if rest.trim_start_matches('/').is_empty() {
                return Err(InvalidLink(format!("link {url:?} is incomplete")));
            }
        }
        Ok(Link(url.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the link uses plain `http:`, which a pack should avoid.
    pub fn is_insecure(&self) -> bool {
        scheme_of(&self.0).is_some_and(|scheme| scheme.eq_ignore_ascii_case("http"))
    }

    /// The scheme of `url` if it is absolute (`https` in `https://…`), or `None` for a relative
    /// reference; the one rule for "which scheme is this", shared with the widget's `content` attribute.
    pub fn scheme_of(url: &str) -> Option<&str> {
        scheme_of(url)
    }

    /// The link as a reader should see it: an email address without its `mailto:`.
    pub fn display_text(&self) -> &str {
        match scheme_of(&self.0) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto") => &self.0[scheme.len() + 1..],
            _ => &self.0,
        }
    }
}

/// The scheme of an absolute URL, as RFC 3986 defines it: a letter, then letters, digits, `+`, `-`, `.`,
/// before the first `:` that comes before any `/`, `?` or `#`.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    if url[..end].contains(['/', '?', '#']) {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A prefix that is not a valid scheme (":x", "1a:x") makes the whole string a relative path for a
    // browser's URL parser, so it cannot smuggle a scheme in.
    (first_is_letter && rest_ok).then_some(scheme)
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a string is not a [`Link`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLink(String);

impl fmt::Display for InvalidLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidLink {}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn id(input: &str, expected: Result<(), &str>) {
        let actual = Id::new(input).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(actual, expected.map_err(str::to_owned), "input {input:?}");
    }

    #[test]
    fn ids() {
        id("s3-rootless", Ok(()));
        id("a", Ok(()));
        id("mentor-492", Ok(()));
        id(&"a".repeat(64), Ok(()));
        id("", Err("an id must not be empty"));
        id(
            &"a".repeat(65),
            Err("id is 65 characters long, more than 64"),
        );
        id(
            "S3",
            Err(
                "invalid id \"S3\": 'S' is not allowed (use lowercase letters, digits and hyphens)",
            ),
        );
        id(
            "a_b",
            Err(
                "invalid id \"a_b\": '_' is not allowed (use lowercase letters, digits and hyphens)",
            ),
        );
        id(
            "é",
            Err("invalid id \"é\": 'é' is not allowed (use lowercase letters, digits and hyphens)"),
        );
        id(
            "-a",
            Err("invalid id \"-a\": hyphens must separate letters or digits"),
        );
        id(
            "a-",
            Err("invalid id \"a-\": hyphens must separate letters or digits"),
        );
        id(
            "a--b",
            Err("invalid id \"a--b\": hyphens must separate letters or digits"),
        );
    }

    #[track_caller]
    fn link(input: &str, expected: Result<(), &str>) {
        let actual = Link::new(input).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(actual, expected.map_err(str::to_owned), "input {input:?}");
    }

    #[test]
    fn links() {
        link("https://cloud-pi-native.fr/guide/get-started.html", Ok(()));
        link("HTTPS://example.org", Ok(()));
        link("http://example.org/a?b=c#d", Ok(()));
        link("mailto:dtnum-brm-contacts@interieur.gouv.fr", Ok(()));
        link("embedding.html", Ok(()));
        link("../guide.html#attributes", Ok(()));
        link("/docs/a:b", Ok(()));
        link("?x=1", Ok(()));
        link("#top", Ok(()));
        link("a/b:c", Ok(()));
        link("", Err("empty link"));
        link(
            "javascript:alert(1)",
            Err(
                "link \"javascript:alert(1)\" uses the scheme \"javascript:\"; only https:, http:, mailto: and relative links are allowed",
            ),
        );
        link(
            "JavaScript:alert(1)",
            Err(
                "link \"JavaScript:alert(1)\" uses the scheme \"JavaScript:\"; only https:, http:, mailto: and relative links are allowed",
            ),
        );
        link(
            "data:text/html,x",
            Err(
                "link \"data:text/html,x\" uses the scheme \"data:\"; only https:, http:, mailto: and relative links are allowed",
            ),
        );
        link(
            "java\tscript:alert(1)",
            Err("link \"java\\tscript:alert(1)\" contains the character '\\t'"),
        );
        link(
            " https://example.org",
            Err("link \" https://example.org\" contains the character ' '"),
        );
        link(
            "https://exa mple.org",
            Err("link \"https://exa mple.org\" contains the character ' '"),
        );
        link(
            "https:example.org",
            Err("link \"https:example.org\" has no host after \"https:\""),
        );
        link("https://", Err("link \"https://\" is incomplete"));
        link("mailto:", Err("link \"mailto:\" is incomplete"));
        link(
            "https:\\\\evil.example",
            Err("link \"https:\\\\\\\\evil.example\" contains a backslash"),
        );
        link(":foo", Ok(()));
        link("1a:foo", Ok(()));
    }

    #[test]
    fn http_is_flagged() {
        assert!(
            Link::new("http://example.org")
                .unwrap_or_else(|e| panic!("{e}"))
                .is_insecure()
        );
        assert!(
            !Link::new("https://example.org")
                .unwrap_or_else(|e| panic!("{e}"))
                .is_insecure()
        );
        assert!(
            !Link::new("page.html")
                .unwrap_or_else(|e| panic!("{e}"))
                .is_insecure()
        );
    }
}
