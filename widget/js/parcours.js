//! The loader of the <cpn-parcours> widget: it defines the custom element and starts the wasm on first use.
//
// Host pages embed it with `<script type="module" src=".../parcours.js"></script>`.
// The glue and the .wasm are resolved relative to this module's own URL, so the dist/ folder
// can be self-hosted under any path. Nothing here writes HTML from strings: text goes through
// `textContent`, and styles come from the wasm side as a constructed stylesheet.

const TAG_NAME = "cpn-parcours";

// Must match `config::Attribute::ALL` in widget/src/config.rs.
const OBSERVED_ATTRIBUTES = ["lang", "persona", "content", "storage", "heading-level", "theme", "loading"];

// How near the viewport an element with `loading="lazy"` must come before the widget is downloaded:
// far enough ahead that it is usually ready when the reader scrolls to it.
const LAZY_MARGIN = "300px";

// The files the loader runs, beside it, and the SHA-384 each must have. `cargo xtask dist` writes each
// hash over its placeholder ("sha384-" and the file name without "_" and "."), so that the SRI of this
// loader covers every byte the widget runs. A placeholder left unwritten still reads as a hash, one that
// nothing matches, so a loader that missed that step refuses every file rather than checking none.
const WIDGET_GLUE = ["parcours_widget.js", "sha384-parcourswidgetjs"];
const WIDGET_WASM = ["parcours_widget_bg.wasm", "sha384-parcourswidgetbgwasm"];
const DEFAULT_ENGLISH = ["parcours_widget_en.bin", "sha384-parcourswidgetenbin"];
const DEFAULT_LATER = ["parcours_widget_later.bin", "sha384-parcourswidgetlaterbin"];
const CHECKER_GLUE = ["parcours_checker.js", "sha384-parcourscheckerjs"];
const CHECKER_WASM = ["parcours_checker_bg.wasm", "sha384-parcourscheckerbgwasm"];
const DOCUMENTS_GLUE = ["parcours_documents.js", "sha384-parcoursdocumentsjs"];
const DOCUMENTS_WASM = ["parcours_documents_bg.wasm", "sha384-parcoursdocumentsbgwasm"];

/** The initialised wasm module, shared by every element; `null` until the first element connects. */
let widgetPromise = null;


/**
 * Set once the widget's wasm has trapped. The wasm is built with `panic = "immediate-abort"`: a panic
 * is a bare `unreachable` trap, with no hook to run and no message, and the Rust state it leaves
 * behind (a borrow never released, an update half done) cannot be trusted. So after a trap nothing
 * calls into the wasm again, and every element shows the crash message built here.
 */
let crashed = false;

/** The elements mounted in the wasm, which a crash must all reach. */
const liveElements = new Set();

/** The method of an element that shows the crash message; a symbol keeps it out of the element's public API. */
const SHOW_CRASH = Symbol("showCrash");

/** The URL of a file of dist/, beside this module. */
const urlOf = (name) => new URL(name, import.meta.url).href;

/** Whether a `lang` value is English, as the widget reads it. */
const isEnglish = (lang) => /^en\b/i.test(lang.trim());

/**
 * `start` made into a function that starts it once and returns the same promise to every caller,
 * and starts it again after a failure: a module or a file that could not be downloaded is tried
 * again the next time it is needed.
 */
function onceUntilFailure(start) {
  let promise = null;
  return () => {
    if (promise === null) {
      promise = start();
      promise.catch(() => {
        promise = null;
      });
    }
    return promise;
  };
}

/**
 * The error for a file that did not load, naming it; `refused` when the server sent it but its hash did
 * not match. The browser reports both alike, so a second request, whose body is never run, tells them
 * apart: a missing checker must only cost the host's pack, while a modified one must stop the start.
 */
async function loadFailure(name) {
  const response = await fetch(urlOf(name), { cache: "no-store" }).catch(() => {});
  return Object.assign(
    new Error(
      response?.ok
        ? `${name} was refused: its SHA-384 is not the one in parcours.js.`
        : `${name} could not be downloaded.`,
    ),
    { refused: response?.ok },
  );
}

/**
 * Imports a module once the browser has checked its hash: a `modulepreload` link with `integrity`
 * fetches and checks it, and `import()` then takes the preloaded module without fetching it again
 * (the strict CSP allows both; an import from a Blob URL would not be). Never import after a failed
 * preload: Chromium does not remember the failure, and would fetch the file anew, unchecked, and run it.
 */
function importChecked([name, integrity]) {
  const href = urlOf(name);
  return new Promise((onload, reject) => {
    document.head.append(
      Object.assign(document.createElement("link"), {
        rel: "modulepreload",
        integrity,
        href,
        onload,
        onerror: () => loadFailure(name).then(reject),
      }),
    );
  }).then(() => import(href));
}

/** Imports a wasm-bindgen module and instantiates it, fetching the .wasm beside the glue rather than after it. */
function instantiate(glue, [name, integrity]) {
  // With `integrity`, the response arrives only once the whole body has matched; compiling starts then.
  const wasm = fetch(urlOf(name), { integrity }).catch(async () => {
    throw await loadFailure(name);
  });
  // Its failure is reported when `init` awaits it; this only keeps it from being "unhandled" meanwhile.
  wasm.catch(() => {});
  return importChecked(glue).then(async (glue) => {
    await glue.default({ module_or_path: wasm });
    return glue;
  });
}

/** Starts the wasm once, so a page that loads this script without using the element pays nothing. */
function loadWidget() {
  if (widgetPromise === null) {
    widgetPromise = instantiate(WIDGET_GLUE, WIDGET_WASM).then((glue) => {
      watchForTraps();
      glue.set_pack_fetcher(fetchPack);
      glue.set_part_loader(loadPart);
      glue.set_document_saver(saveDocument);
      followPageTheme(glue);
      return glue;
    });
  }
  return widgetPromise;
}

/**
 * Tells the widget the page's DSFR theme (`data-fr-theme` on <html>), now and at every change, so that
 * `theme="auto"` follows the page's light/dark switch without a reload; `prefers-color-scheme`, which
 * applies when the page has no DSFR theme, is followed by the stylesheet itself.
 */
function followPageTheme(glue) {
  const root = document.documentElement;
  const tell = () => {
    try {
      glue.page_theme_changed(root.getAttribute("data-fr-theme"));
    } catch (error) {
      console.error("<cpn-parcours>: the widget has stopped; reload the page.", error);
    }
  };
  new MutationObserver(tell).observe(root, { attributeFilter: ["data-fr-theme"] });
  tell();
}

/**
 * Resolves once `element` may start: at once, unless it has `loading="lazy"`; then once it comes within
 * `LAZY_MARGIN` of the viewport, so that a widget far down a page downloads nothing until the reader
 * scrolls towards it.
 */
function whenNearViewport(element) {
  const lazy = element.getAttribute("loading")?.trim().toLowerCase() === "lazy";
  if (!lazy || typeof IntersectionObserver === "undefined") {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          resolve();
        }
      },
      { rootMargin: LAZY_MARGIN },
    );
    observer.observe(element);
  });
}

/**
 * A file of the default content pack beside the wasm, as bytes, checked against its SHA-384: the wasm
 * embeds only the French texts of the first step (and what every step shows from it), so a French
 * page never downloads the English texts, and no page downloads the later steps' texts until its
 * visitor goes past the first step. Fetched once for every element of the page, and again after a
 * failure.
 */
function loadFile([name, integrity]) {
  return onceUntilFailure(() =>
    fetch(urlOf(name), { integrity })
      .catch(async () => {
        throw await loadFailure(name);
      })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`${name} could not be downloaded (HTTP ${response.status}).`);
        }
        return response.arrayBuffer();
      })
      .then((buffer) => new Uint8Array(buffer)),
  );
}

/** The parts of the default pack that the widget asks for by name (`loadPart`). */
const DEFAULT_PARTS = { english: loadFile(DEFAULT_ENGLISH), later: loadFile(DEFAULT_LATER) };

/**
 * `english` (the English texts) or `later` (the later steps' French texts) of the default pack, within
 * `timeout` milliseconds.
 */
function loadPart(name, timeout) {
  const load = DEFAULT_PARTS[name];
  return load ? withinTimeout(load(), timeout) : Promise.reject(new Error(`no part "${name}" of the default pack`));
}

/**
 * Whether `element` will show its content in English, as the widget decides it (its `lang`, else the
 * nearest `lang` of the page): its English texts are then fetched beside the wasm, not after it.
 * A guess that differs from the widget's only costs a request too many, or one made later.
 */
function wantsEnglish(element) {
  const lang = element.getAttribute("lang") ?? element.closest("[lang]")?.getAttribute("lang") ?? "";
  return isEnglish(lang) && !element.hasAttribute("content");
}

/**
 * Whether `error` is a trap of the widget's wasm: a `WebAssembly.RuntimeError` whose stack passes
 * through the widget's glue or wasm. A trap of some other wasm of the host page is not ours to report.
 */
function isWidgetTrap(error) {
  const stack = String(error?.stack);
  return (
    error instanceof WebAssembly.RuntimeError &&
    (stack.includes(WIDGET_GLUE[0]) || stack.includes(WIDGET_WASM[0]))
  );
}

/**
 * A trap inside a call the browser made (an event handler, a timer, a promise callback) reaches no
 * caller of ours: it surfaces as the window's `error` or `unhandledrejection` event, watched here.
 */
function watchForTraps() {
  addEventListener("error", (event) => {
    if (isWidgetTrap(event.error)) {
      stopAfterTrap(event.error);
    }
  });
  addEventListener("unhandledrejection", (event) => {
    if (isWidgetTrap(event.reason)) {
      stopAfterTrap(event.reason);
    }
  });
}

/** Stops every element after a trap of the widget's wasm, once: each shows the crash message. */
function stopAfterTrap(error) {
  if (crashed) {
    return;
  }
  crashed = true;
  console.error("<cpn-parcours>: the widget stopped after an internal error; reload the page.", error);
  for (const element of liveElements) {
    element[SHOW_CRASH]();
  }
}

/**
 * Fetches a host's content pack from `url` (relative to the page, like any link) and has the checker
 * validate it: resolves to the pack in compact form (its warnings go to the console), or rejects with
 * `[kind, detail]`, which the widget puts in words (`content::FetchError`): `["network"]`,
 * `["timeout"]`, `["status", code]`, `["type", mediaType]`, `["size", length]`, `["invalid", verdict]`
 * or `["checker"]`. The widget gives its limits, `timeout` in milliseconds for the download and again
 * for the check, and `maxBytes`.
 *
 * A deliberate choice: `same-origin` credentials, so that a pack published behind the intranet's single
 * sign-on loads. The browser then sends the page's own cookies (and HTTP authentication) with this one
 * GET when the pack has the page's origin, and none to another origin. No referrer either way: the
 * request says nothing of the page or the visitor's answers. The body stays a JavaScript string, never
 * copied into the widget's memory (which never shrinks). The checker (a JSON parser and every check of
 * the core) is downloaded on first use, so pages that keep the default pack never fetch it; a failed
 * download is tried again next time.
 */
async function fetchPack(url, timeout, maxBytes) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const failed = () => [controller.signal.aborted ? "timeout" : "network"];
  let text;
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      credentials: "same-origin",
      referrerPolicy: "no-referrer",
    }).catch(() => {
      throw failed();
    });
    // A refused body is not downloaded: a 10 MB file must not keep its connection busy (browsers
    // allow only a few per server).
    const refuse = (reason) => {
      response.body?.cancel().catch(() => {});
      throw reason;
    };
    if (!response.ok) {
      refuse(["status", response.status]);
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json" && !type.endsWith("+json")) {
      refuse(["type", type || "?"]);
    }
    // `Number` of a missing or malformed length is 0 or NaN, neither of which refuses anything.
    const declared = Number(response.headers.get("content-length"));
    if (declared > maxBytes) {
      refuse(["size", declared]);
    }
    text = await response.text().catch(() => {
      throw failed();
    });
  } finally {
    clearTimeout(timer);
  }
  // A server that announces no length may still send megabytes. UTF-8 takes at least one byte per
  // UTF-16 unit; the checker measures the exact UTF-8 length again, as `Pack::load` does.
  if (text.length > maxBytes) {
    throw ["size", text.length];
  }
  // The checker comes from the widget's own server, which may be the one that stopped answering.
  const checker = await withinTimeout(loadChecker(), timeout).catch(() => {
    throw ["checker"];
  });
  try {
    return checker.check(text, url);
  } catch (verdict) {
    // The checker throws its verdict as a string; anything else is a failure of the checker.
    throw typeof verdict === "string" ? ["invalid", verdict] : ["checker"];
  }
}

/**
 * `promise`, or a rejection with `reason` (by default an `Error` that says how long it waited) once
 * `timeout` milliseconds passed without its answer.
 */
function withinTimeout(promise, timeout, reason = new Error(`no answer within ${timeout / 1000} seconds`)) {
  let timer = 0;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(reason), timeout);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Writes a download (the Markdown summary, the plan of action) with the documents module's copy of
 * the core, downloaded on the first download and again after a failure, within `timeout`
 * milliseconds, and offers it as the file `fileName` of type `mime`, through a temporary link inside
 * `parent` (in the shadow root), unless `parent` left the page meanwhile. Resolves once offered, or
 * rejects with the reason the document could not be written.
 */
async function saveDocument(parent, [kind, pack, english, later, code, lang], fileName, mime, timeout) {
  const write = loadDocuments().then((documents) => documents.document(kind, pack, english, later, code, lang));
  const body = await withinTimeout(write, timeout);
  if (!parent.isConnected) {
    return;
  }
  try {
    const url = URL.createObjectURL(new Blob([body], { type: mime }));
    const link = parent.ownerDocument.createElement("a");
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    parent.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  } catch (error) {
    console.error("<cpn-parcours>: cannot offer the download:", error);
  }
}

/** Starts the documents module's download once, and again after a failure. */
const loadDocuments = onceUntilFailure(() => instantiate(DOCUMENTS_GLUE, DOCUMENTS_WASM));

/** Starts the checker's download once, and again after a failure. */
const loadChecker = onceUntilFailure(() => instantiate(CHECKER_GLUE, CHECKER_WASM));

/** Starts the checker's download beside a pack's; a failure surfaces where the pack is checked, as the widget's notice. */
function prefetchChecker() {
  loadChecker().catch(() => {});
}

/**
 * The checker as part of an element's start, for elements with `content`: a refused checker fails the
 * start as a refused widget file does, while one that cannot be downloaded only costs the host's pack,
 * which the widget then explains. The checker is smaller than the widget and loads beside it, so the
 * wait rarely delays the start.
 */
function startChecker() {
  return loadChecker().catch((error) => {
    if (error?.refused) {
      throw error;
    }
  });
}

const FAILURE_MESSAGES = {
  fr: {
    crash:
      "Le parcours Cloud Pi Native s’est arrêté après une erreur interne. Vos réponses enregistrées " +
      "sont conservées\u00a0: rechargez la page pour reprendre.",
    reload: "Recharger",
    csp:
      "Le parcours Cloud Pi Native ne peut pas s’afficher : la politique de sécurité (CSP) de cette page " +
      "n’autorise pas WebAssembly ('wasm-unsafe-eval' dans script-src).",
    other:
      "Le parcours Cloud Pi Native n’a pas pu se charger. Rechargez la page ; si le problème persiste, " +
      "prévenez l’équipe qui gère ce site.",
  },
  en: {
    crash:
      "The Cloud Pi Native path stopped after an internal error. Your saved answers are kept: " +
      "reload the page to start again.",
    reload: "Reload",
    csp:
      "The Cloud Pi Native path cannot be shown: this page's Content Security Policy does not allow " +
      "WebAssembly ('wasm-unsafe-eval' in script-src).",
    other:
      "The Cloud Pi Native path could not be loaded. Reload the page; if the problem persists, " +
      "tell the team that runs this site.",
  },
};

/**
 * Chromium says "disallowed by embedder" or names the CSP when a policy blocks WebAssembly;
 * Firefox says "call to WebAssembly.instantiateStreaming() blocked by CSP".
 */
function isCspFailure(error) {
  const text = String(error && error.message ? error.message : error);
  return /Content Security Policy|disallowed by embedder|wasm-unsafe-eval|unsafe-eval|blocked by CSP/i.test(text);
}

class CpnParcoursElement extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED_ATTRIBUTES;
  }

  /** The Rust instance id while mounted, else `null`. */
  #instanceId = null;

  /** The wasm module that owns the instance. */
  #widget = null;

  /** True between a connection and the end of the shared initialisation. */
  #mountPending = false;

  /** True while an element with `loading="lazy"` waits to come near the viewport. */
  #waitingForViewport = false;

  connectedCallback() {
    // Still mounted: this is the second half of a move within the page.
    if (this.#instanceId !== null || this.#mountPending) {
      return;
    }
    this.#mountPending = true;
    this.#waitingForViewport = true;
    whenNearViewport(this)
      .then(() => {
        this.#waitingForViewport = false;
        if (wantsEnglish(this)) {
          // Its failure is the widget's to explain, when it asks for the texts itself.
          DEFAULT_PARTS.english().catch(() => {});
        }
        return Promise.all([loadWidget(), this.hasAttribute("content") && startChecker()]);
      })
      .then(
        ([widget]) => {
          this.#mountPending = false;
          this.#mountIfConnected(widget);
        },
        (error) => {
          this.#mountPending = false;
          this.#showFailure(error);
        },
      );
  }

  disconnectedCallback() {
    // A move within the page disconnects and reconnects in the same task; deciding in a
    // microtask keeps the instance, and the reader's answers, across such a move.
    queueMicrotask(() => {
      if (this.isConnected || this.#instanceId === null) {
        return;
      }
      const id = this.#instanceId;
      this.#instanceId = null;
      liveElements.delete(this);
      this.#call(() => this.#widget.unmount(id));
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // Only once the element has started: its start fetches the checker itself when `content` is set
    // by then, and a lazy element that still waits for the viewport must fetch nothing.
    const started = this.#instanceId !== null || (this.#mountPending && !this.#waitingForViewport);
    if (name === "content" && newValue !== null && this.isConnected && started) {
      prefetchChecker();
    }
    // Before mounting there is nothing to update: `mount` reads every attribute itself.
    if (this.#instanceId !== null && oldValue !== newValue) {
      this.#call(() => this.#widget.attribute_changed(this.#instanceId, name, newValue));
    }
  }

  /** Calls into the wasm, unless it has trapped; a trap during the call stops every element, and never reaches the host page. */
  #call(action) {
    if (crashed) {
      return;
    }
    try {
      action();
    } catch (error) {
      if (isWidgetTrap(error)) {
        stopAfterTrap(error);
      } else {
        console.error("<cpn-parcours>: a call into the widget failed.", error);
      }
    }
  }

  #mountIfConnected(widget) {
    // Disconnected while the wasm was loading: the next connection will mount.
    if (!this.isConnected || this.#instanceId !== null) {
      return;
    }
    try {
      const shadow = this.shadowRoot ?? this.#attachShadowWithReload();
      for (const stale of shadow.querySelectorAll(".cpn-failure")) {
        stale.remove();
      }
      this.#widget = widget;
      if (crashed) {
        this[SHOW_CRASH]();
        return;
      }
      liveElements.add(this);
      this.#instanceId = widget.mount(this, shadow);
    } catch (error) {
      liveElements.delete(this);
      if (isWidgetTrap(error)) {
        stopAfterTrap(error);
      } else {
        this.#showFailure(error);
      }
    }
  }

  /**
   * Replaces what the element shows with the crash message and a `.cpn-crash__reload` button, in the
   * language the widget was showing, inside its wrapper so that its theme still applies. The wasm is
   * dead by then, so the button's action lives here too (see `#attachShadowWithReload`).
   */
  [SHOW_CRASH]() {
    const shadow = this.shadowRoot;
    if (shadow === null) {
      return;
    }
    const wrapper = shadow.querySelector(".cpn-root") ?? shadow;
    const lang =
      wrapper.querySelector(".cpn-parcours[lang]")?.getAttribute("lang") ??
      this.closest("[lang]")?.getAttribute("lang") ??
      "fr";
    const messages = isEnglish(lang) ? FAILURE_MESSAGES.en : FAILURE_MESSAGES.fr;
    const crash = document.createElement("div");
    crash.className = "cpn-crash";
    crash.setAttribute("role", "alert");
    const message = document.createElement("p");
    message.className = "cpn-crash__message";
    message.textContent = messages.crash;
    const reload = document.createElement("button");
    reload.type = "button";
    reload.className = "cpn-button cpn-crash__reload";
    reload.textContent = messages.reload;
    crash.append(message, reload);
    wrapper.replaceChildren(crash);
  }

  /**
   * After an internal error the element shows a message and a `.cpn-crash__reload` button (see
   * `[SHOW_CRASH]`); the wasm is dead by then, so the button's action lives here, in plain JavaScript.
   */
  #attachShadowWithReload() {
    const shadow = this.attachShadow({ mode: "open" });
    shadow.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest(".cpn-crash__reload")) {
        location.reload();
      }
    });
    return shadow;
  }

  #showFailure(error) {
    console.error("<cpn-parcours>: the widget could not start.", error);
    if (!this.isConnected) {
      return;
    }
    try {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      const lang = this.closest("[lang]")?.getAttribute("lang") ?? "fr";
      const messages = isEnglish(lang) ? FAILURE_MESSAGES.en : FAILURE_MESSAGES.fr;
      const message = document.createElement("p");
      message.className = "cpn-failure";
      message.textContent = isCspFailure(error) ? messages.csp : messages.other;
      shadow.replaceChildren(message);
    } catch (secondError) {
      console.error("<cpn-parcours>: cannot even show the failure message.", secondError);
    }
  }
}

/** Defines the element unless the name is taken, for example by a second copy of this loader. */
function defineElement() {
  if (typeof customElements === "undefined") {
    console.error("<cpn-parcours>: this browser has no custom elements; the widget cannot start.");
    return;
  }
  if (customElements.get(TAG_NAME) !== undefined) {
    // The first definition wins and keeps working; throwing here would break the host page.
    return;
  }
  try {
    customElements.define(TAG_NAME, CpnParcoursElement);
  } catch (error) {
    console.error(`<cpn-parcours>: cannot define <${TAG_NAME}>.`, error);
  }
}

defineElement();
