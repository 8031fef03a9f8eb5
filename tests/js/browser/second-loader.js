// Imports a second copy of the loader and adds an element; returns the console errors.
return (async () => {
  // In the page's own module map, as a second copy on a host page would run (see `$pageModule`).
  await $pageModule("/dist/parcours.js?second-copy");
  const element = document.createElement("cpn-parcours");
  element.id = "third";
  element.setAttribute("lang", "en");
  document.body.append(element);
  return window.cpnRecord.errors;
})();
