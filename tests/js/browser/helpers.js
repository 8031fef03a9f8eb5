// The browser scenarios' own helpers, run after tests/js/prelude.js.

// Chooses a persona and a profile, then answers each stage's questions in order (null skips one).
const $journey = async (selector, persona, profile, stages) => {
  $in(selector, `input[name$='-persona'][value=${persona}]`).click();
  for (const [question, option] of Object.entries(profile)) {
    $in(selector, `input[name$='-profile-${question}'][value=${option}]`).click();
  }
  for (let i = 0; i < stages.length; i++) {
    $all(selector, ".cpn-step")[i].click();
    await $frame();
    await $laterTexts(selector);
    const fieldsets = $all(selector, "fieldset.cpn-criterion");
    if (fieldsets.length !== stages[i].length) {
      throw new Error(`stage ${i + 1} shows ${fieldsets.length} questions, the core has ${stages[i].length}`);
    }
    stages[i].forEach((answer, k) => { if (answer) fieldsets[k].querySelector(`input[value=${answer}]`).click(); });
  }
  await $frame();
};
// What the result shows, in numbers and sentences, to compare with the core's assessment.
const $result = (selector) => ({
  summary: $in(selector, ".cpn-summary").textContent,
  blocking: $all(selector, ".cpn-blocking > li").length,
  followUps: $all(selector, ".cpn-follow-ups > li").length,
  personaResources: $all(selector, ".cpn-resources--persona > li").length,
  programmeResources: $all(selector, ".cpn-resources--programme > li").length,
  offer: $in(selector, ".cpn-offer").textContent,
  checked: $all(selector, "input:checked").length,
  // Every step at a glance: the meter's value and maximum, and the same figures as text.
  meters: $all(selector, ".cpn-meter").map((item) => {
    const meter = item.querySelector("meter");
    return [meter && meter.value, meter && meter.max, item.querySelector(".cpn-meter__figures").textContent];
  }),
});
