// What a widget of the faults page shows once its pack was refused. arguments: the widget selector.
const id = arguments[0];
return {
  notice: $in(id, ".cpn-notices .cpn-notice--error").textContent,
  firstStep: $all(id, ".cpn-step__title")[0].textContent,
  loading: $loading($host(id)),
  unsafeLinks: $unsafeLinks(),
  markup: $markup(id),
};
