// Pastes arguments[0] into the team's text area of #widget as a visitor would type it, asks for the
// team's result, and returns what it shows once it is there (within 5 s).
return (async () => {
  const area = $in("#widget", ".cpn-team .cpn-textarea");
  area.value = arguments[0];
  area.dispatchEvent(new Event("input", { bubbles: true }));
  $in("#widget", ".cpn-team .cpn-button").click();
  // The first merge may wait for the later steps' texts, which its conflicts may name.
  for (let wait = 0; wait < 250 && !$root("#widget").querySelector(".cpn-team-members"); wait++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    members: $in("#widget", ".cpn-team-members").textContent,
    refused: $all("#widget", ".cpn-refused > li").map((li) => li.textContent),
    summary: $in("#widget", ".cpn-team-summary").textContent,
    conflicts: $all("#widget", ".cpn-conflicts > li").map((li) => li.textContent),
    link: $in("#widget", ".cpn-team-result input.cpn-link").value,
    pastedKept: area.value === arguments[0],
    live: $in("#widget", ".cpn-team-result").getAttribute("aria-live"),
  };
})();
