// Whether pack texts with markup were rendered as text, in #html-text and every other widget.
const root = $root("#html-text");
const text = [...root.querySelectorAll(".cpn-root")].map((r) => r.textContent).join(" ");
return {
  markup: $markup("#html-text"),
  everywhere: [...document.querySelectorAll("cpn-parcours")].map((h) => h.shadowRoot.querySelectorAll("script, b, img").length),
  literalScript: text.includes("<script>"),
  literalBold: text.includes("<b>1</b>"),
  literalLink: text.includes('<a href="javascript:alert(1)">'),
  errors: $all("#html-text", ".cpn-notice--error").length,
  unsafeLinks: $unsafeLinks(),
  title: document.title,
  // The author sees the checker's warnings in the console, as `parcours check` prints them.
  markupWarnings: window.cpnRecord.warnings.filter((w) => w.includes("html-text.json") && w.includes("looks like html markup")).length,
};
