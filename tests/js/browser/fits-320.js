// Overflow and padding of #first at its width, then squeezed to 320 px.
return (async () => {
  const host = $host("#first");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const measure = () => {
    const box = $in("#first", ".cpn-parcours");
    const right = host.getBoundingClientRect().right;
    return {
      overflow: box.scrollWidth - box.clientWidth,
      beyondHost: Math.max(0, ...$all("#first", "*").map((element) => element.getBoundingClientRect().right - right)),
      padding: $style(box, "padding-left"),
    };
  };
  const wide = measure();
  host.style.width = "320px";
  await frame();
  return { wide, narrow: measure() };
})();
