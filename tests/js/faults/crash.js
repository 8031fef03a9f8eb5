// The crash message of both widgets after the panic, and whether the dead wasm reaches the host page.
const crash = (id) => {
  const box = $root(id).querySelector(".cpn-crash");
  return box && {
    role: box.getAttribute("role"),
    message: box.querySelector(".cpn-crash__message").textContent,
    button: box.querySelector("button.cpn-crash__reload").textContent,
  };
};
const shown = { fr: crash("#fr"), en: crash("#en"), summaries: $all("#fr", ".cpn-summary").length };
// The dead wasm traps on every call; the host page must not see it.
let hostThrew = false;
try { $host("#fr").setAttribute("lang", "en"); $host("#en").remove(); } catch (error) { hostThrew = String(error); }
return {
  ...shown,
  hostThrew,
  // `panic = "immediate-abort"`: no panic message, only the trap, which the loader names.
  logged: window.cpnRecord.errors.some((e) => e.includes("internal error") && e.includes("unreachable")),
};
