//! The glossary: the terms a pack defines, and which of them a text uses.
//!
//! A text uses a term when it contains one of the term's spellings as a whole word, as written or
//! with its first letter capitalised (a term that opens a sentence): "tenant" is used by
//! "son tenant" and "Tenant partagé", not by "maintenant". The spellings are the term in every
//! language and the entry's other `forms`, so that "DNUM" finds the entry of the DTNum.

use crate::{
    id::{Id, Link},
    pack::Pack,
    text::Text,
};

/// A term the pack defines, shown wherever its texts use it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct GlossaryEntry {
    pub id: Id,
    /// The term as written in each language: "enveloppe projet", "RIE".
    pub term: Text,
    /// Other spellings that count as a use of the term, in any language: "DNUM", "work units".
    pub forms: Vec<String>,
    pub definition: Text,
    pub url: Option<Link>,
    pub sources: Vec<Id>,
}

impl GlossaryEntry {
    /// Every spelling that counts as a use of this term.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        [Some(self.term.fr()), self.term.en()]
            .into_iter()
            .flatten()
            .chain(self.forms.iter().map(String::as_str))
    }

    /// Whether `text` uses this term (see the module's documentation for the rule).
    pub fn is_used_in(&self, text: &str) -> bool {
        self.spellings().any(|spelling| uses(text, spelling))
    }
}

impl Pack {
    /// The glossary, in the pack's order.
    pub fn glossary(&self) -> &[GlossaryEntry] {
        &self.glossary
    }

    /// The entries of the glossary that at least one of `texts` uses, in the glossary's order.
    pub fn terms_in<'p>(&'p self, texts: &[&str]) -> Vec<&'p GlossaryEntry> {
        self.glossary
            .iter()
            .filter(|entry| texts.iter().any(|text| entry.is_used_in(text)))
            .collect()
    }

    /// The entries that some text of the pack uses, outside the glossary itself: what a document
    /// showing the whole path (the CLI's export) defines.
    pub fn terms_used(&self) -> Vec<&GlossaryEntry> {
        let texts = self.content_texts();
        self.glossary
            .iter()
            .filter(|entry| used_anywhere(entry, &texts))
            .collect()
    }

    /// Every text of the pack that a reader may see, in every language, but the glossary's own
    /// and the titles of sources.
    pub(crate) fn content_texts(&self) -> Vec<&str> {
        let mut texts: Vec<&Text> = vec![&self.title];
        texts.extend(&self.description);
        for persona in &self.personas {
            texts.push(&persona.name);
            texts.extend(&persona.description);
        }
        for contact in &self.contacts {
            texts.push(&contact.name);
            texts.extend(&contact.note);
        }
        for phase in &self.phases {
            texts.push(&phase.name);
            texts.extend(&phase.description);
        }
        for question in &self.profile.questions {
            texts.push(&question.label);
            texts.extend(question.options.iter().map(|option| &option.label));
        }
        for case in &self.profile.cases {
            texts.push(&case.name);
            texts.extend(&case.note);
        }
        for stage in &self.stages {
            texts.extend([&stage.title, &stage.team_question, &stage.maturity.name]);
            texts.push(&stage.maturity.questions);
            texts.extend(&stage.maturity.achievements);
            texts.extend(&stage.guidance);
            texts.extend(stage.persona_focus.iter().map(|(_, focus)| focus));
            texts.push(&stage.support.text);
            texts.extend(&stage.support.how);
            texts.extend(&stage.support.milestones);
            texts.extend(&stage.gate.text);
            for criterion in &stage.gate.criteria {
                texts.extend([&criterion.question, &criterion.why]);
                texts.extend(&criterion.follow_up);
            }
        }
        for resource in &self.resources {
            texts.push(&resource.title);
            texts.extend(&resource.description);
        }
        texts
            .into_iter()
            .flat_map(|text| [Some(text.fr()), text.en()])
            .flatten()
            .collect()
    }
}

/// Whether one of `texts` uses `entry`.
pub(crate) fn used_anywhere(entry: &GlossaryEntry, texts: &[&str]) -> bool {
    texts.iter().any(|text| entry.is_used_in(text))
}

/// Whether `text` holds `spelling` as a whole word, as written or with a capital first letter.
fn uses(text: &str, spelling: &str) -> bool {
    let mut chars = spelling.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let capital = capital(first);
    whole_word(text, spelling)
        || (capital != first && whole_word(text, &format!("{capital}{}", chars.as_str())))
}

/// The capital of a lower-case letter of French or English, and any other character unchanged.
///
/// A table of its own rather than `char::to_uppercase` and `char::is_alphanumeric`, whose Unicode
/// tables cost the widget several kilobytes for the few letters a term of a pack starts with.
fn capital(c: char) -> char {
    const ACCENTED: [(char, char); 16] = [
        ('à', 'À'),
        ('â', 'Â'),
        ('ä', 'Ä'),
        ('ç', 'Ç'),
        ('é', 'É'),
        ('è', 'È'),
        ('ê', 'Ê'),
        ('ë', 'Ë'),
        ('î', 'Î'),
        ('ï', 'Ï'),
        ('ô', 'Ô'),
        ('ö', 'Ö'),
        ('ù', 'Ù'),
        ('û', 'Û'),
        ('ü', 'Ü'),
        ('œ', 'Œ'),
    ];
    match ACCENTED.iter().find(|(lower, _)| *lower == c) {
        Some(&(_, upper)) => upper,
        None => c.to_ascii_uppercase(),
    }
}

/// Whether `c` can be part of a word: an ASCII letter or digit, or any character beyond ASCII
/// but the spaces, quotes and dashes of general punctuation and French typography.
fn is_word_char(c: char) -> bool {
    match c {
        '\u{a0}' | '«' | '»' | '\u{2000}'..='\u{206f}' => false,
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ => true,
    }
}

fn whole_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_used_as_a_whole_word_as_written_or_capitalised() {
        assert!(uses("la gestion de son tenant.", "tenant"));
        assert!(uses("Tenant partagé", "tenant"));
        assert!(!uses("maintenant", "tenant"));
        assert!(!uses("tenants", "tenant"));
        assert!(uses("le RIE (réseau)", "RIE"));
        assert!(!uses("la rie", "RIE"));
        assert!(uses("l'UO facturée", "UO"));
        assert!(uses("des images MI-like.", "MI-like"));
        assert!(!uses("du GitOpsien", "GitOps"));
        assert!(uses("chiffrés avec SOPS", "SOPS"));
        assert!(uses("Enveloppe projet", "enveloppe projet"));
        assert!(!uses("tout", ""));
        // Case is kept past the first letter: an acronym never matches a word spelled in lower case.
        assert!(!uses("pax", "PAX"));
        assert!(uses("« État »", "état"));
        assert!(uses("le\u{a0}RIE\u{202f};", "RIE"));
        assert!(!uses("Désécurisé", "sécurisé"));
    }
}
