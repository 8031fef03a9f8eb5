// The demo page's height after a visitor chose a role and answered step 1 (arguments[0]: the
// persona, arguments[1]: one answer for every question of step 1), and where the height goes:
// the page around the widget, then each part of the widget, in CSS px.
const [persona, answer] = arguments;
const done = arguments[arguments.length - 1];
(async () => {
  $in("cpn-parcours", `input[name$='-persona'][value=${persona}]`).click();
  await $frame();
  // As a visitor does: the questions in view, then the next ones, until the step's last page.
  for (;;) {
    for (const fieldset of $all("cpn-parcours", "fieldset.cpn-criterion:not([hidden])")) {
      fieldset.querySelector(`input[value=${answer}]`).click();
    }
    await $frame();
    const next = $root("cpn-parcours").querySelector(".cpn-next-questions");
    if (!next || next.disabled) break;
    next.click();
    await $frame();
  }
  await $frame();
  const widget = $in("cpn-parcours", ".cpn-parcours");
  const parts = [...widget.children].map((child) => [
    child.className || child.localName,
    Math.round(child.getBoundingClientRect().height),
  ]);
  done({
    height: document.documentElement.scrollHeight,
    above: Math.round($host("cpn-parcours").getBoundingClientRect().top + window.scrollY),
    widget: Math.round(widget.getBoundingClientRect().height),
    criteria: $all("cpn-parcours", "fieldset.cpn-criterion").length,
    answered: $all("cpn-parcours", "fieldset.cpn-criterion input:checked").length,
    parts,
    // The inside of the three tallest parts.
    inside: Object.fromEntries([".cpn-setup", ".cpn-questions", ".cpn-details", ".cpn-team", ".cpn-actions"].map((selector) => [
      selector,
      [...$in("cpn-parcours", selector).children].map((child) => `${child.className || child.localName}:${Math.round(child.getBoundingClientRect().height)}`).join(" "),
    ])),
    widgetWidth: Math.round(widget.getBoundingClientRect().width),
  });
})().catch((error) => done({ error: String(error) }));
