// 200 removals and re-additions of #cycled: the instance counts, and wasm memory after cycles 100 and 200.
return (async () => {
  const glue = await $pageModule("/dist/parcours_widget.js");
  const slot = $host("#slot");
  const host = $host("#cycled");
  const memory = [];
  const counts = new Set();
  for (let cycle = 1; cycle <= 200; cycle++) {
    host.remove();
    await $tick();
    counts.add(`removed:${glue.live_instance_count()}`);
    slot.append(host);
    for (let wait = 0; wait < 100 && !$mounted("#cycled"); wait++) await $tick();
    // Some answers each time, so that every cycle builds real state.
    $in("#cycled", "input[name$='-persona'][value=moe]").click();
    counts.add(`mounted:${glue.live_instance_count()}`);
    if (cycle === 100 || cycle === 200) memory.push(glue.wasm_memory_bytes());
  }
  return { memory, counts: [...counts].sort(), roots: $all("#cycled", ".cpn-root").length };
})();
