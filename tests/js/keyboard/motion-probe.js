// Elements of the widget that still move: a transition or an animation with a duration. arguments: the host selector.
const root = $root(arguments[0]);
const moving = [];
for (const element of root.querySelectorAll("*")) {
  for (const pseudo of [null, "::before", "::after"]) {
    const style = getComputedStyle(element, pseudo);
    const seconds = (list) => list.split(",").map((d) => parseFloat(d) || 0);
    const transition = style.transitionProperty !== "none" && seconds(style.transitionDuration).some((s) => s > 0);
    const animation = style.animationName !== "none" && seconds(style.animationDuration).some((s) => s > 0);
    if (transition || animation) moving.push(`${$describe(element)}${pseudo || ""}: ${transition ? "transition " + style.transitionDuration : ""} ${animation ? "animation " + style.animationName : ""}`);
  }
}
return { reduce: matchMedia("(prefers-reduced-motion: reduce)").matches, moving: moving.slice(0, 5), count: moving.length };
