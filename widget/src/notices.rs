//! What the visitor should know about the widget itself: loading, a pack that failed, storage, restored answers.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use leptos::prelude::*;
use parcours_core::{CodeError, CodeNote};

use crate::{
    content::FetchError,
    parts::{Interface, views},
};

/// One notice, shown until the instance is unmounted (or, for `Loading`, until the pack arrives).
#[derive(Debug, Clone)]
pub(crate) enum Notice {
    /// The host's pack is on its way.
    Loading,
    /// The host's pack could not be used; the default one is shown.
    ContentFailed(FetchError),
    /// The English texts of the default pack could not be fetched or read: why, in English (a
    /// reason from the browser or the pack reader); the content is shown in French.
    EnglishFailed(String),
    /// The later steps' texts of the default pack could not be fetched or read: why, in English;
    /// the first step stays in view, and what needs those texts says so.
    LaterFailed(String),
    /// The host turned storage off.
    StorageOff,
    /// `localStorage` refused a read or a write.
    StorageUnavailable,
    /// The restored answers lost or changed something.
    Restored(Vec<CodeNote>),
    /// The share link or the stored code could not be read at all.
    Code(CodeError),
    /// Some of the history of visits could not be read; the answers are intact.
    HistoryDamaged,
    /// The history of visits could not be written (storage full); the answers are saved.
    HistoryUnsaved,
}

/// The notices, in a polite live region that exists from the first render.
#[component]
pub(crate) fn Notices(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The notices to show, oldest first.
    notices: RwSignal<Vec<Notice>>,
) -> impl IntoView {
    let render = move || {
        let lang = interface.lang.get();
        let words = interface.words();
        notices.with(|notices| {
            views(notices.iter().map(|notice| match notice {
                Notice::Loading => view! { <p class="cpn-notice">{words.content_loading}</p> }.into_any(),
                Notice::ContentFailed(error) => view! {
                    <p class="cpn-notice cpn-notice--error">{words.content_failed} " " {error.message(lang)}</p>
                }
                .into_any(),
                Notice::EnglishFailed(reason) => view! {
                    <p class="cpn-notice cpn-notice--error">{words.english_failed} " " {reason.clone()}</p>
                }
                .into_any(),
                Notice::LaterFailed(reason) => view! {
                    <p class="cpn-notice cpn-notice--error">{words.later_failed} " " {reason.clone()}</p>
                }
                .into_any(),
                Notice::StorageOff => view! { <p class="cpn-notice">{words.storage_off}</p> }.into_any(),
                Notice::StorageUnavailable => view! { <p class="cpn-notice">{words.storage_unavailable}</p> }.into_any(),
                Notice::Code(error) => view! { <p class="cpn-notice cpn-notice--error">{error.message(lang)}</p> }.into_any(),
                Notice::HistoryDamaged => view! { <p class="cpn-notice">{words.history_damaged}</p> }.into_any(),
                Notice::HistoryUnsaved => view! { <p class="cpn-notice">{words.history_unsaved}</p> }.into_any(),
                Notice::Restored(notes) => view! {
                    <div class="cpn-notice">
                        <p>{words.restored_notes}</p>
                        <ul>{views(notes.iter().map(|note| view! { <li>{note.message(lang)}</li> }))}</ul>
                    </div>
                }
                .into_any(),
            }))
        })
    };
    view! { <div class="cpn-notices" role="status" aria-live="polite">{render}</div> }
}
