// What the page beside a copy of dist/ shows and logged: each widget mounted or failed, the console
// errors and CSP violations that www/fixtures/record.js saw, and which modified glue files ran.
const widget = (selector) => ({ mounted: $mounted(selector), failure: $failure(selector), firstStep: $firstStep(selector) });
return {
  plain: widget("#plain"),
  custom: widget("#custom"),
  errors: window.cpnRecord.errors,
  violations: window.cpnRecord.violations,
  ran: (globalThis.cpnModifiedRan ?? []).sort(),
};
