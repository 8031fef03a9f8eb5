// Clicks the button of #widget whose label starts with arguments[0] and returns the blob it made,
// caught before the browser saves it.
return (async () => {
  const original = URL.createObjectURL;
  let captured = null;
  URL.createObjectURL = (blob) => { captured = blob; return original.call(URL, blob); };
  const download = $all("#widget", ".cpn-actions .cpn-button").find((b) => b.textContent.startsWith(arguments[0]));
  if (!download) throw new Error(`no button starts with ${arguments[0]}`);
  download.click();
  URL.createObjectURL = original;
  return captured && { type: captured.type, text: await captured.text() };
})();
