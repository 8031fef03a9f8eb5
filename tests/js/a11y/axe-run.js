// Runs axe-core on the whole document and resolves with its violations and incomplete items, in short.
// arguments: the WCAG tags to check, then WebDriver's callback.
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations", "incomplete", "passes"] })
  .then((results) => done({
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) })),
    incomplete: results.incomplete.map((v) => `${v.id} (${v.nodes.length})`),
    // Targets inside a shadow root are nested arrays: proof that axe looked inside the widget.
    shadowPasses: results.passes.reduce((count, rule) => count + rule.nodes.filter((n) => Array.isArray(n.target[0])).length, 0),
  }))
  .catch((error) => done({ error: String(error) }));
