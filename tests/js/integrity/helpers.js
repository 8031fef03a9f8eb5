// The integrity scenarios' own helpers, run after tests/js/prelude.js.

/** The text of the failure notice of the widget `selector`, or `null` while it has none. */
const $failure = (selector) => document.querySelector(selector)?.shadowRoot?.querySelector(".cpn-failure")?.textContent ?? null;
/** The French title of the first step that the widget `selector` shows, or `null`. */
const $firstStep = (selector) => document.querySelector(selector)?.shadowRoot?.querySelector(".cpn-step__title")?.textContent ?? null;
