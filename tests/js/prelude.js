// The helpers every scenario's script starts with (prepended by `Page::js` in tests/src/page.rs),
// so that scenarios read like the checks they make. `$contentLoadingWords` is defined just before
// this file, from the widget's own words.

/** The element of the host page that matches `selector`, or an error naming it. */
const $host = (selector) => {
  const host = document.querySelector(selector);
  if (!host) throw new Error(`no element matches ${selector}`);
  return host;
};
/** The open shadow root of the widget `selector`. */
const $root = (selector) => {
  const root = $host(selector).shadowRoot;
  if (!root) throw new Error(`${selector} has no open shadow root`);
  return root;
};
/** The first element matching `inner` inside the widget `selector`. */
const $in = (selector, inner) => {
  const element = $root(selector).querySelector(inner);
  if (!element) throw new Error(`${selector} has no ${inner} in its shadow root`);
  return element;
};
/** Every element matching `inner` inside the widget `selector`, as an array. */
const $all = (selector, inner) => [...$root(selector).querySelectorAll(inner)];
/** A computed style property of `element`. */
const $style = (element, property) => getComputedStyle(element).getPropertyValue(property);
/** Whether the widget `selector` has rendered its result. */
const $mounted = (selector) => {
  const host = document.querySelector(selector);
  return !!(host && host.shadowRoot && host.shadowRoot.querySelector(".cpn-root .cpn-summary"));
};
/**
 * Whether the widget on `host` still shows its "loading content" notice, in whatever language, or
 * waits for the later steps' texts (a `.cpn-later` placeholder that has not failed).
 */
const $loading = (host) => [...host.shadowRoot.querySelectorAll(".cpn-notice")]
  .some((notice) => $contentLoadingWords.includes(notice.textContent.trim()))
  || !!host.shadowRoot.querySelector(".cpn-later:not(.cpn-later--failed)");
/**
 * Resolves once the widget `selector` no longer waits for the later steps' texts, as a visitor who
 * goes past the first step waits a moment for them, or after 5 s, when the check that follows fails.
 */
const $laterTexts = async (selector) => {
  for (let waited = 0; waited < 5000 && $loading(document.querySelector(selector)); waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
/** Whether every widget of the page has rendered its result with no content pack still loading. */
const $settled = () => {
  const hosts = [...document.querySelectorAll("cpn-parcours")];
  return hosts.length > 0
    && hosts.every((host) => host.shadowRoot && host.shadowRoot.querySelector(".cpn-summary") && !$loading(host));
};
/** Resolves after the next frame has been painted and its tasks have run. */
const $frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** Resolves after the tasks already queued have run. */
const $tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/**
 * The module at `url` as the page itself imported it (through `www/fixtures/page-module.js`): in
 * Firefox, `import()` in a script WebDriver runs takes a module map of its own, where the glue
 * would be a second copy whose wasm was never started. The same in both engines.
 */
const $pageModule = async (url) => {
  const modules = () => window.cpnModules || {};
  if (!(url in modules())) {
    const script = document.createElement("script");
    script.type = "module";
    script.src = `/fixtures/page-module.js?${new URLSearchParams({ url })}`;
    const failed = new Promise((_, reject) => { script.onerror = () => reject(new Error(`cannot import ${url} in the page`)); });
    document.head.append(script);
    for (let wait = 0; wait < 500 && !(url in modules()); wait++) {
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 10)), failed]);
    }
    if (!(url in modules())) throw new Error(`the page did not import ${url} within 5 s`);
  }
  return modules()[url];
};
