// The semantic problems of one widget: names without their visible label, radios without a legended fieldset, heading levels, lang. arguments: host selector, expected heading level, expected lang, and, where the engine has no `computedName` (Firefox), the names WebDriver's Get Computed Label gave for `$controls`, in order.
const [selector, level, lang, computedNames] = arguments;
const root = $root(selector);
const problems = [];
const clean = (text) => (text || "").replace(/\s+/g, " ").trim().toLowerCase();
const visibleText = (element) => clean(element.innerText);
let computed = 0;
/** The accessible name: the browser's own when it exposes it, else the accname rules our markup uses. */
const accessibleName = (element, index) => {
  if (Array.isArray(computedNames) && typeof computedNames[index] === "string") { computed += 1; return clean(computedNames[index]); }
  if (typeof element.computedName === "string") { computed += 1; return clean(element.computedName); }
  const labelledby = element.getAttribute("aria-labelledby");
  if (labelledby) return clean(labelledby.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(" "));
  if (element.getAttribute("aria-label")) return clean(element.getAttribute("aria-label"));
  if (element.labels && element.labels.length) return clean([...element.labels].map((l) => l.textContent).join(" "));
  return clean(element.textContent);
};
const controls = $controls(root);
if (Array.isArray(computedNames) && computedNames.length !== controls.length) {
  problems.push(`${computedNames.length} computed names for ${controls.length} controls`);
}
controls.forEach((control, index) => {
  const label = control.labels && control.labels.length ? visibleText(control.labels[0]) : visibleText(control);
  const name = accessibleName(control, index);
  if (!label) problems.push(`no visible label: ${$describe(control)}`);
  else if (!name.includes(label)) problems.push(`accessible name «${name}» lacks the visible label «${label}»: ${$describe(control)}`);
});
for (const radio of root.querySelectorAll("input[type=radio]:not([hidden] *)")) {
  const fieldset = radio.closest("fieldset");
  const legend = fieldset && fieldset.querySelector(":scope > legend");
  if (!legend || !clean(legend.textContent)) problems.push(`radio not in a fieldset with a legend: ${$describe(radio)}`);
}
// The criteria of the page of questions in view.
const criteria = [...root.querySelectorAll(".cpn-criterion:not([hidden])")];
for (const criterion of criteria) {
  const first = criterion.firstElementChild;
  if (criterion.tagName !== "FIELDSET" || !first || first.tagName !== "LEGEND" || !clean(first.textContent)) {
    problems.push(`criterion is not a fieldset led by a non-empty legend: ${$describe(criterion)}`);
  }
}
const headings = [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
if (headings[0] !== level) problems.push(`first heading is h${headings[0]}, not h${level}`);
headings.forEach((h, i) => {
  if (h < level) problems.push(`h${h} above the host's level ${level}`);
  if (i > 0 && h > headings[i - 1] + 1) problems.push(`heading skips from h${headings[i - 1]} to h${h}`);
});
const widgetRoot = root.querySelector(".cpn-parcours");
if (widgetRoot.getAttribute("lang") !== lang) problems.push(`lang on the widget root is ${widgetRoot.getAttribute("lang")}, not ${lang}`);
return { problems, controls: controls.length, radios: root.querySelectorAll("input[type=radio]").length, criteria: criteria.length, headings, computed };
