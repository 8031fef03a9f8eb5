// The control of the reflow check: one unbreakable line wider than the viewport, clipped.
const line = document.createElement("p");
line.className = "cpn-planted";
line.textContent = "x".repeat(80);
line.style.whiteSpace = "nowrap";
line.style.overflowWrap = "normal";
line.style.overflow = "hidden";
$root("#widget").querySelector(".cpn-intro").after(line);
