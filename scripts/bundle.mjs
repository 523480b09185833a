// Bundles the widget's sources (www/qa-widget.js and www/widget/*) into the package's entry,
// pkg/qa-widget.js: one file, so a page makes one request for it. The engine is left out and
// stays a literal `import('./engine.js')`, the file beside the entry, so that it loads only when
// first needed and bundlers (Vite, webpack) still split it into a chunk of its own.
// Then the engine (www/engine.js) with wasm-bindgen's glue (pkg/qa-widget-engine.js, which
// `make pkg` writes first) into pkg/engine.js: one request, not two one after the other, before
// the wasm can be asked for.
// Usage: node scripts/bundle.mjs [entry outfile] [engine outfile]   (run by `make pkg`)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const outfile = process.argv[2] ?? `${top}pkg/qa-widget.js`;
const engineOutfile = process.argv[3] ?? `${top}pkg/engine.js`;

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

// The glue is generated into pkg/, not kept in www/.
const glueFromPkg = {
  name: 'glue-from-pkg',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\/qa-widget-engine\.js$/ }, () => ({ path: `${top}pkg/qa-widget-engine.js` }));
  },
};

// Not minified: it is the package's readable engine module, and bundlers look for its literal
// `new URL('./qa-widget-engine_bg.wasm', import.meta.url)`.
await build({
  entryPoints: [`${top}www/engine.js`],
  outfile: engineOutfile,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [glueFromPkg],
});
