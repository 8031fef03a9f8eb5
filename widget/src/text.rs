//! The words of the placeholder component, in French and English.
//!
//! The real questionnaire will take its words from content packs;
//! these few are the widget's own chrome.

use crate::config::Lang;

/// A role the reader can choose; the placeholder's stand-in for content-pack personas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Writes and ships the code.
    Developer,
    /// Runs the platform and the deployments.
    Operations,
    /// Steers the project.
    ProjectLead,
}

impl Role {
    /// Every role, in the order the radio buttons show them.
    pub const ALL: [Role; 3] = [Role::Developer, Role::Operations, Role::ProjectLead];

    /// The stable identifier sent in `parcours-change` and accepted by the `persona` attribute.
    pub fn id(self) -> &'static str {
        match self {
            Role::Developer => "developer",
            Role::Operations => "ops",
            Role::ProjectLead => "project-lead",
        }
    }

    /// Finds the role with this identifier.
    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.id() == id)
    }

    /// The label shown next to the radio button.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Developer, Lang::Fr) => "Développeuse ou développeur",
            (Role::Developer, Lang::En) => "Developer",
            (Role::Operations, Lang::Fr) => "Opératrice ou opérateur de plateforme (ops)",
            (Role::Operations, Lang::En) => "Platform operations (ops)",
            (Role::ProjectLead, Lang::Fr) => "Cheffe ou chef de projet",
            (Role::ProjectLead, Lang::En) => "Project lead",
        }
    }
}

/// The fixed sentences of the placeholder in one language.
#[derive(Debug)]
pub struct Texts {
    /// The top heading.
    pub title: &'static str,
    /// The sentence under the heading.
    pub intro: &'static str,
    /// The legend of the role question.
    pub role_question: &'static str,
    /// What the live region says before any choice.
    pub no_role_yet: &'static str,
    /// What the live region says before the chosen role's label.
    pub chosen_role_prefix: &'static str,
}

// French typography wants a no-break space before ":" and "?".
const FRENCH: Texts = Texts {
    title: "Parcours Cloud Pi Native",
    intro: "Choisissez votre rôle pour obtenir un parcours adapté à votre projet.",
    role_question: "Quel est votre rôle dans le projet\u{a0}?",
    no_role_yet: "Aucun rôle choisi pour l’instant.",
    chosen_role_prefix: "Rôle choisi\u{a0}: ",
};

const ENGLISH: Texts = Texts {
    title: "The Cloud Pi Native path",
    intro: "Choose your role to get a path that fits your project.",
    role_question: "What is your role in the project?",
    no_role_yet: "No role chosen yet.",
    chosen_role_prefix: "Chosen role: ",
};

impl Texts {
    /// The sentences in `lang`.
    pub fn get(lang: Lang) -> &'static Texts {
        match lang {
            Lang::Fr => &FRENCH,
            Lang::En => &ENGLISH,
        }
    }

    /// The live region's sentence once `role` is chosen.
    pub fn chosen_role(&self, role: Role, lang: Lang) -> String {
        format!("{}{}.", self.chosen_role_prefix, role.label(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_ids_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_id(role.id()), Some(role));
        }
        assert_eq!(Role::from_id("Developer"), None);
    }

    #[test]
    fn chosen_role_sentence() {
        assert_eq!(Texts::get(Lang::Fr).chosen_role(Role::Operations, Lang::Fr), "Rôle choisi\u{a0}: Opératrice ou opérateur de plateforme (ops).");
        assert_eq!(Texts::get(Lang::En).chosen_role(Role::ProjectLead, Lang::En), "Chosen role: Project lead.");
    }
}
