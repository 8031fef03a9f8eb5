//! The placeholder `Parcours` component: a heading, one role question and a live region.
//!
//! It will be replaced by the real questionnaire; it already follows the rules the
//! real one must keep (native controls, labels, a polite live region, no inline styles).

use leptos::prelude::*;

use crate::config::{HeadingLevel, Lang, Theme};
use crate::host;
use crate::text::{Role, Texts};

/// The whole widget as one instance shows it.
#[component]
pub fn Parcours(
    /// Makes element ids unique when several widgets share a page.
    instance_id: u32,
    /// The language of every sentence.
    #[prop(into)]
    lang: Signal<Lang>,
    /// The level of the top heading, chosen by the host to fit its outline.
    #[prop(into)]
    heading_level: Signal<HeadingLevel>,
    /// The colour scheme, written as `data-theme` for the stylesheet.
    #[prop(into)]
    theme: Signal<Theme>,
    /// The persona chosen by the host page; it preselects the matching role until the reader chooses.
    #[prop(into)]
    persona: Signal<Option<String>>,
) -> impl IntoView {
    let chosen_by_reader = RwSignal::new(None::<Role>);
    let selected = Memo::new(move |_| {
        chosen_by_reader
            .get()
            .or_else(|| persona.with(|persona| persona.as_deref().and_then(Role::from_id)))
    });
    let texts = move || Texts::get(lang.get());
    let group_name = format!("cpn-{instance_id}-role");

    let options = Role::ALL
        .into_iter()
        .map(|role| {
            let input_id = format!("cpn-{instance_id}-role-{}", role.id());
            view! {
                <div class="cpn-option">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=group_name.clone()
                        value=role.id()
                        prop:checked=move || selected.get() == Some(role)
                        on:change=move |event| {
                            chosen_by_reader.set(Some(role));
                            host::dispatch_change(&event, role);
                        }
                    />
                    <label for=input_id>{move || role.label(lang.get())}</label>
                </div>
            }
        })
        .collect::<Vec<_>>();

    let status = move || match selected.get() {
        None => texts().no_role_yet.to_owned(),
        Some(role) => texts().chosen_role(role, lang.get()),
    };

    view! {
        <div class="cpn-parcours" lang=move || lang.get().tag() data-theme=move || theme.get().name()>
            <Heading level=heading_level>{move || texts().title}</Heading>
            <p class="cpn-intro">{move || texts().intro}</p>
            <fieldset class="cpn-fieldset">
                <legend class="cpn-legend">{move || texts().role_question}</legend>
                {options}
            </fieldset>
            // The region exists from the first render, so screen readers already watch it when it changes.
            <p class="cpn-status" role="status" aria-live="polite">{status}</p>
        </div>
    }
}

/// A native heading whose level follows a signal, since HTML has no `<h level=…>`.
#[component]
fn Heading(
    /// The heading level, 2 to 6.
    level: Signal<HeadingLevel>,
    /// The heading text.
    children: ChildrenFn,
) -> impl IntoView {
    move || {
        let children = children.clone();
        match level.get().get() {
            2 => view! { <h2 class="cpn-title">{children()}</h2> }.into_any(),
            3 => view! { <h3 class="cpn-title">{children()}</h3> }.into_any(),
            4 => view! { <h4 class="cpn-title">{children()}</h4> }.into_any(),
            5 => view! { <h5 class="cpn-title">{children()}</h5> }.into_any(),
            _ => view! { <h6 class="cpn-title">{children()}</h6> }.into_any(),
        }
    }
}
