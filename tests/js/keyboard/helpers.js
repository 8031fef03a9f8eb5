// The keyboard scenarios' own helpers, run after tests/js/prelude.js: colours resolved to RGB, contrast
// ratios, the background behind an element, and a short description of an element for messages.

const $canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
/** Any CSS colour as [r, g, b, a] with a in 0..1, as the browser resolves it. */
const $rgba = (colour) => {
  $canvas.clearRect(0, 0, 1, 1);
  $canvas.fillStyle = "rgba(0, 0, 0, 0)";
  $canvas.fillStyle = colour;
  $canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = $canvas.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
};
const $over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
const $luminance = ([r, g, b]) => {
  const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const $contrast = (a, b) => {
  const [x, y] = [$luminance(a), $luminance(b)].sort((p, q) => q - p);
  return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
};
/** The parent of an element, crossing out of a shadow root to its host. */
const $parent = (element) => element.parentElement || (element.getRootNode() instanceof ShadowRoot ? element.getRootNode().host : null);
/** The opaque colour painted behind `element` (not its own background): its ancestors' backgrounds, composited. */
const $behind = (element) => {
  const layers = [];
  for (let node = $parent(element); node; node = $parent(node)) {
    const colour = $rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) break; }
  }
  return layers.reverse().reduce((below, layer) => $over(layer, below), [255, 255, 255, 1]);
};
/** A short description of `element` for messages: tag, classes, radio value and text. */
const $describe = (element) => {
  const text = (element.getAttribute("aria-label") || element.textContent || element.value || "").replace(/\s+/g, " ").trim().slice(0, 60);
  return `${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).split(" ").join(".") : ""}${element.value && element.type === "radio" ? "[value=" + element.value + "]" : ""} «${text}»`;
};
/**
 * The controls of a shadow root whose accessible names the semantics probe checks, in its order.
 * A control inside a closed disclosure is neither seen nor reached until the disclosure opens; it is
 * checked in the state where it shows (the glossary's links, with every disclosure opened). So are
 * the questions of a step's other pages (`hidden`), checked on their own page.
 */
const $controls = (root) => [...root.querySelectorAll("input, button, select, textarea, a[href], summary")]
  .filter((control) => !control.closest("details:not([open]) > :not(summary), [hidden]"));
