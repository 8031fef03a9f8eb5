// The language, theme and answers of #bad, whose attributes are all wrong.
const root = $in("#bad", ".cpn-parcours");
return { lang: root.lang, theme: root.dataset.theme, checked: $all("#bad", "input:checked").length };
