// The element removed and re-added before and after the wasm loads, moved within a task, removed for good.
return (async () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const until = async (what, condition) => {
    for (let i = 0; i < 500; i++) { if (condition()) return; await tick(); }
    throw new Error(`gave up waiting for ${what}`);
  };
  const glue = await $pageModule("/dist/parcours_widget.js");
  const slot = $host("#slot");
  const element = document.createElement("cpn-parcours");
  element.id = "churn";
  // Connected, disconnected and reconnected before the wasm is even loaded.
  slot.append(element);
  element.remove();
  slot.append(element);
  await until("the first mount", () => $mounted("#churn"));
  const rootCounts = [];
  for (let i = 0; i < 20; i++) {
    element.remove();
    await tick();
    slot.append(element);
    await until(`mount ${i}`, () => $mounted("#churn"));
    rootCounts.push(element.shadowRoot.querySelectorAll(".cpn-root").length);
  }
  // A move within one task keeps the instance and the reader's choice.
  element.shadowRoot.querySelector("input[value=moe]").click();
  document.body.append(element);
  slot.append(element);
  await tick();
  const keptChoice = element.shadowRoot.querySelector("input:checked")?.value ?? null;
  const liveWhileConnected = glue.live_instance_count();
  element.remove();
  await tick();
  const rootsAfterRemoval = element.shadowRoot.querySelectorAll(".cpn-root").length;
  const liveAfterRemoval = glue.live_instance_count();
  // Re-adding after a full removal mounts a fresh instance, which resumes from storage.
  slot.append(element);
  await until("the mount after removal", () => $mounted("#churn"));
  return {
    rootCounts: [...new Set(rootCounts)],
    keptChoice,
    liveWhileConnected,
    rootsAfterRemoval,
    liveAfterRemoval,
    rootsAfterReAdding: element.shadowRoot.querySelectorAll(".cpn-root").length,
    checkedAfterReAdding: [...element.shadowRoot.querySelectorAll("input:checked")].map((i) => i.value),
    liveAfterReAdding: glue.live_instance_count(),
    errors: window.cpnRecord.errors,
  };
})();
