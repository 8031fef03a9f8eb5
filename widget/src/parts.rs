//! Small pieces every part of the view uses: the instance's interface settings, headings, pack texts.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use leptos::prelude::*;
use parcours_core::{Lang, Text};

use crate::{
    config::HeadingLevel,
    notices::Notice,
    words::{Words, words},
};

/// How one instance speaks, handed by [`crate::app::Parcours`] to every part as a prop.
///
/// A prop rather than a Leptos context: the context map (a `HashMap` per owner) would add about 6 KB
/// of wasm for one value that every component needs anyway.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Interface {
    /// Makes element ids unique when several widgets share a page.
    pub(crate) instance_id: u32,
    /// The language of the interface and of the content.
    pub(crate) lang: Signal<Lang>,
    /// The level of the widget's top heading.
    pub(crate) heading_level: Signal<HeadingLevel>,
}

impl Interface {
    /// The interface's fixed sentences in the current language (tracked).
    pub(crate) fn words(self) -> &'static Words {
        words(self.lang.get())
    }

    /// The same without tracking, for event handlers.
    pub(crate) fn words_untracked(self) -> &'static Words {
        words(self.lang.get_untracked())
    }

    /// A heading level below the widget's title: `depth` 1 for sections, 2 for their parts; never past `h6`.
    pub(crate) fn heading(self, depth: u8) -> Signal<u8> {
        let level = self.heading_level;
        Signal::derive(move || (level.get().get() + depth).min(HeadingLevel::MAX))
    }

    /// An element id unique to this instance: `cpn-<instance>-<suffix>`.
    pub(crate) fn element_id(self, suffix: &str) -> String {
        format!("cpn-{}-{suffix}", self.instance_id)
    }
}

/// A pack text as shown in one interface language: the body, and its own language when the pack
/// had no translation (French inside an English page), so that it can be marked with `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalText {
    /// The text itself, always rendered as a text node.
    pub(crate) body: String,
    /// The text's language if it differs from the interface's.
    pub(crate) other_lang: Option<Lang>,
}

impl LocalText {
    /// `text` in `lang`, or in French when the pack has no translation.
    pub(crate) fn new(text: &Text, lang: Lang) -> LocalText {
        let (body, actual) = text.localized(lang);
        LocalText {
            body: body.to_owned(),
            other_lang: (actual != lang).then_some(actual),
        }
    }

    /// The text as a view: a plain text node, or a `<span lang=…>` around a passage in another language.
    pub(crate) fn view(&self) -> AnyView {
        shown(self.body.clone(), self.other_lang)
    }
}

/// A pack text in `lang` as a view, marked with `lang="fr"` when the pack has no translation.
pub(crate) fn text(text: &Text, lang: Lang) -> AnyView {
    let (body, actual) = text.localized(lang);
    shown(body.to_owned(), (actual != lang).then_some(actual))
}

fn shown(body: String, other_lang: Option<Lang>) -> AnyView {
    match other_lang {
        None => body.into_any(),
        Some(other) => view! { <span lang=other.code()>{body}</span> }.into_any(),
    }
}

/// Erases the views of a list into one type, so each list costs one copy of the rendering code.
pub(crate) fn views<V: IntoAny>(items: impl IntoIterator<Item = V>) -> Vec<AnyView> {
    items.into_iter().map(IntoAny::into_any).collect()
}

/// A list whose first `shown` items are in view and the rest behind a disclosure that says how
/// many, so that a long list does not push the rest of the result out of reach. The disclosure's
/// state lives in `open`, so that it survives the list rendering again after an answer.
pub(crate) fn folded_list(
    class: &'static str,
    mut items: Vec<AnyView>,
    shown: usize,
    open: RwSignal<bool>,
    words: &Words,
) -> AnyView {
    // Folding away a single item would save nothing.
    if items.len() <= shown + 1 {
        return view! { <ul class=class>{items}</ul> }.into_any();
    }
    let rest = items.split_off(shown);
    let summary = format!("{} ({})", words.show_rest, rest.len());
    view! {
        <ul class=class>{items}</ul>
        {fold(summary, view! { <ul class=class>{rest}</ul> }.into_any(), open)}
    }
    .into_any()
}

/// `content` behind a native disclosure whose summary says what it holds; its state lives in
/// `open`, so that it survives the part rendering again after an answer. Every disclosure prints
/// open (`widget.css`).
pub(crate) fn fold(summary: String, content: AnyView, open: RwSignal<bool>) -> AnyView {
    view! {
        <details
            class="cpn-fold"
            prop:open=move || open.get()
            on:toggle=move |event| open.set(event_target::<web_sys::HtmlDetailsElement>(&event).open())
        >
            <summary>{summary}</summary>
            {content}
        </details>
    }
    .into_any()
}

/// A sub-heading of the result, `depth` levels below the title (2 for a section, 3 for a group
/// within it), for parts that render again when anything they show changes: a plain element, with
/// no reactive machinery of its own, since the part that holds it already follows the language and
/// the heading level.
pub(crate) fn subheading(interface: Interface, depth: u8, text: &str) -> AnyView {
    let text = text.to_owned();
    let class = if depth > 2 {
        "cpn-subtitle cpn-subtitle--group"
    } else {
        "cpn-subtitle"
    };
    match (interface.heading_level.get().get() + depth).min(HeadingLevel::MAX) {
        4 => view! { <h4 class=class>{text}</h4> }.into_any(),
        5 => view! { <h5 class=class>{text}</h5> }.into_any(),
        _ => view! { <h6 class=class>{text}</h6> }.into_any(),
    }
}

/// What a later step's questions or result show while its texts are on their way, or once they
/// could not be loaded (the notices then say why): a sentence, never blank texts.
pub(crate) fn later_placeholder(interface: Interface, notices: RwSignal<Vec<Notice>>) -> AnyView {
    (move || {
        let failed = notices.with(|notices| {
            notices
                .iter()
                .any(|notice| matches!(notice, Notice::LaterFailed(_)))
        });
        let (class, words) = if failed {
            (
                "cpn-hint cpn-later cpn-later--failed",
                interface.words().later_missing,
            )
        } else {
            ("cpn-hint cpn-later", interface.words().later_loading)
        };
        view! { <p class=class>{words}</p> }
    })
    .into_any()
}

/// A native heading whose level follows a signal, since HTML has no `<h level=…>`.
#[component]
pub(crate) fn Heading(
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
