//! The product's own words for model values, in French and English, shared by the report, the CLI and
//! the widget, and the stable identifiers of the model's enums.
//!
//! Every table is an exhaustive `match` on [`Lang`]: a third language added to `Lang` fails to compile
//! here until each word has its translation, rather than falling back to English.

use crate::{
    answers::Answer,
    engine::{Offer, ResourcePurpose, StageStatus, UnmetStatus},
    pack::Resource,
    pack::{Access, Availability, ContactStatus, ResourceKind},
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

impl ResourcePurpose {
    /// The title of the group of resources with this purpose.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ResourcePurpose::Learn => pick(lang, "Se former", "Learn"),
            ResourcePurpose::Read => pick(lang, "Lire et s'informer", "Read up"),
            ResourcePurpose::Act => pick(
                lang,
                "Textes, outils et démarches",
                "Rules, tools and procedures",
            ),
        }
    }

    /// The stable identifier, as the tests name a group.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourcePurpose::Learn => "learn",
            ResourcePurpose::Read => "read",
            ResourcePurpose::Act => "act",
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
    /// The stable identifier, for the widget's radio values and ids (the answer code uses one-letter
    /// keys of its own).
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::DontKnow => "dont-know",
            Answer::NotApplicable => "not-applicable",
        }
    }

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

/// The name of a resource's language, in the interface language; an unknown code in capitals.
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

impl StageStatus {
    /// Every status, in path order.
    pub const ALL: [StageStatus; 4] = [
        StageStatus::Passed,
        StageStatus::Current,
        StageStatus::Ahead,
        StageStatus::Upcoming,
    ];

    /// The stable identifier, as the CLI's JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            StageStatus::Passed => "passed",
            StageStatus::Current => "current",
            StageStatus::Ahead => "ahead",
            StageStatus::Upcoming => "upcoming",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StageStatus::Passed => pick(lang, "franchie", "passed"),
            StageStatus::Current => pick(lang, "en cours", "current"),
            StageStatus::Ahead => pick(lang, "déjà validée", "validated ahead"),
            StageStatus::Upcoming => pick(lang, "à venir", "upcoming"),
        }
    }
}

impl ContactStatus {
    /// The stable identifier, as a content pack writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactStatus::Current => "current",
            ContactStatus::Legacy => "legacy",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ContactStatus::Current => pick(lang, "contact actuel", "current contact"),
            ContactStatus::Legacy => pick(lang, "ancien circuit", "former route"),
        }
    }
}

impl Availability {
    /// The stable identifier, as a content pack writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Offered => "offered",
            Availability::ToBeDefined => "to-be-defined",
        }
    }
}

impl ResourceKind {
    /// The stable identifier, as a content pack writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Documentation => "documentation",
            ResourceKind::Tutorial => "tutorial",
            ResourceKind::Training => "training",
            ResourceKind::Video => "video",
            ResourceKind::Article => "article",
            ResourceKind::Guide => "guide",
            ResourceKind::Form => "form",
            ResourceKind::Contact => "contact",
            ResourceKind::Repository => "repository",
            ResourceKind::Regulation => "regulation",
            ResourceKind::Presentation => "presentation",
            ResourceKind::Tool => "tool",
        }
    }
}

impl Access {
    /// The stable identifier, as a content pack writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Rie => "rie",
            Access::Paid => "paid",
        }
    }
}

impl UnmetStatus {
    /// The stable identifier, as the CLI's JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            UnmetStatus::Unanswered => "unanswered",
            UnmetStatus::No => "no",
            UnmetStatus::DontKnow => "dont-know",
        }
    }
}

impl Offer<'_> {
    /// The stable identifier of the verdict, in the style of the pack's own enums.
    pub fn as_str(&self) -> &'static str {
        match self {
            Offer::ProfileIncomplete => "profile-incomplete",
            Offer::NoMatchingCase => "no-matching-case",
            Offer::NoneAtThisStage => "none-at-this-stage",
            Offer::NotPlanned => "not-planned",
            Offer::NotInCase { .. } => "not-in-case",
            Offer::Offered { .. } => "offered",
            Offer::ToBeDefined { .. } => "to-be-defined",
        }
    }
}

impl Resource {
    /// The resource's facts in one line: kind, language, access and provider, as the report and the
    /// export list them (the widget shows the same words as badges).
    pub fn facts(&self, lang: Lang) -> String {
        format!(
            "{}, {}, {}, {}",
            self.kind.label(lang),
            language_name(&self.language, lang),
            self.access.label(lang),
            self.provider
        )
    }
}

/// The words that introduce the role to ask, when a "don't know" criterion has no follow-up of its own.
pub fn check_with_role(lang: Lang) -> &'static str {
    pick(lang, "à vérifier auprès du rôle", "check with the role")
}

/// The product's words that every rendering of the path shares: the report, the CLI's export and
/// the widget name these things the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// "Étape" before a step's number.
    Step,
    /// "sur", as in "Étape 2 sur 5".
    Of,
    Maturity,
    TeamQuestion,
    Support,
    Contacts,
    Milestones,
    LearnMore,
    Why,
    NextStep,
    /// The programme's own resources and how to use them.
    ProgrammeResources,
    /// Self-training resources, for every role.
    SelfTraining,
    /// Self-training resources for the chosen role.
    SelfTrainingForRole,
    /// Criteria of later steps already validated.
    AlreadyValidated,
    NoResources,
}

impl Term {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Term::Step => pick(lang, "Étape", "Step"),
            Term::Of => pick(lang, "sur", "of"),
            Term::Maturity => pick(lang, "Niveau de maturité", "Maturity level"),
            Term::TeamQuestion => pick(lang, "Question de l'équipe", "The team's question"),
            Term::Support => pick(lang, "Accompagnement", "Support"),
            Term::Contacts => pick(lang, "Contacts", "Contacts"),
            Term::Milestones => pick(lang, "Jalons de l'embarquement", "Onboarding milestones"),
            Term::LearnMore => pick(lang, "En savoir plus", "Learn more"),
            Term::Why => pick(lang, "Pourquoi", "Why"),
            Term::NextStep => pick(lang, "Étape suivante", "Next step"),
            Term::ProgrammeResources => pick(
                lang,
                "Ressources et mode d'emploi du programme",
                "The programme's resources and how to use them",
            ),
            Term::SelfTraining => pick(
                lang,
                "Ressources d'autoformation",
                "Self-training resources",
            ),
            Term::SelfTrainingForRole => pick(
                lang,
                "Ressources d'autoformation pour votre rôle",
                "Self-training resources for your role",
            ),
            Term::AlreadyValidated => pick(
                lang,
                "Déjà validé pour les étapes suivantes",
                "Already validated for later steps",
            ),
            Term::NoResources => pick(
                lang,
                "Aucune ressource pour le moment.",
                "No resources yet.",
            ),
        }
    }
}

/// What goes between a label and its value: French puts a space before the colon.
pub fn colon(lang: Lang) -> &'static str {
    pick(lang, " : ", ": ")
}
