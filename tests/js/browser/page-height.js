// The demo page's height once a visitor has chosen a role and answered every question of step 1
// (arguments[0]: the persona, arguments[1]: the one answer given to every question), on each page of
// the step's questions, and where the height goes on the tallest: the page around the widget, then
// each part of the widget, in CSS px.
const [persona, answer] = arguments;
const done = arguments[arguments.length - 1];
const measure = () => {
  const widget = $in("cpn-parcours", ".cpn-parcours");
  return {
    height: document.documentElement.scrollHeight,
    above: Math.round($host("cpn-parcours").getBoundingClientRect().top + window.scrollY),
    widget: Math.round(widget.getBoundingClientRect().height),
    heading: $in("cpn-parcours", ".cpn-questions .cpn-section-title").textContent,
    parts: [...widget.children].map((child) => `${child.className}: ${Math.round(child.getBoundingClientRect().height)}`),
  };
};
const pager = (which) => $root("cpn-parcours").querySelector(`.cpn-${which}-questions`);
(async () => {
  $in("cpn-parcours", `input[name$='-persona'][value=${persona}]`).click();
  await $frame();
  // As a visitor does: the questions in view, then the next ones, until the step's last page.
  for (;;) {
    for (const fieldset of $all("cpn-parcours", "fieldset.cpn-criterion:not([hidden])")) {
      fieldset.querySelector(`input[value=${answer}]`).click();
    }
    await $frame();
    if (!pager("next") || pager("next").disabled) break;
    pager("next").click();
    await $frame();
  }
  // Then back through the pages, to measure each.
  const pages = [measure()];
  while (pager("previous") && !pager("previous").disabled) {
    pager("previous").click();
    await $frame();
    await $frame();
    pages.push(measure());
  }
  const tallest = pages.reduce((a, b) => (b.height > a.height ? b : a));
  done({
    criteria: $all("cpn-parcours", "fieldset.cpn-criterion").length,
    answered: $all("cpn-parcours", "fieldset.cpn-criterion input:checked").length,
    heights: pages.map((page) => page.height),
    height: tallest.height,
    tallest,
  });
})().catch((error) => done({ error: String(error) }));
