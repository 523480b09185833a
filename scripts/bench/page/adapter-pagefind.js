// Pagefind through its JS API (pagefind.js; it runs its wasm in a web worker), default
// options. A result is a page; showing it needs its fragment (`data()`, one request per
// page), which holds the excerpt and the sub-results: one per heading with an id, which
// here is a section id. Sections of a page are ranked as Pagefind's own UI picks the
// sub-results it shows: by how many matched words they hold.
const pagefind = await import('./pagefind/pagefind.js');

/** The page's sections, best first; a page matched only above its first heading gives its first section. */
function sections(data) {
  const anchored = data.sub_results.filter((s) => s.anchor?.id);
  if (anchored.length) return [...anchored].sort((a, b) => b.locations.length - a.locations.length);
  const first = [...(data.anchors ?? [])].filter((a) => a.id).sort((a, b) => a.location - b.location)[0];
  return [{ anchor: first, title: first?.text, excerpt: data.excerpt }];
}

const strip = (html) => String(html ?? '').replace(/<[^>]*>/g, '');

async function top(question, n) {
  const search = await pagefind.search(question);
  const pages = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
  return pages.map((data) => {
    const best = sections(data)[0];
    return { id: best.anchor?.id ?? data.url, title: data.meta.title, heading: best.title, excerpt: strip(best.excerpt) };
  });
}

const adapter = {
  first: top,
  search: top,
  async rank(question, depth) {
    const search = await pagefind.search(question);
    const ids = [];
    for (const result of search.results) {
      if (ids.length >= depth) break;
      for (const section of sections(await result.data())) if (section.anchor?.id) ids.push(section.anchor.id);
    }
    return ids;
  },
};
