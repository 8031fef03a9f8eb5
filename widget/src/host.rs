//! The bridge to the host page: the instance registry, attributes, the shared stylesheet and events.
//!
//! Everything here runs on the browser's main thread, so the registry is a `thread_local`.
//! Nothing the host page controls may panic: failures become console messages or `Err` values.

use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRoot};

use parcours_core::{Id, Lang};

use crate::app::{HostNews, Parcours};
use crate::config::{Attribute, ConfigWarning, HeadingLevel, Storage, Theme, WidgetConfig};
use crate::result_view::HostState;

/// The stylesheet of every instance, compiled into the wasm so that nothing else has to be fetched;
/// `build.rs` minified it (`src/css.rs`).
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

/// The class of the wrapper each instance mounts into; tests count it.
const ROOT_CLASS: &str = "cpn-root";

/// The event sent to the host page when the team's stage or the chosen role changes.
const CHANGE_EVENT: &str = "parcours-change";

/// The event sent to the host page once an instance has rendered its first result.
const READY_EVENT: &str = "parcours-ready";

/// The attributes of the host element that reflect the instance's state for the page's CSS and scripts.
const STAGE_ATTRIBUTE: &str = "data-stage";
const PERSONA_ATTRIBUTE: &str = "data-persona";

/// The reactive copy of a [`WidgetConfig`]: one signal per field, so that an attribute change
/// only re-renders what depends on it.
///
/// `ArcRwSignal` has no arena owner, so creating these outside `mount_to` leaks nothing.
/// `content` has no signal: it is read once, at mount, since a new content pack needs a new element.
#[derive(Debug, Clone)]
struct ConfigSignals {
    lang: ArcRwSignal<Lang>,
    persona: ArcRwSignal<Option<Id>>,
    storage: ArcRwSignal<Storage>,
    heading_level: ArcRwSignal<HeadingLevel>,
    theme: ArcRwSignal<Theme>,
}

impl ConfigSignals {
    fn new(config: &WidgetConfig) -> ConfigSignals {
        ConfigSignals {
            lang: ArcRwSignal::new(config.lang),
            persona: ArcRwSignal::new(config.persona.clone()),
            storage: ArcRwSignal::new(config.storage),
            heading_level: ArcRwSignal::new(config.heading_level),
            theme: ArcRwSignal::new(config.theme),
        }
    }

    /// Writes the fields that differ, so that unchanged ones notify nobody.
    fn update(&self, config: &WidgetConfig) {
        set_if_changed(&self.lang, config.lang);
        set_if_changed(&self.persona, config.persona.clone());
        set_if_changed(&self.storage, config.storage);
        set_if_changed(&self.heading_level, config.heading_level);
        set_if_changed(&self.theme, config.theme);
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// One mounted `<cpn-parcours>`.
struct Instance {
    host: HtmlElement,
    wrapper: Element,
    config: WidgetConfig,
    signals: ConfigSignals,
    /// The `UnmountHandle`: dropping it unmounts the view and disposes its reactive owner.
    view: Box<dyn Any>,
}

thread_local! {
    /// Every mounted instance with its id. A page holds a handful, so a `Vec` searched by id serves,
    /// and spares the wasm a `HashMap` with its SipHash code (about 1 KB after brotli).
    static INSTANCES: RefCell<Vec<(u32, Instance)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static STYLESHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
    /// The page's DSFR theme (`data-fr-theme` on its root element), which `theme="auto"` follows;
    /// the loader tells it at start and at each change.
    static PAGE_THEME: ArcRwSignal<Option<Theme>> = ArcRwSignal::new(None);
}

/// Records the page's DSFR theme, `value` being `data-fr-theme` on its root element, or `None`.
pub(crate) fn page_theme_changed(value: Option<String>) {
    let theme = Theme::from_page(value.as_deref());
    PAGE_THEME.with(|page| set_if_changed(page, theme));
}

/// Mounts a new instance into `shadow`, configured from `host`'s attributes, and returns its id.
pub(crate) fn mount(host: HtmlElement, shadow: ShadowRoot) -> Result<u32, JsValue> {
    // One host never shows two instances, even if the loader were to mount twice.
    if let Some(previous) = instance_of(&host) {
        unmount(previous);
    }
    adopt_stylesheet(&shadow);

    let (config, warnings) = WidgetConfig::from_attributes(
        |attribute| host.get_attribute(attribute.name()),
        inherited_lang(&host).as_deref(),
    );
    warn_all(&warnings);

    let document = host
        .owner_document()
        .ok_or_else(|| JsValue::from_str("<cpn-parcours> has no document"))?;
    let wrapper = document.create_element("div")?;
    wrapper.set_class_name(ROOT_CLASS);
    shadow.append_child(&wrapper)?;
    let mount_point: HtmlElement = wrapper.clone().dyn_into()?;

    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1).max(1));
        id
    });
    let signals = ConfigSignals::new(&config);
    let view = {
        let signals = signals.clone();
        let content = config.content.clone();
        let element_id = host.get_attribute("id").filter(|id| !id.is_empty());
        let page_theme = PAGE_THEME.with(Clone::clone);
        leptos::mount::mount_to(mount_point, move || {
            let (theme, page_theme) = (signals.theme.clone(), page_theme.clone());
            let shown_theme = Signal::derive(move || theme.get().resolved(page_theme.get()));
            view! {
                <Parcours
                    instance_id=id
                    lang=signals.lang.clone()
                    heading_level=signals.heading_level.clone()
                    theme=shown_theme
                    persona=signals.persona.clone()
                    storage=signals.storage.clone()
                    content=content.clone()
                    element_id=element_id.clone()
                    on_host=report
                />
            }
        })
    };
    INSTANCES.with_borrow_mut(|instances| {
        instances.push((
            id,
            Instance {
                host,
                wrapper,
                config,
                signals,
                view: Box::new(view),
            },
        ));
    });
    Ok(id)
}

/// Unmounts an instance and removes its wrapper; an unknown id is ignored.
pub(crate) fn unmount(id: u32) {
    // The instance leaves the registry before its view is dropped, so that cleanup code
    // running during the drop can never find the registry borrowed.
    let removed = INSTANCES.with_borrow_mut(|instances| {
        let index = instances.iter().position(|(known, _)| *known == id)?;
        Some(instances.swap_remove(index).1)
    });
    let Some(instance) = removed else {
        return;
    };
    let Instance {
        host,
        wrapper,
        view,
        ..
    } = instance;
    drop(view);
    wrapper.remove();
    // The element may stay in the page: it no longer shows a stage.
    let _ = host.remove_attribute(STAGE_ATTRIBUTE);
    let _ = host.remove_attribute(PERSONA_ATTRIBUTE);
}

/// Re-reads one attribute of a mounted instance; unknown attributes and ids are ignored.
pub(crate) fn attribute_changed(id: u32, name: &str, value: Option<String>) {
    let Some(attribute) = Attribute::from_name(name) else {
        return;
    };
    let changed = INSTANCES.with_borrow_mut(|instances| {
        let (_, instance) = instances.iter_mut().find(|(known, _)| *known == id)?;
        let inherited = match attribute {
            Attribute::Lang => inherited_lang(&instance.host),
            _ => None,
        };
        let warning = instance
            .config
            .apply(attribute, value.as_deref(), inherited.as_deref());
        Some((instance.signals.clone(), instance.config.clone(), warning))
    });
    // Signals are written after the registry borrow ends, whatever their subscribers do.
    if let Some((signals, config, warning)) = changed {
        warn_all(warning.as_slice());
        signals.update(&config);
    }
}

/// How many instances are mounted; the end-to-end tests use it to prove that nothing leaks.
pub(crate) fn live_instance_count() -> u32 {
    INSTANCES.with_borrow(|instances| u32::try_from(instances.len()).unwrap_or(u32::MAX))
}

/// Reflects `state` on the host element of instance `id`, and sends `parcours-ready` or
/// `parcours-change` from it with `state` as its detail, so the page sees it like any DOM event.
fn report(id: u32, news: HostNews, state: &HostState) {
    let Some(host) = INSTANCES.with_borrow(|instances| {
        instances
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(_, instance)| instance.host.clone())
    }) else {
        return;
    };
    let _ = host.set_attribute(STAGE_ATTRIBUTE, &state.stage.to_string());
    let _ = match &state.persona {
        Some(persona) => host.set_attribute(PERSONA_ATTRIBUTE, persona.as_str()),
        None => host.remove_attribute(PERSONA_ATTRIBUTE),
    };
    let name = match news {
        HostNews::Ready => READY_EVENT,
        HostNews::Change => CHANGE_EVENT,
        HostNews::Update => return,
    };
    // A fresh object for every event: a listener that changes it changes nothing of the widget.
    let detail = js_sys::Object::new();
    let persona = state
        .persona
        .as_ref()
        .map_or(JsValue::NULL, |persona| JsValue::from_str(persona.as_str()));
    let fields = [
        ("stage", JsValue::from(state.stage)),
        ("persona", persona),
        ("maturity", JsValue::from_str(&state.maturity)),
        (
            "requiredLeft",
            JsValue::from(u32::try_from(state.required_left).unwrap_or(u32::MAX)),
        ),
        ("complete", JsValue::from_bool(state.complete)),
    ];
    for (field, value) in fields {
        if js_sys::Reflect::set(&detail, &JsValue::from_str(field), &value).is_err() {
            return;
        }
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    match CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws is the page's problem and must not stop the widget.
        Ok(event) => {
            let _ = host.dispatch_event(&event);
        }
        Err(error) => web_sys::console::error_2(
            &JsValue::from_str("<cpn-parcours>: cannot create the event:"),
            &error,
        ),
    }
}

fn instance_of(host: &HtmlElement) -> Option<u32> {
    INSTANCES.with_borrow(|instances| {
        instances
            .iter()
            .find(|(_, instance)| &instance.host == host)
            .map(|(id, _)| *id)
    })
}

/// The `lang` of the nearest ancestor that has one, else of the document element.
///
/// The host's own `lang` is the `lang` attribute itself, so the search starts at its parent.
fn inherited_lang(host: &HtmlElement) -> Option<String> {
    let from_ancestor = host
        .parent_element()
        .and_then(|parent| parent.closest("[lang]").ok().flatten())
        .and_then(|ancestor| ancestor.get_attribute("lang"));
    from_ancestor.or_else(|| {
        host.owner_document()
            .and_then(|document| document.document_element())
            .and_then(|root| root.get_attribute("lang"))
    })
}

fn warn_all(warnings: &[ConfigWarning]) {
    for warning in warnings {
        web_sys::console::warn_1(&JsValue::from_str(&warning.to_string()));
    }
}

/// Gives `shadow` the one stylesheet shared by every instance.
///
/// A constructed stylesheet is allowed by a strict `style-src` policy, where a `<style>`
/// element or a `style` attribute would be blocked.
fn adopt_stylesheet(shadow: &ShadowRoot) {
    STYLESHEET.with(|cell| {
        let sheet = cell.get_or_init(|| {
            let built = CssStyleSheet::new().and_then(|sheet| sheet.replace_sync(WIDGET_CSS).map(|()| sheet));
            match built {
                Ok(sheet) => Some(sheet),
                Err(error) => {
                    web_sys::console::warn_2(
                        &JsValue::from_str("<cpn-parcours>: constructable stylesheets are not supported; the widget is unstyled:"),
                        &error,
                    );
                    None
                }
            }
        });
        if let Some(sheet) = sheet {
            shadow.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
        }
    });
}
