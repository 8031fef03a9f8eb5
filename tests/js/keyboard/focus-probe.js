// What has the focus after a key press, and how it looks. arguments: the host selector.
const host = $host(arguments[0]);
const root = host.shadowRoot;
const active = document.activeElement;
let where = "page";
let element = active;
if (active === host) {
  element = root.activeElement;
  where = element ? "widget" : "lost";
} else if (!active || active === document.body || active === document.documentElement) {
  where = "lost";
  element = null;
}
const questions = root.querySelector(".cpn-questions");
const groups = [...new Set([...questions.querySelectorAll("input[type=radio]")].map((r) => r.name))];
const out = {
  where,
  viewed: questions.querySelector(".cpn-section-title").textContent.trim(),
  unanswered: groups.filter((name) => !root.querySelector(`input[name="${name}"]:checked`)).length,
  summary: root.querySelector(".cpn-summary").textContent.trim(),
  link: root.querySelector("input.cpn-link") ? root.querySelector("input.cpn-link").value : null,
  actionStatus: root.querySelector(".cpn-action-status").textContent.trim(),
};
if (!element) return out;
const style = getComputedStyle(element);
const box = element.getBoundingClientRect();
const steps = [...root.querySelectorAll(".cpn-step")];
Object.assign(out, {
  describe: $describe(element),
  tag: element.tagName.toLowerCase(),
  type: element.type || "",
  name: element.name || "",
  value: element.value || "",
  checked: !!element.checked,
  href: element.getAttribute("href") || "",
  text: element.textContent.replace(/\s+/g, " ").trim().slice(0, 80),
  rendered: box.width > 0 && box.height > 0,
  outlineStyle: style.outlineStyle,
  outlineWidth: parseFloat(style.outlineWidth) || 0,
  outlineAlpha: $rgba(style.outlineColor)[3],
});
if (where !== "widget") return out;
Object.assign(out, {
  groupAnswered: element.type === "radio" && !!root.querySelector(`input[name="${element.name}"]:checked`),
  inRole: element.type === "radio" && element.name.endsWith("-persona"),
  inCriterion: !!element.closest("fieldset.cpn-criterion"),
  step: steps.indexOf(element),
  ariaCurrent: element.getAttribute("aria-current"),
  isNext: element.matches(".cpn-nav .cpn-button:not(.cpn-button--secondary)"),
  isNextQuestions: element.matches(".cpn-next-questions"),
  isCopy: element === root.querySelector(".cpn-actions .cpn-button"),
  isFocusTarget: element.matches(".cpn-focus-target"),
  isLink: element.matches("input.cpn-link"),
  isTerms: element.matches("details.cpn-terms > summary"),
  isPlan: element.matches(".cpn-actions .cpn-button") && element.textContent.includes("plan d'action"),
  isTeamForm: element.matches(".cpn-team-form > summary"),
  teamFormOpen: !!root.querySelector(".cpn-team-form[open]"),
  isTeamArea: element.matches(".cpn-team .cpn-textarea"),
  isTeamButton: element.matches(".cpn-team .cpn-button"),
  teamSummary: root.querySelector(".cpn-team-summary") ? root.querySelector(".cpn-team-summary").textContent : "",
});
if (out.isTerms) {
  const details = element.parentElement;
  const term = details.querySelector("dt");
  const definition = details.querySelector("dd");
  Object.assign(out, {
    termsOpen: details.open,
    term: term ? term.textContent.trim() : "",
    definition: definition ? definition.textContent.trim() : "",
    definitionShown: !!definition && definition.getBoundingClientRect().height > 0,
  });
}
return out;
