// Pastes arguments[0] (teammates' links) into the team's text area of #widget and shows the team's
// result, with its conflicts and the line it could not read.
const area = $in("#widget", ".cpn-team .cpn-textarea");
area.value = arguments[0];
area.dispatchEvent(new Event("input", { bubbles: true }));
$in("#widget", ".cpn-team .cpn-button").click();
