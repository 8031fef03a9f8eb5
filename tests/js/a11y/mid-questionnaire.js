// Brings #widget to step 2 with a role and three answers: yes, no and don't know.
const root = $root("#widget");
root.querySelector("input[value=decision]").click();
root.querySelectorAll(".cpn-step")[1].click();
[...root.querySelectorAll("fieldset.cpn-criterion")].slice(0, 3).forEach((fieldset, i) =>
  fieldset.querySelector(`input[value=${["yes", "no", "dont-know"][i]}]`).click());
