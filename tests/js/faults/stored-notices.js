// The notices and the role of #stored after a stored code was restored.
return {
  items: $all("#stored", ".cpn-notices li").map((li) => li.textContent),
  errors: $all("#stored", ".cpn-notices .cpn-notice--error").map((p) => p.textContent),
  text: $in("#stored", ".cpn-notices").textContent,
  persona: $all("#stored", "input[name$='-persona']:checked").map((i) => i.value),
  recorded: window.cpnRecord.errors,
};
