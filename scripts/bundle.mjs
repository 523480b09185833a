// Bundles the widget's sources (www/qa-widget.js and www/widget/*) into the package's entry,
// pkg/qa-widget.js: one file, so a page makes one request for it. The engine is left out and
// stays a literal `import('./engine.js')`, the file beside the entry, so that it loads only when
// first needed and bundlers (Vite, webpack) still split it into a chunk of its own.
// Usage: node scripts/bundle.mjs [outfile]   (run by `make pkg`)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const outfile = process.argv[2] ?? `${top}pkg/qa-widget.js`;

// esbuild rewrites a relative external path from the source's folder to the output's; the
// engine sits beside the entry in both, so name it from there.
const engineBesideEntry = {
  name: 'engine-beside-entry',
  setup(bundler) {
    bundler.onResolve({ filter: /(^|\/)engine\.js$/ }, () => ({ path: './engine.js', external: true }));
  },
};

await build({
  entryPoints: [`${top}www/qa-widget.js`],
  outfile,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [engineBesideEntry],
});
