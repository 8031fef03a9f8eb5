// Borders and indicators that identify controls and their states, against what lies behind them. arguments: the host selector.
const root = $root(arguments[0]);
const results = [];
const add = (what, element, colour, against) => {
  const ratio = $contrast($over($rgba(colour), against), against);
  results.push({ what, describe: $describe(element), ratio });
};
for (const button of root.querySelectorAll(".cpn-button:not(:disabled)")) {
  const style = getComputedStyle(button);
  // A filled button shows its fill; an outlined one its border.
  const fill = $rgba(style.backgroundColor);
  add("button boundary", button, fill[3] > 0 ? style.backgroundColor : style.borderTopColor, $behind(button));
}
for (const step of root.querySelectorAll(".cpn-step[aria-current=step]")) {
  add("current step border", step, getComputedStyle(step).borderTopColor, $behind(step));
}
for (const radio of root.querySelectorAll("input[type=radio]:checked")) {
  add("checked radio (accent-color)", radio, getComputedStyle(radio).accentColor, $behind(radio));
}
for (const input of root.querySelectorAll("input.cpn-link")) {
  add("text field border", input, getComputedStyle(input).borderTopColor, $rgba(getComputedStyle(input).backgroundColor));
}
return results;
