//! The live result: a summary sentence, then one part per section of the [`ResultView`].
//!
//! The two largest parts, the resources and the support, watch the revision of their section
//! ([`watch`]) and render again only when their content changed; the others are a few elements,
//! rebuilt in place at each change, which costs less wasm and no more time than comparing them.
//!
//! The parts (`blocking`, `advice`, `follow_ups`, `ahead`, `resources`, `support_panel`,
//! `next_step`) are plain functions of `interface` (how the instance speaks) and `result` (the view
//! model) rather than `#[component]`s: a component's props builder and untracked call cost about
//! 400 bytes of wasm each, for parts that take no other prop.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::Term;
use parcours_core::UnmetStatus;

use crate::{
    notices::Notice,
    parts::{Heading, Interface, fold, folded_list, later_placeholder, subheading, views},
    result_view::{HintView, ResourceGroupView, ResultView, Section, UnmetView},
};

/// The reactive view of one part: boxed, so that every part shares one rendering type.
pub(crate) type SectionView = Box<dyn Fn() -> AnyView + Send + Sync>;

/// How a part renders from the view model.
pub(crate) type RenderSection = Box<dyn Fn(&ResultView) -> AnyView + Send + Sync>;

/// The revision of `section` in `result`, as a memo: it notifies only when that section changed.
fn revision(result: Memo<Arc<ResultView>>, section: Section) -> Memo<u32> {
    Memo::new(move |_| result.with(|result| result.revisions.of(section)))
}

/// The view of one part of `result`: rendered again only when the revision of `section` changes,
/// or at every change of `result` when there is no section to watch.
///
/// Nothing here is generic: every part shares one copy of Leptos's rendering code, where a
/// closure type per part would add about a kilobyte of wasm each.
pub(crate) fn watch(
    result: Memo<Arc<ResultView>>,
    section: Option<Section>,
    render: RenderSection,
) -> SectionView {
    match section {
        Some(section) => {
            let revision = revision(result, section);
            Box::new(move || {
                // Reading (not only tracking) computes the memo, which subscribes it to `result`.
                revision.get();
                result.with_untracked(|result| render(result))
            })
        }
        None => Box::new(move || result.with(|result| render(result))),
    }
}

/// How many criteria of a list are in view before the rest folds away.
const FIRST_CRITERIA: usize = 2;

/// How many resources of a group are in view before the rest folds away.
const FIRST_RESOURCES: usize = 2;

/// The result section: where the team stands, why, what to read, what support, what next.
#[component]
pub(crate) fn Outcome(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The view model of the current answers, computed once per change.
    result: Memo<Arc<ResultView>>,
    /// The notices, which say whether the later steps' texts, that a result past the first step
    /// waits for, could not be loaded.
    notices: RwSignal<Vec<Notice>>,
) -> impl IntoView {
    let missing = move || result.with(|result| result.texts_missing);
    view! {
        <section class="cpn-result">
            <Heading level=interface.heading(1) class="cpn-section-title">
                {move || interface.words().result_title}
            </Heading>
            {move || missing().then(|| later_placeholder(interface, notices))}
            <div class="cpn-details" hidden=move || missing().then_some("")>
                {blocking(interface, result)}
                {advice(interface, result)}
                {follow_ups(interface, result)}
                {ahead(interface, result)}
                // Wrappers for the host page's `::part(resources)` and `::part(support)` (www/embedding.html).
                <div part="resources">{resources(interface, result)}</div>
                <div part="support">{support_panel(interface, result)}</div>
                {next_step(interface, result)}
            </div>
        </section>
    }
}

/// Why the team is at this stage: the required criteria of its gate not validated yet.
fn blocking(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    let open = RwSignal::new(false);
    watch(
        result,
        None,
        Box::new(move |result| {
            let words = interface.words();
            unmet_list(
                interface,
                &result.blocking,
                words.why_title,
                "cpn-list cpn-blocking",
                open,
            )
        }),
    )
}

/// The optional criteria of the current gate not validated yet.
fn advice(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    let open = RwSignal::new(false);
    watch(
        result,
        None,
        Box::new(move |result| {
            let words = interface.words();
            unmet_list(
                interface,
                &result.advice,
                words.advice_title,
                "cpn-list cpn-advice",
                open,
            )
        }),
    )
}

/// Criteria with their status in words, under a title; nothing at all when the list is empty.
fn unmet_list(
    interface: Interface,
    unmet: &[UnmetView],
    title: &'static str,
    class: &'static str,
    open: RwSignal<bool>,
) -> AnyView {
    if unmet.is_empty() {
        return ().into_any();
    }
    let lang = interface.lang.get();
    let items = views(unmet.iter().map(|unmet| {
        let status_class = match unmet.status {
            UnmetStatus::No => "cpn-verdict cpn-verdict--no",
            UnmetStatus::DontKnow => "cpn-verdict cpn-verdict--unknown",
            UnmetStatus::Unanswered => "cpn-verdict",
        };
        view! {
            <li>
                <span class=status_class>{unmet.status.label(lang)}</span> " "
                {unmet.question.view()}
                <span class="cpn-hint">" — " {unmet.why.view()}</span>
            </li>
        }
    }));
    view! {
        {subheading(interface, 2, title)}
        {folded_list(class, items, FIRST_CRITERIA, open, interface.words())}
    }
    .into_any()
}

/// The "don't know" answers, each with the hint the core chose.
fn follow_ups(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    let open = RwSignal::new(false);
    watch(
        result,
        None,
        Box::new(move |result| {
            if result.follow_ups.is_empty() {
                return ().into_any();
            }
            let words = interface.words();
            let items = views(result.follow_ups.iter().map(|follow_up| {
                let hint = follow_up.hint.as_ref().map(|hint| match hint {
                    HintView::Text(text) => text.view(),
                    HintView::AskRole(check_with, role) => {
                        let check_with: &'static str = check_with;
                        view! { <span>{check_with} " « " {role.view()} " »"</span> }.into_any()
                    }
                });
                view! {
                    <li>
                        {format!("{} {}{}", words.term(Term::Step), follow_up.stage, words.colon)}
                        {follow_up.question.view()}
                        <span class="cpn-hint">" — " {hint}</span>
                    </li>
                }
            }));
            view! {
                {subheading(interface, 2, words.follow_ups_title)}
                {folded_list("cpn-list cpn-follow-ups", items, FIRST_CRITERIA, open, words)}
            }
            .into_any()
        }),
    )
}

/// Criteria already validated at later stages.
fn ahead(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    let open = RwSignal::new(false);
    watch(
        result,
        None,
        Box::new(move |result| {
            if result.ahead.is_empty() {
                return ().into_any();
            }
            let items = views(
                result
                    .ahead
                    .iter()
                    .map(|question| view! { <li>{question.view()}</li> }),
            );
            view! {
                {subheading(interface, 2, interface.words().ahead_title)}
                {folded_list("cpn-list", items, FIRST_CRITERIA, open, interface.words())}
            }
            .into_any()
        }),
    )
}

/// Self-training resources for the role, then the programme's own.
fn resources(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    // One disclosure state per group of each list, kept across renders.
    let open_persona = [
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(false),
    ];
    let open_programme = open_persona.map(|_| RwSignal::new(false));
    let open_guidance = RwSignal::new(false);
    watch(
        result,
        Some(Section::Resources),
        Box::new(move |result| {
            let resources = &result.resources;
            let words = interface.words();
            let title = if resources.for_persona {
                words.term(Term::SelfTrainingForRole)
            } else {
                words.term(Term::SelfTraining)
            };
            let focus = resources.focus.as_ref().map(|focus| {
                view! { <p class="cpn-focus"><strong>{words.focus} {words.colon}</strong> {focus.view()}</p> }
            });
            let guidance = views(
                resources
                    .guidance
                    .iter()
                    .map(|line| view! { <li>{line.view()}</li> }),
            );
            // The programme's advice on its own material and the material itself, folded under a
            // summary that counts them: the role's own resources come first.
            let programme_count = resources
                .programme_resources
                .iter()
                .map(|group| group.resources.len())
                .sum::<usize>()
                + resources.guidance.len();
            let programme = view! {
                <ul class="cpn-list">{guidance}</ul>
                {resource_list(interface, &resources.programme_resources, "cpn-resources cpn-resources--programme", open_programme)}
            };
            view! {
                {subheading(interface, 2, title)}
                {focus}
                {resource_list(interface, &resources.persona_resources, "cpn-resources cpn-resources--persona", open_persona)}
                {subheading(interface, 2, words.term(Term::ProgrammeResources))}
                {fold(format!("{} ({programme_count})", words.guidance_summary), programme.into_any(), open_guidance)}
            }
            .into_any()
        }),
    )
}

/// Resources grouped as the core groups them, each group under its title with its first few in
/// view and the rest folded; badges for kind, language and access, in the core's words; every
/// badge is text, never colour alone.
fn resource_list(
    interface: Interface,
    groups: &[ResourceGroupView],
    class: &'static str,
    open: [RwSignal<bool>; 3],
) -> AnyView {
    let words = interface.words();
    if groups.is_empty() {
        return view! { <p class="cpn-hint">{words.no_resources}</p> }.into_any();
    }
    views(groups.iter().map(|group| {
        let items = views(group.resources.iter().map(|resource| {
            let title = match &resource.url {
                Some(url) => view! { <a href=url.clone() hreflang=resource.language.clone()>{resource.title.view()}</a> }.into_any(),
                None => view! { <span>{resource.title.view()}</span> }.into_any(),
            };
            view! {
                <li class="cpn-resource">
                    {title}
                    <span class="cpn-provider">" — " {resource.provider.clone()}</span>
                    <ul class="cpn-badges">
                        <li class="cpn-badge">{resource.kind}</li>
                        <li class="cpn-badge">{resource.language_name.clone()}</li>
                        <li class=format!("cpn-badge cpn-badge--{}", resource.access.as_str())>{resource.access_label}</li>
                    </ul>
                    {resource.description.as_ref().map(|description| view! { <p class="cpn-hint">{description.view()}</p> })}
                </li>
            }
        }));
        view! {
            {subheading(interface, 3, &format!("{} ({})", group.title, group.resources.len()))}
            {folded_list(class, items, FIRST_RESOURCES, open[group.index % 3], words)}
        }
    }))
    .into_any()
}

/// What support the team may ask for now, and whom to contact.
fn support_panel(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    let open_how = RwSignal::new(false);
    watch(
        result,
        Some(Section::Support),
        Box::new(move |result| {
            let support = &result.support;
            let words = interface.words();
            let milestones = (!support.milestones.is_empty()).then(|| {
                let items = views(
                    support
                        .milestones
                        .iter()
                        .map(|milestone| view! { <li>{milestone.view()}</li> }),
                );
                view! {
                    <p class="cpn-hint">{words.term(Term::Milestones)} {words.colon.trim_end()}</p>
                    <ol class="cpn-list">{items}</ol>
                }
            });
            let contacts = (!support.contacts.is_empty()).then(|| {
                let items = views(support.contacts.iter().map(|contact| {
                    view! {
                        <li>
                            {contact.name.view()} " (" {contact.status} ")" {words.colon}
                            <a href=contact.href.clone()>{contact.shown.clone()}</a>
                            {contact.note.as_ref().map(|note| view! { <span class="cpn-hint">" — " {note.view()}</span> })}
                        </li>
                    }
                }));
                view! {
                    <p class="cpn-hint">{words.term(Term::Contacts)} {words.colon.trim_end()}</p>
                    <ul class="cpn-list">{items}</ul>
                }
            });
            // The verdict and what the programme gives in view; how to ask, the milestones and the
            // contacts (the current route first) on demand.
            let how = view! {
                {support.how.as_ref().map(|how| view! { <p>{how.view()}</p> })}
                {support.case_note.as_ref().map(|note| view! { <p class="cpn-hint">{note.view()}</p> })}
                {milestones}
                {contacts}
            };
            view! {
                {subheading(interface, 2, words.term(Term::Support))}
                <p class=format!("cpn-offer cpn-offer--{}", support.offer)>{support.offer_sentence.clone()}</p>
                <p>{support.text.view()}</p>
                {fold(words.support_more.to_owned(), how.into_any(), open_how)}
            }
            .into_any()
        }),
    )
}

/// A short look at the stage after the current one; nothing at the last stage.
fn next_step(interface: Interface, result: Memo<Arc<ResultView>>) -> SectionView {
    watch(
        result,
        None,
        Box::new(move |result| {
            let Some(next) = &result.next else {
                return ().into_any();
            };
            let words = interface.words();
            view! {
                {subheading(interface, 2, words.next_title)}
                <p>{format!("{} {}{}", words.term(Term::Step), next.number, words.colon)} {next.title.view()}</p>
                <p class="cpn-hint">{words.term(Term::Maturity)} {words.colon} {next.maturity.view()} ". " {next.team_question.view()}</p>
            }
            .into_any()
        }),
    )
}
