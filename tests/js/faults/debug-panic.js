// Makes the test build of the widget panic in a timer callback (see `debug_panic` in widget/src/lib.rs)
// and returns what the call itself did: it returns, and the trap comes later, with no caller to catch it.
return $pageModule("/dist-panic/parcours_widget.js").then((glue) => {
  try { glue.debug_panic(); return "returned"; } catch (error) { return String(error); }
});
