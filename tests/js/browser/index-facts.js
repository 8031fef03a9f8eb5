// What the demo page shows on arrival: the shadow root, the form, the summary, styles and fetches.
const host = $host("cpn-parcours");
const root = $root("cpn-parcours");
const radios = $all("cpn-parcours", "input[type=radio]");
const summary = $in("cpn-parcours", ".cpn-summary");
return {
  mode: root.mode,
  title: $in("cpn-parcours", "h2").textContent,
  legend: $in("cpn-parcours", "fieldset > legend").textContent,
  personas: $all("cpn-parcours", "input[name$='-persona']").map((radio) => radio.value),
  everyRadioLabelled: radios.every((radio) => radio.labels.length === 1 && radio.labels[0].textContent.trim().length > 0),
  everyGroupInAFieldsetWithLegend: radios.every((radio) => {
    const fieldset = radio.closest("fieldset");
    return !!fieldset && !!fieldset.querySelector(":scope > legend");
  }),
  steps: $all("cpn-parcours", ".cpn-step").length,
  currentStep: $in("cpn-parcours", ".cpn-step[aria-current=step]").querySelector(".cpn-step__number").textContent,
  summaryRole: summary.getAttribute("role"),
  summaryLive: summary.getAttribute("aria-live"),
  summary: summary.textContent,
  lang: $in("cpn-parcours", ".cpn-parcours").getAttribute("lang"),
  roots: root.querySelectorAll(".cpn-root").length,
  sheets: root.adoptedStyleSheets.length,
  styleElements: root.querySelectorAll("style, link").length,
  styleAttributes: root.querySelectorAll("[style]").length,
  hostStyleAttribute: host.hasAttribute("style"),
  unsafeLinks: [...root.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))
    .filter((href) => !/^(https?:|mailto:|[^:]*$)/i.test(href)),
  // The default pack is embedded: the page fetches the widget and never the checker.
  fetched: performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith("/dist/")).sort(),
};
