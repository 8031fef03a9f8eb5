// Horizontal overflow of the page, and widget elements whose content is cut or pushed off screen. arguments: the host selector.
const root = $root(arguments[0]);
const width = document.documentElement.clientWidth;
const problems = [];
if (document.documentElement.scrollWidth > width) {
  const all = [...document.body.querySelectorAll("*"), ...root.querySelectorAll("*")];
  const wide = all.filter((e) => e.getBoundingClientRect().right > width + 1 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)).map((e) => `${$describe(e)} ${e.scrollWidth}/${e.clientWidth}`).slice(-4);
  problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} (${wide.slice(0, 3).join("; ") || "widget"})`);
}
for (const element of root.querySelectorAll("*")) {
  const style = getComputedStyle(element);
  if (style.display === "none") continue;
  if (/hidden|clip|auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1) {
    problems.push(`content clipped or scrolled in ${$describe(element)}: ${element.scrollWidth} > ${element.clientWidth}`);
  }
  const box = element.getBoundingClientRect();
  if (box.width > 0 && (box.right > width + 1 || box.left < -1)) problems.push(`${$describe(element)} spans ${Math.round(box.left)}..${Math.round(box.right)} of ${width} px`);
}
return {
  problems: problems.slice(0, 8),
  count: problems.length,
  width,
  innerWidth: window.innerWidth,
  fontSize: getComputedStyle(root.querySelector(".cpn-parcours")).fontSize,
  elements: root.querySelectorAll("*").length,
};
