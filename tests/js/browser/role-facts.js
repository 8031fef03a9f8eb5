// The resources heading, focus and count of #widget once a role is chosen.
return {
  heading: $all("#widget", ".cpn-subtitle").map((h) => h.textContent).find((t) => t.startsWith("Ressources d'autoformation")),
  focus: $in("#widget", ".cpn-focus").textContent.length > 20,
  resources: $all("#widget", ".cpn-resources--persona > li").length,
};
