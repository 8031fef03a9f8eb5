// The control of the focus check: a stylesheet that removes the focus outline inside the widget.
const sheet = new CSSStyleSheet();
sheet.replaceSync(":focus-visible { outline: none !important; }");
const root = $root("cpn-parcours");
root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
return true;
