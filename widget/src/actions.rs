//! Keep and share: copy the share link, download the summary or the plan of action, print, clear.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use leptos::{html, prelude::*};

use crate::{
    content::{self, Document},
    parts::{Heading, Interface},
    session::Session,
};

/// The action buttons, with a live status line and, once asked for, the share link to copy by hand.
#[component]
pub(crate) fn Actions(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The visit whose answers are shared, downloaded or cleared.
    session: Session,
) -> impl IntoView {
    let buttons_ref = NodeRef::<html::Div>::new();
    let status = RwSignal::new(String::new());
    // The share link once asked for; empty before. A `String` rather than an `Option`, the type of
    // `status`: each type of signal brings its own copy of Leptos's reactive code.
    let link = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(url) = session.share_link() else {
            return;
        };
        link.set(url.clone());
        let words = interface.words_untracked();
        status.set(words.link_ready.to_owned());
        let Some(window) = web_sys::window() else {
            return;
        };
        let clipboard = window.navigator().clipboard();
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url))
                .await
                .is_ok()
            {
                status.set(words.link_copied.to_owned());
            }
        });
    };
    // What is downloaded is the core's, word for word: the copy of the core in the documents module
    // (`documents/`), which the loader fetches on the first download, reads the pack's bytes and the
    // answer code.
    let export = move |file_name: &'static str, mime: &'static str, document: Document| {
        let lang = interface.lang.get_untracked();
        let code = session.pack.with_untracked(|pack| {
            session
                .answers
                .with_untracked(|answers| answers.encode(pack))
        });
        let words = interface.words_untracked();
        leptos::task::spawn_local(async move {
            // A document covers every step: the pack first gets the texts of its later steps.
            let saved = match session.complete(lang).await {
                Ok(()) => match buttons_ref.try_get_untracked().flatten() {
                    Some(buttons) => {
                        let source = session.source.get_value();
                        let file = (file_name, mime);
                        content::save_document(document, &source, &code, lang, &buttons, file).await
                    }
                    // The element was removed meanwhile.
                    None => return,
                },
                Err(reason) => Err(reason),
            };
            if let Err(reason) = saved
                && !status.is_disposed()
            {
                status.set(format!("{} {reason}", words.download_failed));
            }
        });
    };
    let download = move |_| {
        export(
            "parcours-cloud-pi-native.md",
            "text/markdown;charset=utf-8",
            Document::Report,
        )
    };
    // The team's plan of action: a task list for a GitLab issue, or a sheet for a French spreadsheet.
    let plan_markdown = move |_| {
        export(
            "plan-d-action-cloud-pi-native.md",
            "text/markdown;charset=utf-8",
            Document::PlanMarkdown,
        )
    };
    let plan_csv = move |_| {
        export(
            "plan-d-action-cloud-pi-native.csv",
            "text/csv;charset=utf-8",
            Document::PlanCsv,
        )
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let clear = move |_| {
        session.clear();
        link.set(String::new());
        status.set(interface.words_untracked().cleared.to_owned());
    };
    let link_id = interface.element_id("link");
    view! {
        <section class="cpn-actions" part="actions">
            <Heading level=interface.heading(1) class="cpn-section-title">
                {move || interface.words().actions_title}
            </Heading>
            <div class="cpn-buttons" node_ref=buttons_ref>
                <button type="button" class="cpn-button" part="button" on:click=copy>{move || interface.words().copy_link}</button>
                <button type="button" class="cpn-button cpn-button--secondary" part="button" on:click=download>{move || interface.words().download}</button>
                <button type="button" class="cpn-button cpn-button--secondary" part="button" on:click=plan_markdown>{move || interface.words().plan_markdown}</button>
                <button type="button" class="cpn-button cpn-button--secondary" part="button" on:click=plan_csv>{move || interface.words().plan_csv}</button>
                <button type="button" class="cpn-button cpn-button--secondary" part="button" on:click=print>{move || interface.words().print}</button>
                <button type="button" class="cpn-button cpn-button--secondary" part="button" on:click=clear>{move || interface.words().clear}</button>
            </div>
            <p class="cpn-action-status" role="status" aria-live="polite">{move || status.get()}</p>
            {move || {
                let url = link.get();
                (!url.is_empty()).then(|| {
                    view! {
                        <label class="cpn-label" for=link_id.clone()>{interface.words().link_label}</label>
                        <input class="cpn-link" type="text" readonly id=link_id.clone() prop:value=url/>
                    }
                })
            }}
        </section>
    }
}
