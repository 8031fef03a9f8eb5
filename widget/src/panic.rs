//! What the reader sees when the widget itself fails: a message and a reload button, not a frozen element.
//!
//! The shipped build aborts on panic (`panic = "abort"`), and after an abort the wasm instance is dead:
//! every later call into it traps. The hook below runs before the abort, so it is the last chance to
//! speak. It touches only the DOM, through text nodes, and nothing reactive; the reload button needs no
//! Rust at all, since the loader (`js/parcours.js`) listens for clicks on `.cpn-crash__reload` itself.

use std::sync::Once;

use wasm_bindgen::JsValue;
use web_sys::Element;

/// The class of the message that replaces a crashed instance; the loader and the tests look for it.
const CRASH_CLASS: &str = "cpn-crash";

/// Installs the panic hook, once, however many times it is called.
pub(crate) fn install_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&JsValue::from_str(&format!(
                "<cpn-parcours>: the widget stopped after an internal error: {info}"
            )));
            for wrapper in crate::host::mounted_wrappers() {
                show_crash(&wrapper);
            }
        }));
    });
}

/// Replaces what `wrapper` shows with the crash message, in the instance's language.
fn show_crash(wrapper: &Element) {
    let english = wrapper
        .query_selector(".cpn-parcours[lang]")
        .ok()
        .flatten()
        .and_then(|root| root.get_attribute("lang"))
        .is_some_and(|lang| lang.starts_with("en"));
    let (message, button) = if english {
        (
            "The Cloud Pi Native path stopped after an internal error. Your saved answers are kept: reload the page to start again.",
            "Reload",
        )
    } else {
        (
            "Le parcours Cloud Pi Native s'est arrêté après une erreur interne. Vos réponses enregistrées sont conservées\u{a0}: rechargez la page pour reprendre.",
            "Recharger",
        )
    };
    let built = (|| -> Result<Element, JsValue> {
        let document = wrapper
            .owner_document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let crash = document.create_element("div")?;
        crash.set_class_name(CRASH_CLASS);
        crash.set_attribute("role", "alert")?;
        let paragraph = document.create_element("p")?;
        paragraph.set_class_name("cpn-crash__message");
        paragraph.append_child(&document.create_text_node(message))?;
        let reload = document.create_element("button")?;
        reload.set_attribute("type", "button")?;
        reload.set_class_name("cpn-button cpn-crash__reload");
        reload.append_child(&document.create_text_node(button))?;
        crash.append_child(&paragraph)?;
        crash.append_child(&reload)?;
        Ok(crash)
    })();
    match built {
        Ok(crash) => wrapper.replace_children_with_node_1(&crash),
        Err(error) => web_sys::console::error_2(
            &JsValue::from_str("<cpn-parcours>: cannot build the error message:"),
            &error,
        ),
    }
}
