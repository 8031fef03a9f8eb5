// Toggles the required step-1 criteria arguments[0] times and times each change, to the DOM and to the painted frame.
const done = arguments[arguments.length - 1];
(async () => {
  const root = document.querySelector("cpn-parcours").shadowRoot;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const required = [...root.querySelectorAll("fieldset.cpn-criterion")].filter((f) => !f.querySelector(".cpn-tag"));
  const dom = [], painted = [];
  for (let i = 0; i < arguments[0]; i++) {
    const fieldset = required[i % required.length];
    const value = Math.floor(i / required.length) % 2 === 0 ? "yes" : "no";
    const summary = root.querySelector(".cpn-summary");
    const before = summary.textContent;
    const started = performance.now();
    fieldset.querySelector(`input[value=${value}]`).click();
    for (let spins = 0; summary.textContent === before && spins < 1000; spins++) await Promise.resolve();
    dom.push(performance.now() - started);
    await frame();
    painted.push(performance.now() - started);
  }
  done({ dom, painted });
})().catch((error) => done(String(error)));
