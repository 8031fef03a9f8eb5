//! Languages and localised texts.

use std::fmt;

/// A language the product speaks. French is the reference; English is complete in the default pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `fr`, `en`, `fr-FR` or `EN-gb`; other languages give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A plain-text string in French, and in English where the pack provides it.
///
/// Texts are never markup: whoever renders one must treat it as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub(crate) fr: String,
    pub(crate) en: Option<String>,
}

impl Text {
    /// The text in `lang`, falling back to French when the pack has no translation.
    pub fn get(&self, lang: Lang) -> &str {
        self.localized(lang).0
    }

    /// The text in `lang` if available, otherwise the French text, with the language actually returned,
    /// so that a renderer can mark a French passage inside an English page with `lang="fr"`.
    pub fn localized(&self, lang: Lang) -> (&str, Lang) {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => (en, Lang::En),
            _ => (&self.fr, Lang::Fr),
        }
    }

    /// The French reference text.
    pub fn fr(&self) -> &str {
        &self.fr
    }

    /// The English text, if the pack has one.
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_tags() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag(" EN-gb "), Some(Lang::En));
        assert_eq!(Lang::from_tag("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("french"), None);
    }

    #[test]
    fn missing_english_falls_back_to_french_and_says_so() {
        let text = Text {
            fr: "Bonjour".into(),
            en: None,
        };
        assert_eq!(text.localized(Lang::En), ("Bonjour", Lang::Fr));
        let text = Text {
            fr: "Bonjour".into(),
            en: Some("Hello".into()),
        };
        assert_eq!(text.localized(Lang::En), ("Hello", Lang::En));
        assert_eq!(text.localized(Lang::Fr), ("Bonjour", Lang::Fr));
    }
}
