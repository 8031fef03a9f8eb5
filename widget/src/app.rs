//! The `Parcours` component: role, profile, the gate questions step by step, and the live result.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::{Arc, OnceLock};

use leptos::{html, prelude::*};
use parcours_core::{
    Access, Answer, Answers, ContactStatus, Lang, Offer, Pack, Resource, Text, UnmetStatus, assess,
    language_name, report,
};

use crate::{
    config::{HeadingLevel, Storage, Theme},
    content, host, persist,
    words::{Words, words},
};

/// The default pack, shared by every instance of the page.
///
/// `build.rs` validated it natively and embedded its compact form; the same build's
/// `Pack::from_compact` reads it back, so failing here would be a build defect, not bad input.
fn default_pack_arc() -> Arc<Pack> {
    static PACK: OnceLock<Arc<Pack>> = OnceLock::new();
    static COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-pack.bin"));
    PACK.get_or_init(|| {
        Arc::new(Pack::from_compact(COMPACT).expect("build.rs embeds a readable default pack"))
    })
    .clone()
}

/// What one instance shares with its parts.
#[derive(Clone, Copy)]
struct Ctx {
    id: u32,
    lang: Signal<Lang>,
    level: Signal<HeadingLevel>,
    pack: RwSignal<Arc<Pack>>,
    answers: RwSignal<Answers>,
    /// The stage whose questions are shown.
    viewed: RwSignal<u8>,
}

impl Ctx {
    fn words(&self) -> &'static Words {
        words(self.lang.get())
    }

    /// A heading level below the widget's title: `depth` 1 for sections, 2 for their parts.
    fn heading(&self, depth: u8) -> u8 {
        (self.level.get().get() + depth).min(6)
    }
}

/// The whole widget as one instance shows it.
#[component]
pub(crate) fn Parcours(
    /// Makes element ids unique when several widgets share a page.
    instance_id: u32,
    /// The language of the interface and of the content.
    #[prop(into)]
    lang: Signal<Lang>,
    /// The level of the top heading, chosen by the host to fit its outline.
    #[prop(into)]
    heading_level: Signal<HeadingLevel>,
    /// The colour scheme.
    #[prop(into)]
    theme: Signal<Theme>,
    /// A persona id chosen by the host page; it preselects the role until the visitor picks one.
    #[prop(into)]
    persona: Signal<Option<String>>,
    /// The URL of the host's content pack, if any.
    content: Option<String>,
    /// Whether answers are kept in `localStorage`; read when the answers are restored and at each save.
    #[prop(into)]
    storage: Signal<Storage>,
    /// The host element's `id`, which keys its storage and fragment when several widgets share a page.
    element_id: Option<String>,
) -> impl IntoView {
    let ctx = Ctx {
        id: instance_id,
        lang,
        level: heading_level,
        pack: RwSignal::new(default_pack_arc()),
        answers: RwSignal::new(Answers::default()),
        viewed: RwSignal::new(1),
    };
    let notices = RwSignal::new(Vec::<Notice>::new());
    let ready = RwSignal::new(false);
    let storage_ok = RwSignal::new(true);
    let element_id = StoredValue::new(element_id);

    // Restores answers once the pack is final: share link first, then storage, then the host's persona.
    let restore = move |pack: Arc<Pack>| {
        let element = element_id.get_value();
        let fragment = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let from_link =
            persist::code_in_fragment(&fragment, &persist::fragment_key(element.as_deref()));
        let key = persist::storage_key(pack.id().as_str(), element.as_deref());
        let from_storage = if storage.get_untracked() == Storage::Local {
            match persist::local_storage().and_then(|s| s.get_item(&key)) {
                Ok(code) => code,
                Err(_) => {
                    storage_ok.set(false);
                    notices.update(|n| n.push(Notice::StorageUnavailable));
                    None
                }
            }
        } else {
            None
        };
        let mut answers = Answers::default();
        if let Some(code) = from_link.or(from_storage) {
            match Answers::decode(&code, &pack) {
                Ok(decoded) => {
                    answers = decoded.answers;
                    if !decoded.notes.is_empty() {
                        notices.update(|n| n.push(Notice::Restored(decoded.notes)));
                    }
                }
                Err(error) => notices.update(|n| n.push(Notice::Code(error))),
            }
        }
        if answers.persona.is_none() {
            let chosen = persona.get_untracked();
            answers.persona = chosen.and_then(|id| pack.persona(&id).map(|p| p.id.clone()));
        }
        let stage = assess(&pack, &answers).stage.number;
        ctx.pack.set(pack);
        ctx.answers.set(answers);
        ctx.viewed.set(stage);
        ready.set(true);
    };

    match content.filter(|url| !url.trim().is_empty()) {
        None => restore(default_pack_arc()),
        Some(url) => {
            notices.update(|n| n.push(Notice::Loading));
            leptos::task::spawn_local(async move {
                let result = content::fetch_pack(&url).await;
                notices.update(|n| n.retain(|notice| !matches!(notice, Notice::Loading)));
                match result {
                    Ok(pack) => restore(Arc::new(pack)),
                    Err(error) => {
                        web_sys::console::warn_1(
                            &format!("<cpn-parcours>: content pack {url}: {error:?}").into(),
                        );
                        notices.update(|n| n.push(Notice::ContentFailed(error)));
                        restore(default_pack_arc());
                    }
                }
            });
        }
    }
    if storage.get_untracked() == Storage::None {
        notices.update(|n| n.push(Notice::StorageOff));
    }

    // Saves every change, once restoration is done.
    Effect::new(move |_| {
        let code = ctx
            .pack
            .with(|pack| ctx.answers.with(|answers| answers.encode(pack)));
        if !ready.get() || !storage_ok.get_untracked() || storage.get() != Storage::Local {
            return;
        }
        let key = ctx.pack.with_untracked(|p| {
            persist::storage_key(p.id().as_str(), element_id.get_value().as_deref())
        });
        if persist::local_storage()
            .and_then(|s| s.set_item(&key, &code))
            .is_err()
        {
            storage_ok.set(false);
            notices.update(|n| n.push(Notice::StorageUnavailable));
        }
    });

    // A persona the host sets later still preselects the role, as long as the visitor has not chosen one.
    Effect::new(move |_| {
        let wanted = persona.get();
        if !ready.get() {
            return;
        }
        let Some(wanted) = wanted else { return };
        match ctx.pack.with_untracked(|pack| pack.persona(&wanted).map(|p| p.id.clone())) {
            Some(id) => {
                if ctx.answers.with_untracked(|a| a.persona.is_none()) {
                    ctx.answers.update(|a| a.persona = Some(id));
                }
            }
            None => web_sys::console::warn_1(
                &format!("<cpn-parcours>: persona=\"{wanted}\" is not a role of this content; no role is preselected").into(),
            ),
        }
    });

    // Tells the host page when the stage or the persona changes.
    let stage_and_persona = Memo::new(move |_| {
        ctx.pack.with(|pack| {
            ctx.answers.with(|answers| {
                let assessment = assess(pack, answers);
                (
                    assessment.stage.number,
                    assessment.persona.map(|p| p.id.to_string()),
                )
            })
        })
    });
    Effect::new(move |previous: Option<()>| {
        let (stage, persona) = stage_and_persona.get();
        if ready.get() && previous.is_some() {
            host::dispatch_change(ctx.id, stage, persona.as_deref());
        }
    });

    let clear = move || {
        ctx.answers.set(Answers::default());
        ctx.viewed.set(1);
        if storage_ok.get_untracked() && storage.get_untracked() == Storage::Local {
            let key = ctx.pack.with_untracked(|p| {
                persist::storage_key(p.id().as_str(), element_id.get_value().as_deref())
            });
            if let Ok(storage) = persist::local_storage() {
                let _ = storage.remove_item(&key);
            }
        }
    };

    view! {
        <div class="cpn-parcours" lang=move || lang.get().code() data-theme=move || theme.get().name()>
            <Heading level=Signal::derive(move || ctx.level.get().get()) class="cpn-title">
                {move || ctx.words().title}
            </Heading>
            <p class="cpn-intro">{move || ctx.words().intro}</p>
            <Notices ctx notices/>
            <Setup ctx/>
            <Stepper ctx/>
            <Questions ctx/>
            <Result ctx/>
            <Actions ctx element_id=element_id.get_value() clear/>
        </div>
    }
}

/// Something the visitor should know about the widget itself.
#[derive(Debug, Clone)]
enum Notice {
    Loading,
    ContentFailed(content::FetchError),
    StorageOff,
    StorageUnavailable,
    Restored(Vec<parcours_core::CodeNote>),
    Code(parcours_core::CodeError),
}

/// The notices, in a polite live region that exists from the first render.
#[component]
fn Notices(ctx: Ctx, notices: RwSignal<Vec<Notice>>) -> impl IntoView {
    let render = move || {
        let lang = ctx.lang.get();
        let w = ctx.words();
        notices
            .get()
            .into_iter()
            .map(|notice| match notice {
                Notice::Loading => view! { <p class="cpn-notice">{w.content_loading}</p> }.into_any(),
                Notice::ContentFailed(error) => view! {
                    <p class="cpn-notice cpn-notice--error">{w.content_failed} " " {error.message(lang)}</p>
                }
                .into_any(),
                Notice::StorageOff => view! { <p class="cpn-notice">{w.storage_off}</p> }.into_any(),
                Notice::StorageUnavailable => view! { <p class="cpn-notice">{w.storage_unavailable}</p> }.into_any(),
                Notice::Code(error) => view! { <p class="cpn-notice cpn-notice--error">{error.message(lang)}</p> }.into_any(),
                Notice::Restored(notes) => view! {
                    <div class="cpn-notice">
                        <p>{w.restored_notes}</p>
                        <ul>{notes.iter().map(|n| view! { <li>{n.message(lang)}</li> }).map(IntoAny::into_any).collect::<Vec<AnyView>>()}</ul>
                    </div>
                }
                .into_any(),
            })
            .map(IntoAny::into_any).collect::<Vec<AnyView>>()
    };
    view! { <div class="cpn-notices" role="status" aria-live="polite">{render}</div> }
}

/// Role and eligibility profile, as native radio groups.
#[component]
fn Setup(ctx: Ctx) -> impl IntoView {
    let personas = move || {
        let lang = ctx.lang.get();
        ctx.pack.with(|pack| {
            pack.personas()
                .iter()
                .map(|persona| {
                    let id = persona.id.clone();
                    let input_id = format!("cpn-{}-persona-{}", ctx.id, persona.id);
                    let description_id = format!("{input_id}-desc");
                    let checked = {
                        let id = id.clone();
                        move || ctx.answers.with(|a| a.persona.as_ref() == Some(&id))
                    };
                    let description = persona.description.as_ref().map(|d| {
                        view! { <span class="cpn-hint" id=description_id.clone()>{text(d, lang)}</span> }
                    });
                    view! {
                        <div class="cpn-option">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=format!("cpn-{}-persona", ctx.id)
                                value=id.to_string()
                                aria-describedby=persona.description.as_ref().map(|_| description_id.clone())
                                prop:checked=checked
                                on:change=move |_| ctx.answers.update(|a| a.persona = Some(id.clone()))
                            />
                            <label for=input_id>{text(&persona.name, lang)}</label>
                            {description}
                        </div>
                    }
                })
                .map(IntoAny::into_any).collect::<Vec<AnyView>>()
        })
    };
    let profile = move || {
        let lang = ctx.lang.get();
        ctx.pack.with(|pack| {
            pack.profile()
                .questions
                .iter()
                .map(|question| {
                    let options = question
                        .options
                        .iter()
                        .map(|option| {
                            let input_id = format!("cpn-{}-profile-{}-{}", ctx.id, question.id, option.id);
                            let (question_id, option_id) = (question.id.clone(), option.id.clone());
                            let checked = {
                                let (question_id, option_id) = (question_id.clone(), option_id.clone());
                                move || ctx.answers.with(|a| a.profile.get(&question_id) == Some(&option_id))
                            };
                            view! {
                                <div class="cpn-option">
                                    <input
                                        type="radio"
                                        id=input_id.clone()
                                        name=format!("cpn-{}-profile-{}", ctx.id, question.id)
                                        value=option.id.to_string()
                                        prop:checked=checked
                                        on:change=move |_| {
                                            ctx.answers.update(|a| {
                                                a.profile.insert(question_id.clone(), option_id.clone());
                                            })
                                        }
                                    />
                                    <label for=input_id>{text(&option.label, lang)}</label>
                                </div>
                            }
                        })
                        .map(IntoAny::into_any).collect::<Vec<AnyView>>();
                    view! {
                        <fieldset class="cpn-fieldset cpn-fieldset--inline">
                            <legend class="cpn-legend">{text(&question.label, lang)}</legend>
                            {options}
                        </fieldset>
                    }
                })
                .map(IntoAny::into_any).collect::<Vec<AnyView>>()
        })
    };
    view! {
        <div class="cpn-setup">
            <fieldset class="cpn-fieldset">
                <legend class="cpn-legend">{move || ctx.words().role_legend}</legend>
                {personas}
            </fieldset>
            <fieldset class="cpn-fieldset">
                <legend class="cpn-legend">{move || ctx.words().profile_legend}</legend>
                <p class="cpn-hint">{move || ctx.words().profile_hint}</p>
                {profile}
            </fieldset>
        </div>
    }
}

/// The five steps, with their progress as text, to move between their questions.
#[component]
fn Stepper(ctx: Ctx) -> impl IntoView {
    // One assessment per change for every step's state, rather than one per step.
    let states = Memo::new(move |_| {
        let w = ctx.words();
        ctx.pack.with(|pack| {
            ctx.answers.with(|answers| {
                let lang = ctx.lang.get();
                assess(pack, answers)
                    .progress
                    .iter()
                    .map(|progress| {
                        format!(
                            "{} · {} / {} {}",
                            progress.status.label(lang),
                            progress.validated,
                            progress.applicable,
                            w.criteria_validated
                        )
                    })
                    .collect::<Vec<String>>()
            })
        })
    });
    // The steps only change with the pack; a plain list is enough, and lighter than a keyed `<For>`.
    let steps = move || {
        let lang = ctx.lang.get();
        ctx.pack.with(|pack| {
            pack.stages()
                .iter()
                .map(|stage| {
                    let number = stage.number;
                    let title = stage.title.get(lang).to_owned();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="cpn-step"
                                aria-current=move || (ctx.viewed.get() == number).then_some("step")
                                on:click=move |_| ctx.viewed.set(number)
                            >
                                <span class="cpn-step__number">{move || format!("{} {number}", ctx.words().step)}</span>
                                <span class="cpn-step__title">{title}</span>
                                <span class="cpn-step__state">
                                    {move || states.with(|s| usize::from(number).checked_sub(1).and_then(|i| s.get(i)).cloned().unwrap_or_default())}
                                </span>
                            </button>
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<AnyView>>()
        })
    };
    view! {
        <nav class="cpn-stepper" aria-label=move || ctx.words().steps_label>
            <ol>{steps}</ol>
        </nav>
    }
}

/// The gate criteria of the viewed step, one fieldset each.
#[component]
fn Questions(ctx: Ctx) -> impl IntoView {
    let heading_ref = NodeRef::<html::Div>::new();
    let stage_count = move || ctx.pack.with(|p| p.stages().len());
    let go = move |number: u8| {
        ctx.viewed.set(number);
        // The step's heading takes the focus, so keyboard and screen-reader users start at the new questions.
        if let Some(heading) = heading_ref.get_untracked() {
            let _ = heading.focus();
        }
    };
    let body = move || {
        let number = ctx.viewed.get();
        let lang = ctx.lang.get();
        let w = words(lang);
        ctx.pack.with(|pack| {
            let Some(stage) = pack.stage(number) else { return view! { <p></p> }.into_any() };
            let criteria = stage
                .gate
                .criteria
                .iter()
                .map(|criterion| {
                    let base = format!("cpn-{}-{}", ctx.id, criterion.id);
                    let why_id = format!("{base}-why");
                    let mut choices = vec![Answer::Yes, Answer::No, Answer::DontKnow];
                    if criterion.allow_na {
                        choices.push(Answer::NotApplicable);
                    }
                    let radios = choices
                        .into_iter()
                        .map(|answer| {
                            let input_id = format!("{base}-{}", answer_key(answer));
                            let id = criterion.id.clone();
                            let checked = {
                                let id = id.clone();
                                move || ctx.answers.with(|a| a.criterion(id.as_str()) == Some(answer))
                            };
                            view! {
                                <div class="cpn-option cpn-option--inline">
                                    <input
                                        type="radio"
                                        id=input_id.clone()
                                        name=base.clone()
                                        value=answer_key(answer)
                                        prop:checked=checked
                                        on:change=move |_| ctx.answers.update(|a| {
                                            a.criteria.insert(id.clone(), answer);
                                        })
                                    />
                                    <label for=input_id>{answer.label(lang)}</label>
                                </div>
                            }
                        })
                        .map(IntoAny::into_any).collect::<Vec<AnyView>>();
                    let ask = pack.persona(criterion.persona.as_str()).map(|p| text(&p.name, lang));
                    let more = criterion.url.as_ref().map(|url| {
                        view! { <a class="cpn-more" href=url.to_string()>{w.more}</a> }
                    });
                    view! {
                        <fieldset class="cpn-fieldset cpn-criterion" aria-describedby=why_id.clone()>
                            <legend class="cpn-legend">
                                {text(&criterion.question, lang)}
                                {(!criterion.required).then(|| view! { <span class="cpn-tag">" (" {w.optional} ")"</span> })}
                            </legend>
                            <p class="cpn-why" id=why_id.clone()>
                                {text(&criterion.why, lang)} " "
                                <span class="cpn-ask">{w.ask} {w.colon} {ask}</span>
                            </p>
                            <div class="cpn-choices">{radios}</div>
                            {more}
                        </fieldset>
                    }
                })
                .map(IntoAny::into_any).collect::<Vec<AnyView>>();
            view! {
                <div class="cpn-stage-intro">
                    <p><strong>{w.maturity} {w.colon}</strong> {text(&stage.maturity.name, lang)}</p>
                    <p><strong>{w.team_question} {w.colon}</strong> {text(&stage.team_question, lang)}</p>
                    {stage.gate.text.as_ref().map(|t| view! { <p class="cpn-hint">{text(t, lang)}</p> })}
                </div>
                {criteria}
            }
            .into_any()
        })
    };
    let title = move || {
        let number = ctx.viewed.get();
        let lang = ctx.lang.get();
        let w = words(lang);
        ctx.pack.with(|pack| {
            let title = pack
                .stage(number)
                .map(|s| s.title.get(lang).to_owned())
                .unwrap_or_default();
            format!(
                "{} {number} {} {}{}{title}",
                w.step,
                w.of,
                pack.stages().len(),
                w.colon
            )
        })
    };
    view! {
        <section class="cpn-questions">
            <div class="cpn-focus-target" tabindex="-1" node_ref=heading_ref>
                <Heading level=Signal::derive(move || ctx.heading(1)) class="cpn-section-title">{title}</Heading>
            </div>
            {body}
            <div class="cpn-nav">
                <button
                    type="button"
                    class="cpn-button cpn-button--secondary"
                    disabled={move || ctx.viewed.get() <= 1}
                    on:click=move |_| go(ctx.viewed.get_untracked().saturating_sub(1).max(1))
                >
                    {move || ctx.words().previous_step}
                </button>
                <button
                    type="button"
                    class="cpn-button"
                    disabled={move || usize::from(ctx.viewed.get()) >= stage_count()}
                    on:click=move |_| go(ctx.viewed.get_untracked().saturating_add(1))
                >
                    {move || ctx.words().next_step}
                </button>
            </div>
        </section>
    }
}

/// The live result: the stage, why, what next, resources and support.
#[component]
fn Result(ctx: Ctx) -> impl IntoView {
    let summary = move || {
        let lang = ctx.lang.get();
        let w = words(lang);
        ctx.pack.with(|pack| {
            ctx.answers.with(|answers| {
                let a = assess(pack, answers);
                let stage = format!(
                    "{} {} {} {}{}{} ({}).",
                    w.you_are_at,
                    a.stage.number,
                    w.of,
                    pack.stages().len(),
                    w.colon,
                    a.stage.title.get(lang),
                    a.stage.maturity.name.get(lang)
                );
                let rest = match (a.complete, a.blocking.len()) {
                    (true, _) => w.complete.to_owned(),
                    (false, 0) => w.nothing_remaining.to_owned(),
                    (false, 1) => format!("1 {}", w.remaining_one),
                    (false, n) => format!("{n} {}", w.remaining_many),
                };
                format!("{stage} {rest}")
            })
        })
    };
    let details = move || {
        let lang = ctx.lang.get();
        let w = words(lang);
        let h = ctx.heading(2);
        ctx.pack.with(|pack| {
            ctx.answers.with(|answers| {
                let a = assess(pack, answers);
                let unmet_item = |u: &parcours_core::Unmet<'_>| {
                    let status_class = match u.status {
                        UnmetStatus::No => "cpn-verdict cpn-verdict--no",
                        UnmetStatus::DontKnow => "cpn-verdict cpn-verdict--unknown",
                        UnmetStatus::Unanswered => "cpn-verdict",
                    };
                    view! {
                        <li>
                            <span class=status_class>{u.status.label(lang)}</span> " "
                            {text(&u.criterion.question, lang)}
                            <span class="cpn-hint">" — " {text(&u.criterion.why, lang)}</span>
                        </li>
                    }
                };
                let blocking = (!a.blocking.is_empty()).then(|| view! {
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.why_title}</Heading>
                    <ul class="cpn-list cpn-blocking">{a.blocking.iter().map(unmet_item).map(IntoAny::into_any).collect::<Vec<AnyView>>()}</ul>
                });
                let advice = (!a.advice.is_empty()).then(|| view! {
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.advice_title}</Heading>
                    <ul class="cpn-list cpn-advice">{a.advice.iter().map(unmet_item).map(IntoAny::into_any).collect::<Vec<AnyView>>()}</ul>
                });
                let follow_ups = (!a.follow_ups.is_empty()).then(|| view! {
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.follow_ups_title}</Heading>
                    <ul class="cpn-list cpn-follow-ups">
                        {a.follow_ups.iter().map(|f| {
                            let hint = match (&f.criterion.follow_up, f.ask) {
                                (Some(hint), _) => Some(text(hint, lang)),
                                (None, Some(persona)) => Some(view! { <span>{w.check_with} " « " {text(&persona.name, lang)} " »"</span> }.into_any()),
                                (None, None) => None,
                            };
                            view! {
                                <li>
                                    {format!("{} {}{}", w.step, f.stage.number, w.colon)}
                                    {text(&f.criterion.question, lang)}
                                    <span class="cpn-hint">" — " {hint}</span>
                                </li>
                            }
                        }).map(IntoAny::into_any).collect::<Vec<AnyView>>()}
                    </ul>
                });
                let ahead = (!a.ahead.is_empty()).then(|| view! {
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.ahead_title}</Heading>
                    <ul class="cpn-list">{a.ahead.iter().map(|c| view! { <li>{text(&c.question, lang)}</li> }).map(IntoAny::into_any).collect::<Vec<AnyView>>()}</ul>
                });
                let focus = a.persona.and_then(|p| a.stage.focus_of(p.id.as_str())).map(|f| {
                    view! { <p class="cpn-focus"><strong>{w.focus} {w.colon}</strong> {text(f, lang)}</p> }
                });
                let resources_title = if a.persona.is_some() { w.resources_title } else { w.resources_all_title };
                let guidance = a.stage.guidance.iter().map(|g| view! { <li>{text(g, lang)}</li> }).map(IntoAny::into_any).collect::<Vec<AnyView>>();
                let support = &a.support;
                let contacts = support.contacts.iter().map(|contact| {
                    let address = contact.url.to_string();
                    let shown = address.strip_prefix("mailto:").unwrap_or(&address).to_owned();
                    let status = match contact.status {
                        ContactStatus::Current => w.current_contact,
                        ContactStatus::Legacy => w.legacy_contact,
                    };
                    view! {
                        <li>
                            {text(&contact.name, lang)} " (" {status} ")" {w.colon}
                            <a href=address>{shown}</a>
                            {contact.note.as_ref().map(|n| view! { <span class="cpn-hint">" — " {text(n, lang)}</span> })}
                        </li>
                    }
                }).map(IntoAny::into_any).collect::<Vec<AnyView>>();
                let offer_class = match support.offer {
                    Offer::Offered { .. } => "cpn-offer cpn-offer--yes",
                    Offer::ToBeDefined { .. } => "cpn-offer cpn-offer--maybe",
                    _ => "cpn-offer",
                };
                let milestones = (!support.stage_support.milestones.is_empty()).then(|| view! {
                    <p class="cpn-hint">{w.milestones} {w.colon.trim_end()}</p>
                    <ol class="cpn-list">{support.stage_support.milestones.iter().map(|m| view! { <li>{text(m, lang)}</li> }).map(IntoAny::into_any).collect::<Vec<AnyView>>()}</ol>
                });
                let next = a.next.map(|next| view! {
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.next_title}</Heading>
                    <p>{format!("{} {}{}", w.step, next.number, w.colon)} {text(&next.title, lang)}</p>
                    <p class="cpn-hint">{w.maturity} {w.colon} {text(&next.maturity.name, lang)} ". " {text(&next.team_question, lang)}</p>
                });
                view! {
                    {blocking}
                    {advice}
                    {follow_ups}
                    {ahead}
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{resources_title}</Heading>
                    {focus}
                    {resource_list(&a.persona_resources, "cpn-resources cpn-resources--persona", lang, w.no_resources)}
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.programme_title}</Heading>
                    {(!guidance.is_empty()).then(|| view! { <ul class="cpn-list">{guidance}</ul> })}
                    {resource_list(&a.programme_resources, "cpn-resources cpn-resources--programme", lang, w.no_resources)}
                    <Heading level=Signal::stored(h) class="cpn-subtitle">{w.support_title}</Heading>
                    <p class=offer_class>{report::offer_sentence(&a, lang)}</p>
                    <p>{text(&support.stage_support.text, lang)}</p>
                    {support.stage_support.how.as_ref().map(|how| view! { <p>{text(how, lang)}</p> })}
                    {support.case.and_then(|c| c.note.as_ref()).map(|note| view! { <p class="cpn-hint">{text(note, lang)}</p> })}
                    {milestones}
                    {(!contacts.is_empty()).then(|| view! { <p class="cpn-hint">{w.contacts} {w.colon.trim_end()}</p><ul class="cpn-list">{contacts}</ul> })}
                    {next}
                }
            })
        })
    };
    view! {
        <section class="cpn-result">
            <Heading level=Signal::derive(move || ctx.heading(1)) class="cpn-section-title">
                {move || ctx.words().result_title}
            </Heading>
            // The live region exists before its text changes, so assistive technology announces each update.
            <p class="cpn-summary" role="status" aria-live="polite">{summary}</p>
            <div class="cpn-details">{details}</div>
        </section>
    }
}

/// A list of resources with badges for kind, language and access; every badge is text, never colour alone.
fn resource_list(
    resources: &[&Resource],
    class: &'static str,
    lang: Lang,
    empty: &'static str,
) -> AnyView {
    if resources.is_empty() {
        return view! { <p class="cpn-hint">{empty}</p> }.into_any();
    }
    let items = resources
        .iter()
        .map(|resource| {
            let title = text(&resource.title, lang);
            let title = match &resource.url {
                Some(url) => view! { <a href=url.to_string() hreflang=resource.language.clone()>{title}</a> }.into_any(),
                None => view! { <span>{title}</span> }.into_any(),
            };
            view! {
                <li class="cpn-resource">
                    {title}
                    <span class="cpn-provider">" — " {resource.provider.clone()}</span>
                    <ul class="cpn-badges">
                        <li class="cpn-badge">{resource.kind.label(lang)}</li>
                        <li class="cpn-badge">{language_name(&resource.language, lang)}</li>
                        <li class=access_class(resource.access)>{resource.access.label(lang)}</li>
                    </ul>
                    {resource.description.as_ref().map(|d| view! { <p class="cpn-hint">{text(d, lang)}</p> })}
                </li>
            }
        })
        .map(IntoAny::into_any).collect::<Vec<AnyView>>();
    view! { <ul class=class>{items}</ul> }.into_any()
}

/// Copy the link, download the summary, print, clear.
#[component]
fn Actions(
    ctx: Ctx,
    element_id: Option<String>,
    clear: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    let fragment_key = persist::fragment_key(element_id.as_deref());
    let copy = move |_| {
        let code = ctx
            .pack
            .with_untracked(|pack| ctx.answers.with_untracked(|answers| answers.encode(pack)));
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let base = location.href().unwrap_or_default();
        let base = base.split('#').next().unwrap_or_default().to_owned();
        let fragment =
            persist::fragment_with(&location.hash().unwrap_or_default(), &fragment_key, &code);
        let url = format!("{base}{fragment}");
        link.set(Some(url.clone()));
        let w = ctx.words_untracked();
        status.set(w.link_ready.to_owned());
        let clipboard = window.navigator().clipboard();
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url))
                .await
                .is_ok()
            {
                status.set(w.link_copied.to_owned());
            }
        });
    };
    let download = move |_| {
        let lang = ctx.lang.get_untracked();
        let markdown = ctx.pack.with_untracked(|pack| {
            ctx.answers
                .with_untracked(|answers| report::markdown(&assess(pack, answers), lang))
        });
        host::download_text(
            "parcours-cloud-pi-native.md",
            "text/markdown;charset=utf-8",
            &markdown,
            ctx.id,
        );
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let on_clear = move |_| {
        clear();
        link.set(None);
        status.set(ctx.words_untracked().cleared.to_owned());
    };
    let link_id = format!("cpn-{}-link", ctx.id);
    view! {
        <section class="cpn-actions">
            <Heading level=Signal::derive(move || ctx.heading(1)) class="cpn-section-title">
                {move || ctx.words().actions_title}
            </Heading>
            <div class="cpn-buttons">
                <button type="button" class="cpn-button" on:click=copy>{move || ctx.words().copy_link}</button>
                <button type="button" class="cpn-button cpn-button--secondary" on:click=download>{move || ctx.words().download}</button>
                <button type="button" class="cpn-button cpn-button--secondary" on:click=print>{move || ctx.words().print}</button>
                <button type="button" class="cpn-button cpn-button--secondary" on:click=on_clear>{move || ctx.words().clear}</button>
            </div>
            <p class="cpn-action-status" role="status" aria-live="polite">{move || status.get()}</p>
            {move || {
                link.get().map(|url| {
                    view! {
                        <label class="cpn-label" for=link_id.clone()>{ctx.words().link_label}</label>
                        <input class="cpn-link" type="text" readonly id=link_id.clone() prop:value=url/>
                    }
                })
            }}
        </section>
    }
}

impl Ctx {
    fn words_untracked(&self) -> &'static Words {
        words(self.lang.get_untracked())
    }
}

/// A pack text, marked with `lang="fr"` when the pack has no translation for the interface language.
fn text(text: &Text, lang: Lang) -> AnyView {
    let (body, actual) = text.localized(lang);
    let body = body.to_owned();
    if actual == lang {
        body.into_any()
    } else {
        view! { <span lang=actual.code()>{body}</span> }.into_any()
    }
}

fn answer_key(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::DontKnow => "dont-know",
        Answer::NotApplicable => "not-applicable",
    }
}

fn access_class(access: Access) -> &'static str {
    match access {
        Access::Public => "cpn-badge",
        Access::Rie => "cpn-badge cpn-badge--rie",
        Access::Paid => "cpn-badge cpn-badge--paid",
    }
}

/// A native heading whose level follows a signal, since HTML has no `<h level=…>`.
#[component]
fn Heading(
    /// The heading level, 2 to 6.
    #[prop(into)]
    level: Signal<u8>,
    /// The CSS class.
    class: &'static str,
    /// The heading text.
    children: ChildrenFn,
) -> impl IntoView {
    move || {
        let children = children.clone();
        match level.get() {
            2 => view! { <h2 class=class>{children()}</h2> }.into_any(),
            3 => view! { <h3 class=class>{children()}</h3> }.into_any(),
            4 => view! { <h4 class=class>{children()}</h4> }.into_any(),
            5 => view! { <h5 class=class>{children()}</h5> }.into_any(),
            _ => view! { <h6 class=class>{children()}</h6> }.into_any(),
        }
    }
}
