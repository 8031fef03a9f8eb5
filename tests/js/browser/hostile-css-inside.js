// Computed styles inside #widget that a hostile host stylesheet would change if it got in.
const title = $in("#widget", ".cpn-title");
const intro = $in("#widget", ".cpn-intro");
const radio = $in("#widget", "input[type=radio]");
const label = $in("#widget", "label");
const fieldset = $in("#widget", "fieldset");
const summary = $in("#widget", ".cpn-summary");
return {
  titleColor: $style(title, "color"),
  titleSize: $style(title, "font-size"),
  titleTransform: $style(title, "text-transform"),
  family: $style(title, "font-family").split(",")[0].trim(),
  rootSize: $style($in("#widget", ".cpn-parcours"), "font-size"),
  letterSpacing: $style(intro, "letter-spacing"),
  introDisplay: $style(intro, "display"),
  introVisibility: $style(intro, "visibility"),
  radioDisplay: $style(radio, "display"),
  radioVisibility: $style(radio, "visibility"),
  labelDecoration: $style(label, "text-decoration-line"),
  fieldsetDisplay: $style(fieldset, "display"),
  summaryDisplay: $style(summary, "display"),
};
