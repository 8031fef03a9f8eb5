//! The whole team's answers: the states of several visitors merged by written rules.
//!
//! Each criterion names the role that usually answers it, so a team answers in several browsers
//! and pastes its share links together. The rules, criterion by criterion:
//! - answers that agree stand;
//! - a known answer ("yes", "no", "not applicable") wins over "don't know";
//! - known answers that differ ("yes" against "no", "not applicable" against either) are a
//!   conflict: the criterion stays unanswered in the merged state, so it is never counted as
//!   validated, and the conflict says who said what.
//!
//! The eligibility profile follows the same rule per question (options that differ are a conflict
//! and the question stays unanswered); the role is kept only when every member who chose one chose
//! the same, since a team has several. The merge is commutative and idempotent on the answers it
//! keeps; conflicts name members by their position in the input, from 1.

use crate::{
    answers::Answer,
    answers::Answers,
    id::Id,
    labels::colon,
    pack::{Pack, ProfileQuestion},
    text::Lang,
};

/// The team's merged answers and what its members disagree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub answers: Answers,
    /// In criterion order, then profile question order (by id).
    pub conflicts: Vec<Conflict>,
}

/// Members who gave different known answers to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub subject: Subject,
    /// Member number (from 1, in input order) and what that member said.
    pub said: Vec<(usize, Said)>,
}

/// What a conflict is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Criterion(Id),
    ProfileQuestion(Id),
}

/// One member's answer in a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    Answer(Answer),
    Option(Id),
}

/// Merges the members' answers by the rules of this module.
pub fn merge(members: &[Answers]) -> Merged {
    let mut answers = Answers::default();
    let mut conflicts = Vec::new();

    let by_criterion =
        crate::index::grouped(members.iter().enumerate().flat_map(|(index, member)| {
            member
                .criteria
                .iter()
                .map(move |(id, &answer)| (id, (index + 1, answer)))
        }));
    for (id, said) in by_criterion {
        let known: Vec<(usize, Answer)> = said
            .iter()
            .copied()
            .filter(|(_, answer)| *answer != Answer::DontKnow)
            .collect();
        match known.first() {
            None => {
                answers.criteria.insert(id.clone(), Answer::DontKnow);
            }
            Some(&(_, first)) if known.iter().all(|(_, answer)| *answer == first) => {
                answers.criteria.insert(id.clone(), first);
            }
            Some(_) => conflicts.push(Conflict {
                subject: Subject::Criterion(id.clone()),
                said: known
                    .into_iter()
                    .map(|(member, answer)| (member, Said::Answer(answer)))
                    .collect(),
            }),
        }
    }

    let by_question =
        crate::index::grouped(members.iter().enumerate().flat_map(|(index, member)| {
            member
                .profile
                .iter()
                .map(move |(question, option)| (question, (index + 1, option)))
        }));
    for (question, said) in by_question {
        let first = said[0].1;
        if said.iter().all(|(_, option)| *option == first) {
            answers.profile.insert(question.clone(), first.clone());
        } else {
            conflicts.push(Conflict {
                subject: Subject::ProfileQuestion(question.clone()),
                said: said
                    .into_iter()
                    .map(|(member, option)| (member, Said::Option(option.clone())))
                    .collect(),
            });
        }
    }

    let mut personas = members.iter().filter_map(|member| member.persona.as_ref());
    if let Some(first) = personas.next()
        && personas.all(|persona| persona == first)
    {
        answers.persona = Some(first.clone());
    }
    Merged { answers, conflicts }
}

impl Conflict {
    /// What the conflict is about, as the pack words it: the criterion's question or the profile
    /// question's label (the id itself if the pack lacks it).
    pub fn subject_text(&self, pack: &Pack, lang: Lang) -> String {
        match &self.subject {
            Subject::Criterion(id) => pack.criterion(id.as_str()).map_or_else(
                || id.to_string(),
                |(_, criterion)| criterion.question.get(lang).to_owned(),
            ),
            Subject::ProfileQuestion(id) => self.profile_question(pack).map_or_else(
                || id.to_string(),
                |question| question.label.get(lang).to_owned(),
            ),
        }
    }

    /// Who said what, in words: "membre 1 : Oui ; membre 3 : Non", with the pack's option labels.
    pub fn said_text(&self, pack: &Pack, lang: Lang) -> String {
        let question = self.profile_question(pack);
        let said = self.said_by_member(lang, |option| {
            question
                .and_then(|q| q.options.iter().find(|o| o.id == *option))
                .map_or_else(|| option.to_string(), |o| o.label.get(lang).to_owned())
        });
        said.join(match lang {
            Lang::Fr => " ; ",
            Lang::En => "; ",
        })
    }

    /// "conflit : s2-exposure — membre 1 : Oui, membre 2 : Non", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let word = match lang {
            Lang::Fr => "conflit : ",
            Lang::En => "conflict: ",
        };
        let subject = match &self.subject {
            Subject::Criterion(id) | Subject::ProfileQuestion(id) => id.as_str(),
        };
        let said = self.said_by_member(lang, Id::to_string);
        format!("{word}{subject} — {}", said.join(", "))
    }

    /// "membre 1 : Oui" for each member, a profile option named by `option`.
    fn said_by_member(&self, lang: Lang, option: impl Fn(&Id) -> String) -> Vec<String> {
        let member = match lang {
            Lang::Fr => "membre",
            Lang::En => "member",
        };
        self.said
            .iter()
            .map(|(number, said)| {
                let what = match said {
                    Said::Answer(answer) => answer.label(lang).to_owned(),
                    Said::Option(id) => option(id),
                };
                format!("{member} {number}{}{what}", colon(lang))
            })
            .collect()
    }

    /// The profile question the conflict is about, if it is one the pack has.
    fn profile_question<'p>(&self, pack: &'p Pack) -> Option<&'p ProfileQuestion> {
        match &self.subject {
            Subject::ProfileQuestion(id) => pack
                .profile()
                .questions
                .iter()
                .find(|question| question.id == *id),
            Subject::Criterion(_) => None,
        }
    }
}
