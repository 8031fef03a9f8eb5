//! The live result: a summary sentence, then one component per section of the [`ResultView`].
//!
//! Each section watches the revision of its own part of the view model ([`watch`]), so an answer
//! re-renders only the sections whose content changed (usually the list of what remains).

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::UnmetStatus;

use crate::{
    parts::{Heading, Interface, views},
    result_view::{HintView, ResourceView, ResultView, Revisions, SummaryView, UnmetView},
    words::Words,
};

/// The view of one section of `result`, rendered again only when the section's revision changes.
pub(crate) fn watch<V>(
    result: Memo<Arc<ResultView>>,
    revision: fn(&Revisions) -> u32,
    render: impl Fn(&ResultView) -> V + Send + Sync + 'static,
) -> impl Fn() -> V + Send + Sync + 'static {
    let revision = Memo::new(move |_| result.with(|result| revision(&result.revisions)));
    move || {
        revision.track();
        result.with_untracked(|result| render(result))
    }
}

/// The result section: where the team stands, why, what to read, what support, what next.
#[component]
pub(crate) fn Outcome(
    /// The view model of the current answers, computed once per change.
    result: Memo<Arc<ResultView>>,
) -> impl IntoView {
    let interface = Interface::get();
    let summary = watch(
        result,
        |revisions| revisions.summary,
        move |result| summary_sentence(&result.summary, interface.words()),
    );
    view! {
        <section class="cpn-result">
            <Heading level=interface.heading(1) class="cpn-section-title">
                {move || interface.words().result_title}
            </Heading>
            // The live region exists before its text changes, so assistive technology announces each update.
            <p class="cpn-summary" role="status" aria-live="polite">{summary}</p>
            <div class="cpn-details">
                <UnmetList result revision=|revisions| revisions.blocking unmet=|result| &result.blocking
                    title=|words| words.why_title class="cpn-list cpn-blocking"/>
                <UnmetList result revision=|revisions| revisions.advice unmet=|result| &result.advice
                    title=|words| words.advice_title class="cpn-list cpn-advice"/>
                <FollowUps result/>
                <Ahead result/>
                <Resources result/>
                <SupportPanel result/>
                <NextStep result/>
            </div>
        </section>
    }
}

/// "You are at step 2 of 5: … (…). 3 required criteria remain …".
fn summary_sentence(summary: &SummaryView, words: &Words) -> String {
    let stage = format!(
        "{} {} {} {}{}{} ({}).",
        words.you_are_at,
        summary.stage,
        words.of,
        summary.stage_count,
        words.colon,
        summary.title,
        summary.maturity
    );
    let rest = match (summary.complete, summary.blocking) {
        (true, _) => words.complete.to_owned(),
        (false, 0) => words.nothing_remaining.to_owned(),
        (false, 1) => format!("1 {}", words.remaining_one),
        (false, count) => format!("{count} {}", words.remaining_many),
    };
    format!("{stage} {rest}")
}

/// Criteria not validated yet, each with its status in words; nothing at all when the list is empty.
#[component]
fn UnmetList(
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
    /// The revision of the list in `result`.
    revision: fn(&Revisions) -> u32,
    /// The criteria, in gate order.
    unmet: fn(&ResultView) -> &[UnmetView],
    /// The section's title among the interface's words.
    title: fn(&Words) -> &'static str,
    /// The list's CSS classes.
    class: &'static str,
) -> impl IntoView {
    let interface = Interface::get();
    watch(result, revision, move |result| {
        let unmet = unmet(result);
        let words = interface.words();
        (!unmet.is_empty()).then(|| {
            let items = views(unmet.iter().map(|unmet| {
                let status_class = match unmet.status {
                    UnmetStatus::No => "cpn-verdict cpn-verdict--no",
                    UnmetStatus::DontKnow => "cpn-verdict cpn-verdict--unknown",
                    UnmetStatus::Unanswered => "cpn-verdict",
                };
                view! {
                    <li>
                        <span class=status_class>{unmet.status.label(interface.lang.get())}</span> " "
                        {unmet.question.view()}
                        <span class="cpn-hint">" — " {unmet.why.view()}</span>
                    </li>
                }
            }));
            view! {
                <Heading level=interface.heading(2) class="cpn-subtitle">{title(words)}</Heading>
                <ul class=class>{items}</ul>
            }
        })
    })
}

/// The "don't know" answers, each with the hint the core chose.
#[component]
fn FollowUps(
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
) -> impl IntoView {
    let interface = Interface::get();
    watch(
        result,
        |revisions| revisions.follow_ups,
        move |result| {
            let follow_ups = &result.follow_ups;
            let words = interface.words();
            (!follow_ups.is_empty()).then(|| {
            let items = views(follow_ups.iter().map(|follow_up| {
                let hint = follow_up.hint.as_ref().map(|hint| match hint {
                    HintView::Text(text) => text.view(),
                    HintView::AskRole(check_with, role) => {
                        view! { <span>{*check_with} " « " {role.view()} " »"</span> }.into_any()
                    }
                });
                view! {
                    <li>
                        {format!("{} {}{}", words.step, follow_up.stage, words.colon)}
                        {follow_up.question.view()}
                        <span class="cpn-hint">" — " {hint}</span>
                    </li>
                }
            }));
            view! {
                <Heading level=interface.heading(2) class="cpn-subtitle">{words.follow_ups_title}</Heading>
                <ul class="cpn-list cpn-follow-ups">{items}</ul>
            }
        })
        },
    )
}

/// Criteria already validated at later stages.
#[component]
fn Ahead(
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
) -> impl IntoView {
    let interface = Interface::get();
    watch(
        result,
        |revisions| revisions.ahead,
        move |result| {
            let ahead = &result.ahead;
            (!ahead.is_empty()).then(|| {
            view! {
                <Heading level=interface.heading(2) class="cpn-subtitle">{interface.words().ahead_title}</Heading>
                <ul class="cpn-list">{views(ahead.iter().map(|question| view! { <li>{question.view()}</li> }))}</ul>
            }
        })
        },
    )
}

/// Self-training resources for the role, then the programme's own.
#[component]
fn Resources(
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
) -> impl IntoView {
    let interface = Interface::get();
    watch(
        result,
        |revisions| revisions.resources,
        move |result| {
            let resources = &result.resources;
            let words = interface.words();
            let title = if resources.for_persona {
                words.resources_title
            } else {
                words.resources_all_title
            };
            let focus = resources.focus.as_ref().map(|focus| {
            view! { <p class="cpn-focus"><strong>{words.focus} {words.colon}</strong> {focus.view()}</p> }
        });
            let guidance = (!resources.guidance.is_empty()).then(|| {
            view! { <ul class="cpn-list">{views(resources.guidance.iter().map(|line| view! { <li>{line.view()}</li> }))}</ul> }
        });
            view! {
                <Heading level=interface.heading(2) class="cpn-subtitle">{title}</Heading>
                {focus}
                {resource_list(&resources.persona_resources, "cpn-resources cpn-resources--persona", words)}
                <Heading level=interface.heading(2) class="cpn-subtitle">{words.programme_title}</Heading>
                {guidance}
                {resource_list(&resources.programme_resources, "cpn-resources cpn-resources--programme", words)}
            }
        },
    )
}

/// A list of resources with badges for kind, language and access, in the core's words; every badge
/// is text, never colour alone.
fn resource_list(resources: &[ResourceView], class: &'static str, words: &Words) -> AnyView {
    if resources.is_empty() {
        return view! { <p class="cpn-hint">{words.no_resources}</p> }.into_any();
    }
    let items = views(resources.iter().map(|resource| {
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
    view! { <ul class=class>{items}</ul> }.into_any()
}

/// What support the team may ask for now, and whom to contact.
#[component]
fn SupportPanel(
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
) -> impl IntoView {
    let interface = Interface::get();
    watch(
        result,
        |revisions| revisions.support,
        move |result| {
            let support = &result.support;
            let words = interface.words();
            let milestones = (!support.milestones.is_empty()).then(|| {
            view! {
                <p class="cpn-hint">{words.milestones} {words.colon.trim_end()}</p>
                <ol class="cpn-list">{views(support.milestones.iter().map(|milestone| view! { <li>{milestone.view()}</li> }))}</ol>
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
            view! { <p class="cpn-hint">{words.contacts} {words.colon.trim_end()}</p><ul class="cpn-list">{items}</ul> }
        });
            view! {
                <Heading level=interface.heading(2) class="cpn-subtitle">{words.support_title}</Heading>
                <p class=format!("cpn-offer cpn-offer--{}", support.offer)>{support.offer_sentence.clone()}</p>
                <p>{support.text.view()}</p>
                {support.how.as_ref().map(|how| view! { <p>{how.view()}</p> })}
                {support.case_note.as_ref().map(|note| view! { <p class="cpn-hint">{note.view()}</p> })}
                {milestones}
                {contacts}
            }
        },
    )
}

/// A short look at the stage after the current one; nothing at the last stage.
#[component]
fn NextStep(
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
) -> impl IntoView {
    let interface = Interface::get();
    watch(
        result,
        |revisions| revisions.next,
        move |result| {
            let words = interface.words();
            result.next.as_ref().map(|next| {
            view! {
                <Heading level=interface.heading(2) class="cpn-subtitle">{words.next_title}</Heading>
                <p>{format!("{} {}{}", words.step, next.number, words.colon)} {next.title.view()}</p>
                <p class="cpn-hint">{words.maturity} {words.colon} {next.maturity.view()} ". " {next.team_question.view()}</p>
            }
        })
        },
    )
}
