// The in-memory notice, the result and the errors of #widget when storage fails.
return {
  notices: $all("#widget", ".cpn-notices .cpn-notice").filter((n) => n.textContent.includes("restent en mémoire")).length,
  focus: !!$root("#widget").querySelector(".cpn-focus"),
  errors: window.cpnRecord.errors,
};
