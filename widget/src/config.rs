//! Host attributes, which are lenient strings, parsed once into the strict [`WidgetConfig`].
//!
//! This module deliberately knows nothing about the DOM, `web-sys` or Leptos,
//! so that its rules are unit-tested natively with a plain `cargo test`.
//! The caller reads the attributes and prints the warnings.

use std::fmt;

use parcours_core::{Id, Lang, Link};

/// Whether the widget may keep answers in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Storage {
    /// Answers are kept in `localStorage`, on this device only.
    Local,
    /// Nothing is written to the browser.
    None,
}

impl Storage {
    /// The attribute value that selects this mode.
    pub fn name(self) -> &'static str {
        match self {
            Storage::Local => "local",
            Storage::None => "none",
        }
    }
}

/// The colour scheme of the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// Follows the reader's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// The attribute value that selects this theme, also used as `data-theme` by the stylesheet.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

impl Theme {
    /// The theme a host page sets on its root element as DSFR's `data-fr-theme`, if it is one.
    pub fn from_page(value: Option<&str>) -> Option<Theme> {
        match value.map(str::trim) {
            Some(value) if value.eq_ignore_ascii_case("light") => Some(Theme::Light),
            Some(value) if value.eq_ignore_ascii_case("dark") => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme to show: `auto` follows the page's DSFR theme when it has one, else stays `auto`,
    /// which the stylesheet resolves with `prefers-color-scheme`; `light` and `dark` are kept.
    pub fn resolved(self, page: Option<Theme>) -> Theme {
        match (self, page) {
            (Theme::Auto, Some(page)) => page,
            (theme, _) => theme,
        }
    }
}

/// When the loader downloads the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Loading {
    /// As soon as the element is in the page.
    Eager,
    /// Once the element is near the viewport (read by the loader, which has not downloaded the wasm yet).
    Lazy,
}

impl Loading {
    /// The attribute value that selects this mode.
    pub fn name(self) -> &'static str {
        match self {
            Loading::Eager => "eager",
            Loading::Lazy => "lazy",
        }
    }
}

/// The level of the widget's top heading, so that it fits in the host page's outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    /// The lowest allowed level: `h1` belongs to the host page.
    pub const MIN: u8 = 2;
    /// The highest allowed level; its sub-headings would be `h7`, which HTML lacks, so they stay `h6`.
    pub const MAX: u8 = 6;

    /// Returns the level if it is within `MIN..=MAX`.
    pub fn new(level: u8) -> Option<HeadingLevel> {
        (Self::MIN..=Self::MAX)
            .contains(&level)
            .then_some(HeadingLevel(level))
    }

    /// The level, always within `MIN..=MAX`.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// One attribute of `<cpn-parcours>` that the widget reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attribute {
    /// `lang`: `fr` or `en`.
    Lang,
    /// `persona`: the id of a persona to start with, in the core's [`Id`] grammar.
    Persona,
    /// `content`: the URL of a content pack.
    Content,
    /// `storage`: `local` or `none`.
    Storage,
    /// `heading-level`: 2 to 6.
    HeadingLevel,
    /// `theme`: `light`, `dark` or `auto`.
    Theme,
    /// `loading`: `eager` or `lazy`.
    Loading,
}

impl Attribute {
    /// Every attribute, in the order the loader lists them in `observedAttributes`.
    pub const ALL: [Attribute; 7] = [
        Attribute::Lang,
        Attribute::Persona,
        Attribute::Content,
        Attribute::Storage,
        Attribute::HeadingLevel,
        Attribute::Theme,
        Attribute::Loading,
    ];

    /// The HTML attribute name.
    pub fn name(self) -> &'static str {
        match self {
            Attribute::Lang => "lang",
            Attribute::Persona => "persona",
            Attribute::Content => "content",
            Attribute::Storage => "storage",
            Attribute::HeadingLevel => "heading-level",
            Attribute::Theme => "theme",
            Attribute::Loading => "loading",
        }
    }

    /// Finds the attribute with this HTML name; HTML attribute names are case-insensitive.
    pub fn from_name(name: &str) -> Option<Attribute> {
        Attribute::ALL
            .into_iter()
            .find(|attribute| attribute.name().eq_ignore_ascii_case(name))
    }
}

/// The strict configuration of one widget instance.
///
/// Every value here is valid; the lenient reading happens once, in [`WidgetConfig::from_attributes`]
/// and [`WidgetConfig::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetConfig {
    /// The language of the widget.
    pub lang: Lang,
    /// The persona to start with, if the host page chose one; whether the pack has it is known only
    /// once the pack is loaded.
    pub persona: Option<Id>,
    /// The URL of the content pack, as written by the host (it may be relative to the page).
    pub content: Option<String>,
    /// Where answers may be kept.
    pub storage: Storage,
    /// The level of the top heading.
    pub heading_level: HeadingLevel,
    /// The colour scheme.
    pub theme: Theme,
    /// When the loader downloads the widget; once the wasm runs, only its warning matters.
    pub loading: Loading,
}

/// The one place where defaults are defined; the embedding guide (www/embedding.html) must match it.
impl Default for WidgetConfig {
    fn default() -> WidgetConfig {
        WidgetConfig {
            lang: Lang::Fr,
            persona: None,
            content: None,
            storage: Storage::Local,
            heading_level: HeadingLevel(2),
            theme: Theme::Auto,
            loading: Loading::Eager,
        }
    }
}

/// An attribute value the widget could not use; it was replaced by the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    attribute: Attribute,
    value: String,
    expected: &'static str,
    fallback: String,
}

impl ConfigWarning {
    /// The attribute that held the value.
    pub fn attribute(&self) -> Attribute {
        self.attribute
    }
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A host may set a megabyte of text: the console gets a bounded excerpt of it.
        const MAX_CHARS: usize = 80;
        let mut value: String = self.value.chars().take(MAX_CHARS).collect();
        if self.value.chars().nth(MAX_CHARS).is_some() {
            value.push('…');
        }
        write!(
            f,
            "<cpn-parcours>: ignoring {}={:?}: expected {}; using {}",
            self.attribute.name(),
            value,
            self.expected,
            self.fallback
        )
    }
}

impl WidgetConfig {
    /// Parses every attribute once.
    ///
    /// `attribute` returns the raw value of an attribute, or `None` when it is absent.
    /// `inherited_lang` is the `lang` of the nearest ancestor that has one, used when the host has none.
    pub fn from_attributes(
        attribute: impl Fn(Attribute) -> Option<String>,
        inherited_lang: Option<&str>,
    ) -> (WidgetConfig, Vec<ConfigWarning>) {
        let mut config = WidgetConfig::default();
        let warnings = Attribute::ALL
            .into_iter()
            .filter_map(|name| config.apply(name, attribute(name).as_deref(), inherited_lang))
            .collect();
        (config, warnings)
    }

    /// Re-reads one attribute after the host page changed or removed it; the other fields are kept.
    ///
    /// A value that cannot be used is replaced by the default, and the returned warning says so.
    pub fn apply(
        &mut self,
        attribute: Attribute,
        value: Option<&str>,
        inherited_lang: Option<&str>,
    ) -> Option<ConfigWarning> {
        let defaults = WidgetConfig::default();
        let value = value.map(str::trim);
        let mut warning = None;
        let mut reject = |expected: &'static str, fallback: String| {
            warning = Some(ConfigWarning {
                attribute,
                value: value.unwrap_or_default().to_owned(),
                expected,
                fallback,
            });
        };
        match attribute {
            Attribute::Lang => {
                // An absent or empty `lang` means "not said here", as in HTML: the page's language applies.
                let page_lang = inherited_lang
                    .and_then(Lang::from_tag)
                    .unwrap_or(defaults.lang);
                self.lang = match value.filter(|value| !value.is_empty()) {
                    None => page_lang,
                    Some(value) => Lang::from_tag(value).unwrap_or_else(|| {
                        reject(
                            "fr or en",
                            format!("the page language {:?}", page_lang.code()),
                        );
                        page_lang
                    }),
                };
            }
            Attribute::Persona => {
                // The core's own grammar: an id no pack can hold is refused here, not silently unmatched later.
                self.persona = match value.map(Id::new) {
                    None => defaults.persona,
                    Some(Ok(id)) => Some(id),
                    Some(Err(_)) => {
                        reject(
                            "a persona id of 1 to 64 lowercase letters, digits and single inner hyphens",
                            "no persona".to_owned(),
                        );
                        defaults.persona
                    }
                };
            }
            Attribute::Content => {
                self.content = match value {
                    None => defaults.content,
                    Some(value) if is_content_url(value) => Some(value.to_owned()),
                    Some(_) => {
                        reject(
                            "an http(s) or relative URL without spaces",
                            "the built-in content".to_owned(),
                        );
                        defaults.content
                    }
                };
            }
            Attribute::Storage => {
                self.storage = match value {
                    None => defaults.storage,
                    Some(value) if value.eq_ignore_ascii_case("local") => Storage::Local,
                    Some(value) if value.eq_ignore_ascii_case("none") => Storage::None,
                    Some(_) => {
                        reject(
                            "local or none",
                            format!("the default {:?}", defaults.storage.name()),
                        );
                        defaults.storage
                    }
                };
            }
            Attribute::HeadingLevel => {
                self.heading_level = match value {
                    None => defaults.heading_level,
                    Some(value) => parse_heading_level(value).unwrap_or_else(|| {
                        reject(
                            "a number from 2 to 6",
                            format!("the default {}", defaults.heading_level.get()),
                        );
                        defaults.heading_level
                    }),
                };
            }
            Attribute::Theme => {
                self.theme = match value {
                    None => defaults.theme,
                    Some(value) if value.eq_ignore_ascii_case("light") => Theme::Light,
                    Some(value) if value.eq_ignore_ascii_case("dark") => Theme::Dark,
                    Some(value) if value.eq_ignore_ascii_case("auto") => Theme::Auto,
                    Some(_) => {
                        reject(
                            "light, dark or auto",
                            format!("the default {:?}", defaults.theme.name()),
                        );
                        defaults.theme
                    }
                };
            }
            Attribute::Loading => {
                self.loading = match value {
                    None => defaults.loading,
                    Some(value) if value.eq_ignore_ascii_case("eager") => Loading::Eager,
                    Some(value) if value.eq_ignore_ascii_case("lazy") => Loading::Lazy,
                    Some(_) => {
                        reject(
                            "eager or lazy",
                            format!("the default {:?}", defaults.loading.name()),
                        );
                        defaults.loading
                    }
                };
            }
        }
        warning
    }
}

/// Accepts relative URLs and absolute http(s) ones, so that `javascript:` or `data:` never reach `fetch`;
/// the scheme is found by the core's rule ([`Link::scheme_of`]), the one that vets the pack's own links.
fn is_content_url(value: &str) -> bool {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match Link::scheme_of(value) {
        None => true,
        Some(scheme) => scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"),
    }
}

/// Accepts `3` and, leniently, `h3`.
fn parse_heading_level(value: &str) -> Option<HeadingLevel> {
    let digits = value.strip_prefix(['h', 'H']).unwrap_or(value);
    digits.parse::<u8>().ok().and_then(HeadingLevel::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    /// Parses `attributes` as the host would give them and compares the config and warnings with `expect`.
    #[track_caller]
    fn check(attributes: &[(&str, &str)], inherited_lang: Option<&str>, expect: Expect) {
        let read = |attribute: Attribute| {
            attributes
                .iter()
                .find(|(name, _)| *name == attribute.name())
                .map(|(_, value)| (*value).to_owned())
        };
        let (config, warnings) = WidgetConfig::from_attributes(read, inherited_lang);
        let mut actual = format!(
            "lang={} persona={:?} content={:?} storage={} heading-level={} theme={} loading={}\n",
            config.lang.code(),
            config.persona,
            config.content,
            config.storage.name(),
            config.heading_level.get(),
            config.theme.name(),
            config.loading.name(),
        );
        for warning in &warnings {
            actual.push_str(&format!("warning: {warning}\n"));
        }
        expect.assert_eq(&actual);
    }

    #[test]
    fn no_attributes_give_the_defaults() {
        check(
            &[],
            None,
            expect![[r#"
                lang=fr persona=None content=None storage=local heading-level=2 theme=auto loading=eager
            "#]],
        );
    }

    #[test]
    fn default_matches_parsing_nothing() {
        let (parsed, warnings) = WidgetConfig::from_attributes(|_| None, None);
        assert_eq!(parsed, WidgetConfig::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn every_attribute_with_a_valid_value() {
        check(
            &[
                ("lang", "en"),
                ("persona", "dev-ops-2"),
                ("content", "https://intranet.example/parcours/content.json"),
                ("storage", "none"),
                ("heading-level", "4"),
                ("theme", "dark"),
                ("loading", "lazy"),
            ],
            Some("fr"),
            expect![[r#"
                lang=en persona=Some("dev-ops-2") content=Some("https://intranet.example/parcours/content.json") storage=none heading-level=4 theme=dark loading=lazy
            "#]],
        );
    }

    #[test]
    fn values_are_read_leniently() {
        check(
            &[
                ("lang", " EN-gb "),
                ("storage", "LOCAL"),
                ("heading-level", "h3"),
                ("theme", " Light "),
                ("loading", "LAZY"),
            ],
            None,
            expect![[r#"
                lang=en persona=None content=None storage=local heading-level=3 theme=light loading=lazy
            "#]],
        );
    }

    #[test]
    fn lang_is_inherited_from_the_page() {
        check(
            &[],
            Some("en-US"),
            expect![[r#"
                lang=en persona=None content=None storage=local heading-level=2 theme=auto loading=eager
            "#]],
        );
        check(
            &[("lang", "")],
            Some("en"),
            expect![[r#"
                lang=en persona=None content=None storage=local heading-level=2 theme=auto loading=eager
            "#]],
        );
    }

    #[test]
    fn an_unsupported_page_language_quietly_gives_french() {
        check(
            &[],
            Some("de"),
            expect![[r#"
                lang=fr persona=None content=None storage=local heading-level=2 theme=auto loading=eager
            "#]],
        );
    }

    #[test]
    fn an_unknown_lang_warns_and_uses_the_page_language() {
        check(
            &[("lang", "klingon")],
            Some("en"),
            expect![[r#"
                lang=en persona=None content=None storage=local heading-level=2 theme=auto loading=eager
                warning: <cpn-parcours>: ignoring lang="klingon": expected fr or en; using the page language "en"
            "#]],
        );
    }

    #[test]
    fn every_bad_value_warns_and_gives_the_default() {
        check(
            &[
                ("lang", "xx"),
                ("persona", "<script>"),
                ("content", "javascript:alert(1)"),
                ("storage", "cloud"),
                ("heading-level", "9"),
                ("theme", "purple"),
                ("loading", "later"),
            ],
            None,
            expect![[r#"
                lang=fr persona=None content=None storage=local heading-level=2 theme=auto loading=eager
                warning: <cpn-parcours>: ignoring lang="xx": expected fr or en; using the page language "fr"
                warning: <cpn-parcours>: ignoring persona="<script>": expected a persona id of 1 to 64 lowercase letters, digits and single inner hyphens; using no persona
                warning: <cpn-parcours>: ignoring content="javascript:alert(1)": expected an http(s) or relative URL without spaces; using the built-in content
                warning: <cpn-parcours>: ignoring storage="cloud": expected local or none; using the default "local"
                warning: <cpn-parcours>: ignoring heading-level="9": expected a number from 2 to 6; using the default 2
                warning: <cpn-parcours>: ignoring theme="purple": expected light, dark or auto; using the default "auto"
                warning: <cpn-parcours>: ignoring loading="later": expected eager or lazy; using the default "eager"
            "#]],
        );
    }

    #[test]
    fn heading_level_bounds() {
        for (value, expected) in [
            ("1", None),
            ("2", Some(2)),
            ("6", Some(6)),
            ("7", None),
            ("-3", None),
            ("", None),
            ("2.5", None),
            ("h", None),
        ] {
            assert_eq!(
                parse_heading_level(value).map(HeadingLevel::get),
                expected,
                "heading-level={value:?}"
            );
        }
    }

    #[test]
    fn content_urls() {
        for (value, accepted) in [
            ("content.json", true),
            ("../packs/fr.json", true),
            ("/parcours/content.json", true),
            ("//cdn.example/content.json", true),
            ("HTTPS://example.org/c.json", true),
            ("http://example.org/c.json?v=2#x", true),
            ("path/with:colon-after-slash", true),
            ("data:application/json,{}", false),
            ("javascript:alert(1)", false),
            ("file:///etc/passwd", false),
            ("content .json", false),
            ("", false),
        ] {
            assert_eq!(is_content_url(value), accepted, "content={value:?}");
        }
    }

    #[test]
    fn persona_ids_follow_the_core_grammar() {
        assert_eq!(
            parcours_core::MAX_ID_LEN,
            64,
            "the warning below says 1 to 64"
        );
        for (value, accepted) in [
            ("dev", true),
            ("chef-de-projet2", true),
            (" tech ", true),
            ("Chef_de-projet2", false),
            ("chef--projet", false),
            ("-chef", false),
            ("", false),
            ("a b", false),
            ("é", false),
            (&"x".repeat(64), true),
            (&"x".repeat(65), false),
        ] {
            let mut config = WidgetConfig::default();
            let warning = config.apply(Attribute::Persona, Some(value), None);
            assert_eq!(
                (config.persona.is_some(), warning.is_none()),
                (accepted, accepted),
                "persona={value:?}"
            );
        }
        check(
            &[("persona", "Chef_de-projet2")],
            None,
            expect![[r#"
                lang=fr persona=None content=None storage=local heading-level=2 theme=auto loading=eager
                warning: <cpn-parcours>: ignoring persona="Chef_de-projet2": expected a persona id of 1 to 64 lowercase letters, digits and single inner hyphens; using no persona
            "#]],
        );
    }

    #[test]
    fn apply_updates_one_field_and_removal_restores_its_default() {
        let mut config = WidgetConfig::default();
        assert_eq!(config.apply(Attribute::Theme, Some("dark"), None), None);
        assert_eq!(config.apply(Attribute::HeadingLevel, Some("5"), None), None);
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.apply(Attribute::Theme, None, None), None);
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.heading_level.get(), 5);
        let warning = config.apply(Attribute::Storage, Some("s3"), None);
        assert_eq!(
            warning.map(|warning| warning.attribute()),
            Some(Attribute::Storage)
        );
        assert_eq!(config.storage, Storage::Local);
    }

    #[test]
    fn auto_follows_the_page_dsfr_theme_and_light_or_dark_stay() {
        for (page, theme, shown) in [
            (Some("dark"), Theme::Auto, Theme::Dark),
            (Some(" LIGHT "), Theme::Auto, Theme::Light),
            (Some("system"), Theme::Auto, Theme::Auto),
            (Some(""), Theme::Auto, Theme::Auto),
            (None, Theme::Auto, Theme::Auto),
            (Some("dark"), Theme::Light, Theme::Light),
            (Some("light"), Theme::Dark, Theme::Dark),
        ] {
            assert_eq!(
                theme.resolved(Theme::from_page(page)),
                shown,
                "theme={} data-fr-theme={page:?}",
                theme.name()
            );
        }
    }

    #[test]
    fn attribute_names_round_trip_case_insensitively() {
        for attribute in Attribute::ALL {
            assert_eq!(Attribute::from_name(attribute.name()), Some(attribute));
            assert_eq!(
                Attribute::from_name(&attribute.name().to_uppercase()),
                Some(attribute)
            );
        }
        assert_eq!(Attribute::from_name("style"), None);
    }
}
