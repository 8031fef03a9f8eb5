//! The visitor's role and eligibility profile, as native radio groups.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::{Answers, Pack};

use crate::parts::{Interface, text, views};

/// Role and eligibility profile.
#[component]
pub(crate) fn Setup(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The pack whose personas and profile questions are offered. (only read here).
    pack: RwSignal<Arc<Pack>>,
    /// The answers the choices read and write.
    answers: RwSignal<Answers>,
) -> impl IntoView {
    let personas = move || {
        let lang = interface.lang.get();
        pack.with(|pack| {
            views(pack.personas().iter().map(|persona| {
                let id = persona.id.clone();
                let input_id = interface.element_id(&format!("persona-{}", persona.id));
                let description_id = format!("{input_id}-desc");
                let checked = {
                    let id = id.clone();
                    move || answers.with(|answers| answers.persona.as_ref() == Some(&id))
                };
                let description = persona.description.as_ref().map(|description| {
                    view! { <span class="cpn-hint" id=description_id.clone()>{text(description, lang)}</span> }
                });
                view! {
                    <div class="cpn-option">
                        <input
                            type="radio"
                            id=input_id.clone()
                            name=interface.element_id("persona")
                            value=id.to_string()
                            aria-describedby=persona.description.as_ref().map(|_| description_id.clone())
                            prop:checked=checked
                            on:change=move |_| answers.update(|answers| answers.persona = Some(id.clone()))
                        />
                        <label for=input_id>{text(&persona.name, lang)}</label>
                        {description}
                    </div>
                }
            }))
        })
    };
    let profile = move || {
        let lang = interface.lang.get();
        pack.with(|pack| {
            views(pack.profile().questions.iter().map(|question| {
                let options = views(question.options.iter().map(|option| {
                    let input_id = interface.element_id(&format!("profile-{}-{}", question.id, option.id));
                    let (question_id, option_id) = (question.id.clone(), option.id.clone());
                    let checked = {
                        let (question_id, option_id) = (question_id.clone(), option_id.clone());
                        move || answers.with(|answers| answers.profile.get(&question_id) == Some(&option_id))
                    };
                    view! {
                        <div class="cpn-option">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=interface.element_id(&format!("profile-{}", question.id))
                                value=option.id.to_string()
                                prop:checked=checked
                                on:change=move |_| {
                                    answers.update(|answers| {
                                        answers.profile.insert(question_id.clone(), option_id.clone());
                                    })
                                }
                            />
                            <label for=input_id>{text(&option.label, lang)}</label>
                        </div>
                    }
                }));
                view! {
                    <fieldset class="cpn-fieldset cpn-fieldset--inline">
                        <legend class="cpn-legend">{text(&question.label, lang)}</legend>
                        {options}
                    </fieldset>
                }
            }))
        })
    };
    // Once a role is chosen, the roles' descriptions fold (screen readers still get them, through
    // `aria-describedby`); a disclosure button shows them again.
    let show_descriptions = RwSignal::new(false);
    let chosen = move || answers.with(|answers| answers.persona.is_some());
    let folded = move || (chosen() && !show_descriptions.get()).then_some("");
    let toggle = move || {
        chosen().then(|| {
            view! {
                <button
                    type="button"
                    class="cpn-button cpn-button--secondary cpn-button--small"
                    part="button"
                    aria-expanded=move || if show_descriptions.get() { "true" } else { "false" }
                    on:click=move |_| show_descriptions.update(|shown| *shown = !*shown)
                >
                    {move || interface.words().role_descriptions}
                </button>
            }
        })
    };
    view! {
        <div class="cpn-setup">
            <fieldset class="cpn-fieldset" data-folded=folded>
                <legend class="cpn-legend">{move || interface.words().role_legend}</legend>
                {personas}
                {toggle}
            </fieldset>
            <fieldset class="cpn-fieldset">
                <legend class="cpn-legend">{move || interface.words().profile_legend}</legend>
                <p class="cpn-hint">{move || interface.words().profile_hint}</p>
                {profile}
            </fieldset>
        </div>
    }
}
