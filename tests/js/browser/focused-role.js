// The focused element inside #widget and its outline.
const active = $root("#widget").activeElement;
return active && {
  value: active.value,
  outlineStyle: $style(active, "outline-style"),
  outlineWidth: $style(active, "outline-width"),
  outlineOffset: $style(active, "outline-offset"),
};
