//! The glossary: the definitions of the terms a criterion uses, beside it, and the whole glossary.
//!
//! Both are native `<details>` disclosures: reachable with Tab, opened with Enter or Space, and
//! announced as collapsed or expanded by screen readers, with the definitions as plain text in a
//! `<dl>` (never a `title` tooltip, which neither the keyboard nor a touch screen can reach).

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::{GlossaryEntry, Lang, Pack, Term};

use crate::parts::{Heading, Interface, text, views};

/// The definitions of `entries` as a list of terms and definitions, each with its link.
fn definitions(entries: &[&GlossaryEntry], lang: Lang) -> AnyView {
    let items = views(entries.iter().map(|entry| {
        let more = entry.url.as_ref().map(|url| {
            view! { " " <a class="cpn-more" href=url.to_string()>{Term::LearnMore.label(lang)}</a> }
        });
        view! {
            <dt>{text(&entry.term, lang)}</dt>
            <dd>{text(&entry.definition, lang)} {more}</dd>
        }
    }));
    view! { <dl class="cpn-definitions">{items}</dl> }.into_any()
}

/// Beside a criterion: the terms its texts use, folded under a summary that names them.
pub(crate) fn terms_beside(
    entries: &[&GlossaryEntry],
    interface: Interface,
    lang: Lang,
) -> Option<AnyView> {
    if entries.is_empty() {
        return None;
    }
    let words = interface.words();
    let names = entries
        .iter()
        .map(|entry| entry.term.get(lang))
        .collect::<Vec<_>>()
        .join(", ");
    Some(
        view! {
            <details class="cpn-terms">
                <summary>{words.terms_used} {words.colon} {names}</summary>
                {definitions(entries, lang)}
            </details>
        }
        .into_any(),
    )
}

/// Every term the pack defines, under its own heading, folded.
#[component]
pub(crate) fn Glossary(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The pack whose glossary is shown.
    pack: RwSignal<Arc<Pack>>,
) -> impl IntoView {
    move || {
        let lang = interface.lang.get();
        let words = interface.words();
        pack.with(|pack| {
            let entries: Vec<&GlossaryEntry> = pack.glossary().iter().collect();
            (!entries.is_empty()).then(|| {
                view! {
                    <section class="cpn-glossary">
                        <Heading level=interface.heading(1) class="cpn-section-title">{words.glossary_title}</Heading>
                        <details class="cpn-terms">
                            <summary>{words.glossary_show} " (" {entries.len()} ")"</summary>
                            {definitions(&entries, lang)}
                        </details>
                    </section>
                }
            })
        })
    }
}
