// Resolves with performance.now() at the first frame after the condition arguments[0] holds, measured from navigation start.
const [ready, done] = [new Function("return " + arguments[0]), arguments[arguments.length - 1]];
(function poll() {
  if (ready()) { requestAnimationFrame(() => done(performance.now())); } else { setTimeout(poll, 1); }
})();
