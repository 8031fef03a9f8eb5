//! The view model of the live result: what one `assess` call says, owned and in the interface language.
//!
//! The core's `Assessment<'p>` borrows the pack and the answers, so it cannot live in a reactive
//! `Memo`. [`ResultView::new`] copies what the view shows out of it, once per change of the answers,
//! the pack or the language, and [`ResultView::after`] numbers the revisions of the two largest
//! sections (resources, support), so that a section whose content did not change keeps its part of
//! the DOM. A section is watched through a `Memo<u32>` of its revision: one memo type for all,
//! where a memo per section type would add kilobytes of generic reactive code to the wasm.
//! Every decision (stage, status, hint, offer, words for model values) comes from the core.

use parcours_core::{
    Access, Assessment, Hint, Id, Lang, Resource, StageProgress, Text, UnmetStatus,
    check_with_role, group_resources, language_name, report,
};

use crate::parts::LocalText;

/// Everything the result, the stepper and the host event show, for one state of the answers.
#[derive(Debug, Clone)]
pub(crate) struct ResultView {
    /// How many times each section changed since the first view.
    pub(crate) revisions: Revisions,
    /// Every stage's progress and status, in stage order, as the stepper shows them.
    pub(crate) progress: Vec<StageProgress>,
    /// Where the team stands, at a glance, as the core words it ([`report::summary`]).
    pub(crate) summary: String,
    /// The required criteria of the current gate not yet validated.
    pub(crate) blocking: Vec<UnmetView>,
    /// The optional criteria of the current gate not yet validated.
    pub(crate) advice: Vec<UnmetView>,
    /// Every "don't know" answer, with whom or what to check.
    pub(crate) follow_ups: Vec<FollowUpView>,
    /// The questions of criteria already validated at later stages.
    pub(crate) ahead: Vec<LocalText>,
    /// Self-training and programme resources at the current stage.
    pub(crate) resources: ResourcesView,
    /// What support the team may ask for, and whom to contact.
    pub(crate) support: SupportView,
    /// The stage after the current one, if any.
    pub(crate) next: Option<NextView>,
    /// What the host page is told of this state.
    pub(crate) host: HostState,
    /// Whether the result shows a later step's texts that the pack does not have yet (see
    /// `Pack::lacks_later_texts`): the view then waits for them rather than show blanks.
    pub(crate) texts_missing: bool,
}

/// The revision of each watched section of a [`ResultView`]; a revision changes exactly when its
/// content does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Revisions {
    pub(crate) resources: u32,
    pub(crate) support: u32,
}

/// A part of a [`ResultView`] that the view watches on its own: the two with the most elements.
/// The others are a few text nodes each, cheaper to rebuild in place at every change than to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Resources,
    Support,
}

impl Revisions {
    /// The revision of `section`.
    pub(crate) fn of(self, section: Section) -> u32 {
        match section {
            Section::Resources => self.resources,
            Section::Support => self.support,
        }
    }
}

/// A criterion not validated yet, and why.
#[derive(Debug, Clone)]
pub(crate) struct UnmetView {
    pub(crate) status: UnmetStatus,
    pub(crate) question: LocalText,
    pub(crate) why: LocalText,
}

/// A "don't know" answer.
#[derive(Debug, Clone)]
pub(crate) struct FollowUpView {
    pub(crate) stage: u8,
    pub(crate) question: LocalText,
    pub(crate) hint: Option<HintView>,
}

/// The core's [`Hint`], owned.
#[derive(Debug, Clone)]
pub(crate) enum HintView {
    /// The criterion's own follow-up text.
    Text(LocalText),
    /// The words that introduce a role ([`check_with_role`]), and the role's name.
    AskRole(&'static str, LocalText),
}

/// The resources section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourcesView {
    /// Whether a persona is chosen: the list is then for that role, else for every role.
    pub(crate) for_persona: bool,
    /// The chosen persona's self-training focus at this stage.
    pub(crate) focus: Option<LocalText>,
    pub(crate) persona_resources: Vec<ResourceGroupView>,
    /// The stage's guidance on the programme's resources.
    pub(crate) guidance: Vec<LocalText>,
    pub(crate) programme_resources: Vec<ResourceGroupView>,
}

/// The resources of one purpose, as the core groups them ([`parcours_core::group_resources`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceGroupView {
    /// The purpose's place in [`parcours_core::ResourcePurpose::ALL`], which keys the group's
    /// disclosure state across renders.
    pub(crate) index: usize,
    /// The group's title, in the core's words.
    pub(crate) title: &'static str,
    pub(crate) resources: Vec<ResourceView>,
}

/// One resource with its badges, every badge in the core's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceView {
    pub(crate) title: LocalText,
    pub(crate) url: Option<String>,
    /// The resource's language code, for `hreflang`.
    pub(crate) language: String,
    pub(crate) provider: String,
    pub(crate) kind: &'static str,
    pub(crate) language_name: String,
    pub(crate) access: Access,
    pub(crate) access_label: &'static str,
    pub(crate) description: Option<LocalText>,
}

/// The support section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SupportView {
    /// The verdict's stable identifier ([`parcours_core::Offer::as_str`]), for the stylesheet.
    pub(crate) offer: &'static str,
    /// The verdict in words, as the report says it.
    pub(crate) offer_sentence: String,
    pub(crate) text: LocalText,
    pub(crate) how: Option<LocalText>,
    pub(crate) case_note: Option<LocalText>,
    pub(crate) milestones: Vec<LocalText>,
    pub(crate) contacts: Vec<ContactView>,
}

/// One contact line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContactView {
    pub(crate) name: LocalText,
    /// The contact's status in the core's words.
    pub(crate) status: &'static str,
    pub(crate) href: String,
    /// The link as a reader should see it (an email address without `mailto:`).
    pub(crate) shown: String,
    pub(crate) note: Option<LocalText>,
}

/// The next stage, for a short look ahead.
#[derive(Debug, Clone)]
pub(crate) struct NextView {
    pub(crate) number: u8,
    pub(crate) title: LocalText,
    pub(crate) maturity: LocalText,
    pub(crate) team_question: LocalText,
}

impl ResultView {
    /// Copies what the view shows out of `assessment`, in `lang`.
    pub(crate) fn new(assessment: &Assessment<'_>, lang: Lang) -> ResultView {
        let local = |text: &Text| LocalText::new(text, lang);
        let unmet = |list: &[parcours_core::Unmet<'_>]| -> Vec<UnmetView> {
            list.iter()
                .map(|unmet| UnmetView {
                    status: unmet.status,
                    question: local(&unmet.criterion.question),
                    why: local(&unmet.criterion.why),
                })
                .collect()
        };
        let resources = |list: &[&Resource]| -> Vec<ResourceGroupView> {
            group_resources(list)
                .into_iter()
                .map(|group| ResourceGroupView {
                    index: group.purpose as usize,
                    title: group.purpose.label(lang),
                    resources: group
                        .resources
                        .iter()
                        .map(|resource| ResourceView::new(resource, lang))
                        .collect(),
                })
                .collect()
        };
        let stage = assessment.stage;
        let support = &assessment.support;
        ResultView {
            texts_missing: assessment.pack.lacks_later_texts(lang)
                && !assessment.within_first_step(),
            revisions: Revisions::default(),
            progress: assessment.progress.clone(),
            summary: report::summary(assessment, lang),
            host: HostState {
                stage: stage.number,
                persona: assessment.persona.map(|persona| persona.id.clone()),
                maturity: stage.maturity.name.get(lang).to_owned(),
                required_left: assessment.blocking.len(),
                complete: assessment.complete,
            },
            blocking: unmet(&assessment.blocking),
            advice: unmet(&assessment.advice),
            follow_ups: assessment
                .follow_ups
                .iter()
                .map(|follow_up| FollowUpView {
                    stage: follow_up.stage.number,
                    question: local(&follow_up.criterion.question),
                    hint: follow_up.hint().map(|hint| match hint {
                        Hint::Text(text) => HintView::Text(local(text)),
                        Hint::AskRole(persona) => {
                            HintView::AskRole(check_with_role(lang), local(&persona.name))
                        }
                    }),
                })
                .collect(),
            ahead: assessment
                .ahead
                .iter()
                .map(|criterion| local(&criterion.question))
                .collect(),
            resources: ResourcesView {
                for_persona: assessment.persona.is_some(),
                focus: assessment
                    .persona
                    .and_then(|persona| stage.focus_of(persona.id.as_str()))
                    .map(local),
                persona_resources: resources(&assessment.persona_resources),
                guidance: stage.guidance.iter().map(local).collect(),
                programme_resources: resources(&assessment.programme_resources),
            },
            support: SupportView {
                offer: support.offer.as_str(),
                offer_sentence: report::offer_sentence(assessment, lang),
                text: local(&support.stage_support.text),
                how: support.stage_support.how.as_ref().map(local),
                case_note: support.case.and_then(|case| case.note.as_ref()).map(local),
                milestones: support.stage_support.milestones.iter().map(local).collect(),
                contacts: support
                    .contacts
                    .iter()
                    .map(|contact| ContactView {
                        name: local(&contact.name),
                        status: contact.status.label(lang),
                        href: contact.url.to_string(),
                        shown: contact.url.display_text().to_owned(),
                        note: contact.note.as_ref().map(local),
                    })
                    .collect(),
            },
            next: assessment.next.map(|next| NextView {
                number: next.number,
                title: local(&next.title),
                maturity: local(&next.maturity.name),
                team_question: local(&next.team_question),
            }),
        }
    }

    /// This view as the successor of `previous`: every section that differs gets the next revision.
    pub(crate) fn after(mut self, previous: &ResultView) -> ResultView {
        fn next<T: PartialEq>(revision: u32, before: &T, now: &T) -> u32 {
            if before == now {
                revision
            } else {
                revision.wrapping_add(1)
            }
        }
        let before = previous.revisions;
        self.revisions = Revisions {
            resources: next(before.resources, &previous.resources, &self.resources),
            support: next(before.support, &previous.support, &self.support),
        };
        self
    }
}

impl ResourceView {
    fn new(resource: &Resource, lang: Lang) -> ResourceView {
        ResourceView {
            title: LocalText::new(&resource.title, lang),
            url: resource.url.as_ref().map(ToString::to_string),
            language: resource.language.clone(),
            provider: resource.provider.clone(),
            kind: resource.kind.label(lang),
            language_name: language_name(&resource.language, lang),
            access: resource.access,
            access_label: resource.access.label(lang),
            description: resource
                .description
                .as_ref()
                .map(|description| LocalText::new(description, lang)),
        }
    }
}

/// What the host page is told of one state of the answers: the detail of `parcours-ready` and
/// `parcours-change`, and the `data-stage` and `data-persona` reflected on the element.
/// Every value is the core's, through the [`ResultView`] of the same assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostState {
    /// The team's current stage number.
    pub(crate) stage: u8,
    /// The chosen persona, if it is one of the pack's.
    pub(crate) persona: Option<Id>,
    /// The name of the current stage's maturity level, in the interface language.
    pub(crate) maturity: String,
    /// How many required criteria of the current stage's gate are not validated yet.
    pub(crate) required_left: usize,
    /// Whether every stage's gate is met.
    pub(crate) complete: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_core::{Answer, Answers, StageStatus, assess, default_pack};

    #[test]
    fn a_blank_visitor_is_at_stage_one_and_nothing_is_passed() {
        let pack = default_pack();
        let answers = Answers::default();
        let view = ResultView::new(&assess(pack, &answers), Lang::En);
        assert_eq!(view.host.persona, None);
        assert_eq!(view.progress[0].status, StageStatus::Current);
        assert!(
            view.progress
                .iter()
                .all(|progress| progress.status != StageStatus::Passed)
        );
        assert_eq!(
            view.summary,
            report::summary(&assess(pack, &answers), Lang::En)
        );
        assert_eq!(view.host.required_left, view.blocking.len());
        assert_eq!(view.host.stage, 1);
        assert!(!view.resources.for_persona);
    }

    #[test]
    fn a_watched_section_changes_revision_exactly_when_its_content_changes() {
        let pack = default_pack();
        let mut answers = Answers::default();
        let before = ResultView::new(&assess(pack, &answers), Lang::Fr);
        let first = &pack.stages()[0].gate.criteria[0];
        answers.criteria.insert(first.id.clone(), Answer::DontKnow);
        let after = ResultView::new(&assess(pack, &answers), Lang::Fr).after(&before);
        assert_eq!(
            after.revisions,
            Revisions::default(),
            "an answer at stage 1 moves neither the resources nor the support"
        );
        answers.persona = Some(pack.personas()[0].id.clone());
        let with_role = ResultView::new(&assess(pack, &answers), Lang::Fr).after(&after);
        assert_eq!(
            with_role.revisions.resources, 1,
            "a role narrows the resources"
        );
        let same = ResultView::new(&assess(pack, &answers), Lang::Fr).after(&with_role);
        assert_eq!(
            same.revisions, with_role.revisions,
            "an identical view changes no revision"
        );
        let english = ResultView::new(&assess(pack, &answers), Lang::En).after(&same);
        assert_eq!(
            (english.revisions.resources, english.revisions.support),
            (2, 1),
            "a new language is new content"
        );
    }
}
