// The error notice and the first step of #widget when the checker cannot load.
return {
  notice: $in("#widget", ".cpn-notices .cpn-notice--error").textContent,
  firstStep: $all("#widget", ".cpn-step__title")[0].textContent,
};
