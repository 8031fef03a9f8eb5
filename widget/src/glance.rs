//! At a glance: where the team stands, above the questions and kept in view while the visitor
//! answers (sticky where the window is tall enough), with every step's progress.
//!
//! The summary is the core's ([`parcours_core::report::summary`]) and is the widget's polite live
//! region. Each step's progress is a native `<meter>` named by the same figures written as text,
//! since a chart alone says nothing to a screen reader.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::{Answers, Lang, Pack, StageProgress, Term, history};

use crate::{
    parts::{Interface, views},
    result_view::ResultView,
    words::Words,
};

/// The summary and the five steps' progress.
#[component]
pub(crate) fn Glance(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The view model of the current answers.
    result: Memo<Arc<ResultView>>,
    /// The pack the answers refer to.
    pack: RwSignal<Arc<Pack>>,
    /// The current answers, compared with the last visit's.
    answers: RwSignal<Answers>,
    /// The last visit's date, when storage keeps a history; empty without one.
    previous_date: RwSignal<String>,
    /// The last visit's answers.
    previous: RwSignal<Answers>,
) -> impl IntoView {
    // What changed since the last visit, as the visitor answers; nothing without a history.
    let since = move || {
        let words = interface.words();
        let lang = interface.lang.get();
        previous_date.with(|date| {
            (!date.is_empty()).then(|| {
                let sentence = pack.with(|pack| {
                    previous.with(|before| {
                        answers.with(|now| {
                            since_sentence(&history::since(pack, before, now), date, lang, words)
                        })
                    })
                });
                view! { <p class="cpn-since">{sentence}</p> }
            })
        })
    };
    let steps = move || {
        // Tracks the language too, through the words.
        let words = interface.words();
        result.with(|result| {
            views(
                result
                    .progress
                    .iter()
                    .map(|progress| step(interface, progress, words)),
            )
        })
    };
    view! {
        <section class="cpn-glance" aria-label=move || interface.words().glance_label>
            // The live region exists before its text changes, so assistive technology announces each update.
            <p class="cpn-summary" part="summary" role="status" aria-live="polite">{move || result.with(|result| result.summary.clone())}</p>
            {since}
            <ol class="cpn-meters">{steps}</ol>
        </section>
    }
}

/// One step: its name, a meter of its required criteria validated, and the same figures as text.
fn step(
    interface: Interface,
    progress: &StageProgress,
    words: &'static crate::words::Words,
) -> AnyView {
    let id = interface.element_id(&format!("meter-{}", progress.stage));
    let figures_id = format!("{id}-figures");
    let mut figures = if progress.required == 0 {
        words.no_required.to_owned()
    } else {
        format!(
            "{} / {} {}",
            progress.required_validated, progress.required, words.required_validated
        )
    };
    if progress.unknown > 0 {
        figures.push_str(&format!(" · {} {}", progress.unknown, words.to_check));
    }
    let meter = (progress.required > 0).then(|| {
        view! {
            <meter
                min="0"
                max=progress.required
                value=progress.required_validated
                aria-labelledby=format!("{id} {figures_id}")
            ></meter>
        }
    });
    view! {
        <li class="cpn-meter" data-status=progress.status.as_str()>
            <span class="cpn-meter__step" id=id>{words.term(Term::Step)} " " {progress.stage}</span>
            {meter}
            <span class="cpn-meter__figures" id=figures_id>{figures}</span>
        </li>
    }
    .into_any()
}

/// "Since your last visit (2026-11-12): criteria newly validated: 3; from step 2 to step 3."
fn since_sentence(change: &history::Change<'_>, date: &str, lang: Lang, words: &Words) -> String {
    let date = match (lang, date.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Fr, [year, month, day]) => format!("le {day}/{month}/{year}"),
        _ => date.to_owned(),
    };
    if change.is_empty() {
        return format!(
            "{} ({date}){}{}",
            words.last_visit, words.colon, words.nothing_changed
        );
    }
    let mut parts = Vec::new();
    if !change.newly_validated.is_empty() {
        parts.push(format!(
            "{}{}{}",
            words.newly_validated,
            words.colon,
            change.newly_validated.len()
        ));
    }
    if !change.no_longer_validated.is_empty() {
        parts.push(format!(
            "{}{}{}",
            words.no_longer_validated,
            words.colon,
            change.no_longer_validated.len()
        ));
    }
    if change.stage_before != change.stage_now {
        parts.push(format!(
            "{} {} {} {}",
            words.from_step, change.stage_before, words.to_step, change.stage_now
        ));
    }
    let separator = match lang {
        Lang::Fr => "\u{a0}; ",
        Lang::En => "; ",
    };
    format!(
        "{} ({date}){}{}.",
        words.since_last_visit,
        words.colon,
        parts.join(separator)
    )
}
