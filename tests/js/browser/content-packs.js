// What the four widgets of the content page show: a host pack, and three that fall back with a reason.
const notice = (id) => $in(id, ".cpn-notice--error").textContent;
return {
  customErrors: $all("#custom", ".cpn-notice--error").length,
  customSteps: $all("#custom", ".cpn-step").length,
  missing: notice("#missing"),
  broken: notice("#broken"),
  unsafe: notice("#unsafe"),
  fallbackTitle: $all("#missing", ".cpn-step__title")[0].textContent,
  // Fetched once for the four widgets, beside their packs.
  checkerFetches: performance.getEntriesByType("resource")
    .filter((entry) => new URL(entry.name).pathname.startsWith("/dist/parcours_checker")).length,
  javascriptLinks: ["#custom", "#missing", "#broken", "#unsafe"]
    .flatMap((id) => $all(id, "a[href]")).filter((a) => /^\s*javascript:/i.test(a.getAttribute("href"))).length,
};
