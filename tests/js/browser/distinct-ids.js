// Whether the ids of #first and #second never collide, and that there are many.
const ids = (selector) => $all(selector, "[id]").map((element) => element.id);
const first = ids("#first"), second = ids("#second");
return { distinct: new Set([...first, ...second]).size === first.length + second.length, some: first.length > 50 };
