// Makes the test build of the widget panic and returns what the call threw.
return $pageModule("/dist-panic/parcours_widget.js").then((glue) => {
  try { glue.debug_panic(); return "returned"; } catch (error) { return String(error); }
});
