// The non-text contrast of the focused element: its outline against what lies behind it. arguments: the host selector.
const active = $root(arguments[0]).activeElement;
if (!active) return null;
const style = getComputedStyle(active);
const behind = $behind(active);
const outline = $over($rgba(style.outlineColor), behind);
return { describe: $describe(active), ratio: $contrast(outline, behind), outline: style.outlineColor, behind: `rgb(${behind.slice(0, 3).map(Math.round).join(", ")})` };
