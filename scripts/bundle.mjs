// Bundles the widget's sources (www/qa-widget.js and www/widget/*) and the engine's JS
// (www/engine.js with wasm-bindgen's glue, pkg/qa-widget-engine.js, which `make pkg` writes
// first) into the package's entry, pkg/qa-widget.js: one file, so a page makes one request for
// its script, and the first question goes straight to the wasm and the index instead of first
// waiting for the engine's module (measured on MedQuAD: 17 -> 16 requests to the first answer).
// The engine alone goes into pkg/engine.js too, for `qa-widget/engine` (programs that have no
// widget).
// Usage: node scripts/bundle.mjs [entry outfile] [engine outfile]   (run by `make pkg`)
import { build, transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const outfile = process.argv[2] ?? `${top}pkg/qa-widget.js`;
const engineOutfile = process.argv[3] ?? `${top}pkg/engine.js`;

// The glue is generated into pkg/, not kept in www/.
const glueFromPkg = {
  name: 'glue-from-pkg',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\/qa-widget-engine\.js$/ }, () => ({ path: `${top}pkg/qa-widget-engine.js` }));
  },
};

// The widget's stylesheet is CSS in a template literal, which minifying the JS leaves as it
// is: minified as CSS it is this much smaller in the entry (gzip), with the same rules.
const minifiedStyles = {
  name: 'minified-styles',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]widget[\\/]styles\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const phone = source.match(/export const PHONE = '([^']*)';/)[1];
      const literal = source.match(/const CSS = `([^`]*)`;/);
      const css = literal[1].replaceAll('${PHONE}', phone);
      if (css.includes('${')) throw new Error('styles.js: the stylesheet holds an interpolation this plugin does not know');
      const { code } = await transform(css, { loader: 'css', minify: true });
      return { contents: source.replace(literal[0], `const CSS = ${JSON.stringify(code.trim())};`), loader: 'js' };
    });
  },
};

// esbuild keeps `new URL('./qa-widget-engine_bg.wasm', import.meta.url)` as it is: the wasm
// stays beside the entry, and Vite and webpack still find it and emit it as an asset.
await build({
  entryPoints: [`${top}www/qa-widget.js`],
  outfile,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [glueFromPkg, minifiedStyles],
});

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
