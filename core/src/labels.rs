//! The product's own words for model values, in French and English, shared by the report and the widget.

use crate::{
    answers::Answer,
    engine::UnmetStatus,
    pack::{Access, ResourceKind},
    text::Lang,
};

fn pick(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

impl ResourceKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ResourceKind::Documentation => pick(lang, "Documentation", "Documentation"),
            ResourceKind::Tutorial => pick(lang, "Tutoriel", "Tutorial"),
            ResourceKind::Training => pick(lang, "Formation", "Training"),
            ResourceKind::Video => pick(lang, "Vidéo", "Video"),
            ResourceKind::Article => pick(lang, "Article", "Article"),
            ResourceKind::Guide => pick(lang, "Guide", "Guide"),
            ResourceKind::Form => pick(lang, "Formulaire", "Form"),
            ResourceKind::Contact => pick(lang, "Contact", "Contact"),
            ResourceKind::Repository => pick(lang, "Dépôt de code", "Code repository"),
            ResourceKind::Regulation => pick(lang, "Texte de référence", "Reference text"),
            ResourceKind::Presentation => pick(lang, "Présentation", "Presentation"),
            ResourceKind::Tool => pick(lang, "Outil", "Tool"),
        }
    }
}

impl Access {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Access::Public => pick(lang, "Accès libre", "Open access"),
            Access::Rie => pick(
                lang,
                "Intranet RIE uniquement",
                "Ministry intranet (RIE) only",
            ),
            Access::Paid => pick(lang, "Payant", "Paid"),
        }
    }
}

impl Answer {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Answer::Yes => pick(lang, "Oui", "Yes"),
            Answer::No => pick(lang, "Non", "No"),
            Answer::DontKnow => pick(lang, "Je ne sais pas", "I don't know"),
            Answer::NotApplicable => pick(lang, "Non applicable", "Not applicable"),
        }
    }
}

impl UnmetStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UnmetStatus::Unanswered => pick(lang, "Sans réponse", "Not answered"),
            UnmetStatus::No => pick(lang, "Non", "No"),
            UnmetStatus::DontKnow => pick(lang, "Je ne sais pas", "I don't know"),
        }
    }
}

/// The name of a resource's language, in the interface language.
pub fn language_name(code: &str, lang: Lang) -> String {
    let name = match code {
        "fr" => pick(lang, "français", "French"),
        "en" => pick(lang, "anglais", "English"),
        "de" => pick(lang, "allemand", "German"),
        "es" => pick(lang, "espagnol", "Spanish"),
        "it" => pick(lang, "italien", "Italian"),
        _ => return code.to_ascii_uppercase(),
    };
    name.to_owned()
}
