//! The stepper: every stage with the status the core gave it, written out, to move between their questions.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::{Pack, Term};

use crate::{
    parts::{Interface, views},
    result_view::ResultView,
};

/// One button per stage. Each shows its status as text (`data-status` carries the core's identifier
/// for the stylesheet), never as colour alone.
#[component]
pub(crate) fn Stepper(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The pack whose stages are listed. (only read here).
    pack: RwSignal<Arc<Pack>>,
    /// The view model of the current answers: every stage's progress and status, in stage order.
    result: Memo<Arc<ResultView>>,
    /// The stage whose questions are shown; a click on a step shows its questions.
    viewed: RwSignal<u8>,
) -> impl IntoView {
    // The steps only change with the pack; a plain list is enough, and lighter than a keyed `<For>`.
    let steps = move || {
        let lang = interface.lang.get();
        pack.with(|pack| {
            views(pack.stages().iter().enumerate().map(|(index, stage)| {
                let number = stage.number;
                let title = stage.title.get(lang).to_owned();
                let progress = move || result.with(|result| result.progress.get(index).copied());
                // The status alone: the figures are at a glance, below the steps.
                let state = move || progress().map(|progress| progress.status.label(interface.lang.get()));
                view! {
                    <li>
                        <button
                            type="button"
                            class="cpn-step"
                            part="step"
                            data-status=move || progress().map(|progress| progress.status.as_str())
                            aria-current=move || (viewed.get() == number).then_some("step")
                            on:click=move |_| viewed.set(number)
                        >
                            <span class="cpn-step__number">{move || format!("{} {number}", interface.words().term(Term::Step))}</span>
                            <span class="cpn-step__title">{title}</span>
                            <span class="cpn-step__state">{state}</span>
                        </button>
                    </li>
                }
            }))
        })
    };
    view! {
        <nav class="cpn-stepper" part="stepper" aria-label=move || interface.words().steps_label>
            <ol>{steps}</ol>
        </nav>
    }
}
