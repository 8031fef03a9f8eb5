// The control of the axe checks: a text field with no label, planted inside the widget's shadow root.
const input = document.createElement("input");
input.type = "text";
$in("#widget", ".cpn-intro").append(input);
