// The notes of #stored after a share link with markup in it.
return {
  notes: $all("#stored", ".cpn-notices li").map((li) => li.textContent),
  markup: $markup("#stored"),
  errors: window.cpnRecord.errors,
};
