// The fault scenarios' own helpers, run after tests/js/prelude.js.

/** Every link of every widget of the page whose scheme is not one the core allows. */
const $unsafeLinks = () => [...document.querySelectorAll("cpn-parcours")]
  .flatMap((host) => host.shadowRoot ? [...host.shadowRoot.querySelectorAll("a[href]")] : [])
  .map((a) => a.getAttribute("href"))
  .filter((href) => !/^(https?:|mailto:|[^:]*$)/i.test(href.trim()));
/** Elements that would mean a pack text was parsed as HTML. */
const $markup = (selector) => $all(selector, "script, b, img, iframe, object, embed, style, a:not([href])").length;
