// Clicks the button of #widget whose label starts with arguments[0] and returns the blob it made,
// caught before the browser saves it. The documents module writes the file, and is fetched on the
// first download, so the blob comes a little after the click.
return (async () => {
  const original = URL.createObjectURL;
  let captured = null;
  URL.createObjectURL = (blob) => { captured = blob; return original.call(URL, blob); };
  try {
    const download = $all("#widget", ".cpn-actions .cpn-button").find((b) => b.textContent.startsWith(arguments[0]));
    if (!download) throw new Error(`no button starts with ${arguments[0]}`);
    download.click();
    for (let wait = 0; wait < 200 && captured === null; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    URL.createObjectURL = original;
  }
  return captured && { type: captured.type, text: await captured.text() };
})();
