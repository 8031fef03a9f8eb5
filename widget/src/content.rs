//! Fetching a host's content pack, with a timeout, a size cap and a reason for every failure.

use std::{cell::Cell, rc::Rc};

use parcours_core::{Lang, MAX_PACK_BYTES, Pack};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

/// How long the widget waits for a content pack before it gives up and shows the default.
pub(crate) const TIMEOUT_MS: i32 = 8_000;

/// Why a content pack could not be used; the widget shows it and falls back to the default pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FetchError {
    Network,
    Timeout,
    Status(u16),
    ContentType(String),
    TooLarge(usize),
    Invalid(String),
}

impl FetchError {
    pub(crate) fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            FetchError::Network => {
                if fr {
                    "le serveur n'a pas pu être joint (réseau, CORS ou politique de sécurité)."
                        .to_owned()
                } else {
                    "the server could not be reached (network, CORS or security policy).".to_owned()
                }
            }
            FetchError::Timeout => {
                if fr {
                    format!(
                        "le serveur n'a pas répondu en {} secondes.",
                        TIMEOUT_MS / 1000
                    )
                } else {
                    format!(
                        "the server did not answer within {} seconds.",
                        TIMEOUT_MS / 1000
                    )
                }
            }
            FetchError::Status(status) => {
                if fr {
                    format!("le serveur a répondu avec le code HTTP {status}.")
                } else {
                    format!("the server answered with HTTP status {status}.")
                }
            }
            FetchError::ContentType(kind) => {
                if fr {
                    format!("le fichier est servi en « {kind} » et non en JSON (application/json).")
                } else {
                    format!("the file is served as \"{kind}\", not as JSON (application/json).")
                }
            }
            FetchError::TooLarge(size) => {
                if fr {
                    format!(
                        "le fichier fait {size} octets, plus que la limite de {MAX_PACK_BYTES} octets."
                    )
                } else {
                    format!("the file is {size} bytes, more than the {MAX_PACK_BYTES}-byte limit.")
                }
            }
            FetchError::Invalid(error) => {
                if fr {
                    format!("le contenu n'est pas valide : {error}")
                } else {
                    format!("the content is not valid: {error}")
                }
            }
        }
    }
}

/// Fetches and validates the pack at `url` (relative URLs resolve against the page, like any link).
pub(crate) async fn fetch_pack(url: &str) -> Result<Pack, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    // No cookies, no referrer: the widget sends nothing but the request the host configured.
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);

    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok();
    let result = fetch_text(&window, url, &init).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(on_timeout);
    let text = match result {
        Err(_) if timed_out.get() => return Err(FetchError::Timeout),
        other => other?,
    };
    parse_pack(&text)
}

/// Parses with the browser's `JSON.parse` and validates with the core, so that the WebAssembly carries
/// no JSON parser: the checks, messages and JSON paths are those of `Pack::load`.
fn parse_pack(text: &str) -> Result<Pack, FetchError> {
    let document = js_sys::JSON::parse(text).map_err(|error| {
        let reason = error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        FetchError::Invalid(format!("invalid json: {reason}"))
    })?;
    // serde would also read a struct from an array, field by field, which only gives confusing errors.
    if !document.is_object() || js_sys::Array::is_array(&document) {
        return Err(FetchError::Invalid(
            "a content pack must be a json object".to_owned(),
        ));
    }
    Pack::from_deserializer(serde_wasm_bindgen::Deserializer::from(document))
        .map(|(pack, _warnings)| pack)
        .map_err(|error| {
            let first = error
                .errors()
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            let more = error.errors().len().saturating_sub(1);
            FetchError::Invalid(if more > 0 {
                format!("{first} (+{more})")
            } else {
                first
            })
        })
}

async fn fetch_text(
    window: &web_sys::Window,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<String, FetchError> {
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .and_then(JsValue::dyn_into)
        .map_err(|_| FetchError::Network)?;
    if !response.ok() {
        cancel_body(&response);
        return Err(FetchError::Status(response.status()));
    }
    let headers = response.headers();
    let kind = headers
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let essence = kind
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" && !essence.ends_with("+json") {
        cancel_body(&response);
        return Err(FetchError::ContentType(if essence.is_empty() {
            "?".to_owned()
        } else {
            essence
        }));
    }
    let declared = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<usize>().ok());
    if let Some(size) = declared.filter(|&size| size > MAX_PACK_BYTES) {
        cancel_body(&response);
        return Err(FetchError::TooLarge(size));
    }
    let text = JsFuture::from(response.text().map_err(|_| FetchError::Network)?)
        .await
        .map_err(|_| FetchError::Network)?;
    // A server that announces no length may still send megabytes: measure the JavaScript string before
    // copying it into wasm memory, which never shrinks. UTF-8 takes at least one byte per UTF-16 unit.
    let units = text
        .dyn_ref::<js_sys::JsString>()
        .map_or(0, |text| text.length() as usize);
    if units > MAX_PACK_BYTES {
        return Err(FetchError::TooLarge(units));
    }
    let text = text.as_string().unwrap_or_default();
    if text.len() > MAX_PACK_BYTES {
        return Err(FetchError::TooLarge(text.len()));
    }
    Ok(text)
}

/// Stops the download of a body the widget will not read, so that a refused 10 MB file does not keep
/// its connection busy (browsers allow only a few per server).
fn cancel_body(response: &web_sys::Response) {
    if let Some(body) = response.body() {
        let _ = body.cancel();
    }
}
