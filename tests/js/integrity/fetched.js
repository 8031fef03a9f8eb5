// The preloads the loader created, and every file of dist/ the page fetched: each once, since
// `import()` takes the checked module from its preload instead of fetching it again unchecked.
return {
  preloads: [...document.querySelectorAll("link[rel=modulepreload]")]
    .map((link) => [new URL(link.href).pathname.split("/").pop(), link.integrity.startsWith("sha384-")]),
  fetched: performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname.split("/").pop())
    .filter((name) => name.startsWith("parcours")).sort(),
  pinned: document.querySelector("script[type=module]").integrity.startsWith("sha384-"),
};
