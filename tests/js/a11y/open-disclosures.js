// Opens every disclosure of the widget, so that axe checks what they fold as a reader sees it: the
// glossary (the terms beside the viewed step's criteria and the whole glossary), each criterion's
// reason, the step's question, the folded rest of the result's lists and groups, and the team's form.
const disclosures = $all("#widget", "details");
const glossary = disclosures.filter((details) => details.matches(".cpn-terms"));
if (glossary.length < 2) throw new Error(`only ${glossary.length} glossary disclosures in the widget`);
if (!disclosures.some((details) => details.matches(".cpn-why-fold"))) throw new Error("no criterion's reason folded in the widget");
for (const details of disclosures) details.open = true;
