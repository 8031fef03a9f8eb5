// The language, theme and answers of #lenient, whose attributes are odd but understood.
const root = $in("#lenient", ".cpn-parcours");
return { lang: root.lang, theme: root.dataset.theme, checked: $all("#lenient", "input:checked").map((i) => i.value) };
