// 300 rounds of hostile values in every attribute of #stress, then sane ones: what the widget shows.
return (async () => {
  const attributes = ["lang", "persona", "content", "storage", "heading-level", "theme"];
  const host = $host("#stress");
  let seed = 12345;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const unicode = (length) => {
    let text = "";
    for (let i = 0; i < length; i++) {
      // Any code unit, lone surrogates and controls included.
      text += String.fromCharCode(Math.floor(random() * 65536));
    }
    return text;
  };
  const huge = "x".repeat(1 << 20);
  const hostile = () => {
    const pick = random();
    if (pick < 0.05) return huge;
    if (pick < 0.15) return "";
    if (pick < 0.25) return "<img src=x onerror=alert(1)>";
    if (pick < 0.3) return "javascript:alert(1)";
    if (pick < 0.35) return ["fr", "en", "tech", "3", "dark", "none", "local"][Math.floor(random() * 7)];
    return unicode(1 + Math.floor(random() * 64));
  };
  for (let round = 0; round < 300; round++) {
    for (const name of attributes) {
      if (random() < 0.1) host.removeAttribute(name); else host.setAttribute(name, hostile());
    }
    if (round % 25 === 0) await $tick();
  }
  // Back to sane values: the widget must answer as if nothing happened.
  for (const name of attributes) host.removeAttribute(name);
  host.setAttribute("lang", "en");
  await $tick();
  await $tick();
  const glue = await $pageModule("/dist/parcours_widget.js");
  return {
    title: $in("#stress", "h2").textContent,
    roots: $all("#stress", ".cpn-root").length,
    live: glue.live_instance_count(),
    errors: window.cpnRecord.errors,
    longestWarning: Math.max(...window.cpnRecord.warnings.map((w) => w.length)),
    alerts: document.querySelectorAll("img").length,
  };
})();
