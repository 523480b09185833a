// The side-by-side table `make bench` prints, one block per corpus.

export function printTables(results) {
  const load = results.machine.loadAverage;
  console.log(`bench: ${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}, Chromium ${results.machine.chromium}, loopback`);
  if (load) console.log(`load average (1 min) at start ${load.start.toFixed(1)}, at end ${load.end.toFixed(1)}: timings on a shared machine vary with it`);
  for (const corpus of results.corpora) {
    console.log(`\n${corpus.description}`);
    console.log(`${corpus.questions} questions; first answer in a fresh browser context for each; bytes as transferred (gzip -9 where smaller)`);
    const rows = [[
      'system', 'bytes to 1st answer', 'requests', '1st answer', 'warm, new question', 'warm, repeated', 'nDCG@10', 'no result',
    ], [
      '', 'median (p90)', 'median', 'median (p90)', 'median / p95', 'median / p95', '(judged@10)', 'cold / warm',
    ]];
    for (const s of corpus.systems) {
      const c = s.cold;
      const w = s.warm;
      rows.push([
        `${s.name} ${s.version}`,
        c.errors === c.contexts ? 'error' : `${size(c.bytes.median)} (${size(c.bytes.p90)})`,
        c.errors === c.contexts ? '–' : String(c.requests.median),
        c.errors === c.contexts ? '–' : `${ms(c.ms.median)} (${ms(c.ms.p90)})`,
        w.error ? 'error' : `${ms(w.newMs.median)} / ${ms(w.newMs.p95)}`,
        w.error ? 'error' : `${ms(w.repeatMs.median)} / ${ms(w.repeatMs.p95)}`,
        s.quality ? `${s.quality.ndcg10.toFixed(4)} (${s.quality.judged10.toFixed(3)})` : '–',
        `${c.empty + c.errors} / ${w.error ? '–' : w.empty}`,
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
    for (const s of corpus.systems) {
      const k = s.cold.bytes?.medianByKind;
      const parts = k ? `page ${size(k.page)}, scripts ${size(k.scripts)}, wasm ${size(k.wasm)}, index data ${size(k.index)}` : '';
      const files = s.build.indexFiles ? `; index as built: ${s.build.indexFiles.count} file(s), ${size(s.build.indexFiles.bytes)} on disk, built in ${(s.build.indexBuildMs / 1000).toFixed(1)} s` : '';
      const answered = s.cold.answered != null ? `; answered ${s.cold.answered} of ${s.cold.contexts}` : '';
      const warmNet = s.warm.error ? '' : `; warm: ${s.warm.requestsPerNewQuestion.toFixed(1)} requests, ${size(s.warm.bytesPerNewQuestion)} per new question`;
      console.log(`  ${s.name}: ${parts}${files}${answered}${warmNet}`);
      for (const problem of s.problems.slice(0, 3)) console.log(`    problem: ${problem}`);
    }
  }
}

/** What each system was run with and what it gives back, once, under the tables. */
export function printSystems(results) {
  const seen = new Map();
  for (const corpus of results.corpora) for (const s of corpus.systems) seen.set(s.name, s);
  console.log('\nsettings (each system\'s defaults) and what a result carries:');
  for (const s of seen.values()) console.log(`  ${s.name} ${s.version}: ${s.defaults}. Returns ${s.returns}.`);
}

function size(bytes) {
  if (bytes == null) return '–';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function ms(value) {
  if (value == null) return '–';
  if (value < 1) return `${(value * 1000).toFixed(0)} µs`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(0)} ms`;
}
