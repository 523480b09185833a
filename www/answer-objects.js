// The objects of an answer, made on the JavaScript side of the engine's boundary: the wasm
// hands each result over in one call, its texts as they are and its highlights as one flat
// view of its memory (valid only during the call, so copied here). Made in wasm property by
// property, an answer cost some sixty calls across the boundary, a fifth of a question's
// time on the demo corpus. The shape is `qa-widget ask --json`'s (tests/js/node-parity).

/** `{rank, score, passage, excerpt, highlights: [[start, end], …], source}`. */
export function resultObject(rank, score, passage, excerpt, highlights, doc, title, section, sectionId, url) {
  const pairs = [];
  for (let i = 0; i + 1 < highlights.length; i += 2) pairs.push([highlights[i], highlights[i + 1]]);
  return {
    rank,
    score,
    passage,
    excerpt,
    highlights: pairs,
    source: { doc, title, section: section ?? null, section_id: sectionId ?? null, url: url ?? null },
  };
}

/** `{question, answered, results}`. */
export function answerObject(question, answered, results) {
  return { question, answered, results };
}
