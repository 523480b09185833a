// The package's custom-elements manifest (https://github.com/webcomponents/custom-elements-manifest),
// made from the widget's sources by @custom-elements-manifest/analyzer: the element's attributes,
// properties, methods, events, parts and CSS custom properties, as its JSDoc and code declare them.
// The sources are bundled into one entry (scripts/bundle.mjs), so the manifest describes the
// package as published: what the entry exports, declared in `qa-widget.js`, and the translations.
// Usage: node scripts/manifest.mjs [outfile]   (run by `make pkg`; default pkg/custom-elements.json)
import { create, ts } from '@custom-elements-manifest/analyzer';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const www = fileURLToPath(new URL('../www/', import.meta.url));
const ENTRY = 'qa-widget.js';

/** The widget's sources, as paths relative to www/ (the package's layout for the entry). */
function sources() {
  const folder = (name) => readdirSync(`${www}${name}`).filter((f) => f.endsWith('.js')).sort().map((f) => `${name}/${f}`);
  return [ENTRY, ...folder('widget'), ...folder('translations')];
}

/** Drops what the manifest must not publish: private members (`#…`) and internal helpers. */
function publicOnly(declaration) {
  const members = declaration.members?.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
  return members ? { ...declaration, members } : declaration;
}

export function makeManifest() {
  const modules = sources().map((path) => ts.createSourceFile(path, readFileSync(`${www}${path}`, 'utf8'), ts.ScriptTarget.ES2022, true));
  const analysed = create({ modules });
  const byPath = new Map(analysed.modules.map((m) => [m.path, m]));
  // The analyzer names the module of an imported-then-exported name inconsistently ("x.js",
  // "./x.js", "/x.js", or the importing module): find each name where it is declared.
  const declarationOf = ({ name }) => {
    const found = analysed.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.name === name);
    if (found.length !== 1) throw new Error(`manifest: ${found.length} declarations of ${name} in the widget's sources`);
    return found[0];
  };
  const entry = byPath.get(ENTRY);
  const declarations = entry.exports.filter((e) => e.kind === 'js').map((e) => publicOnly(declarationOf(e.declaration)));
  // Both classes extend the platform's: the element HTMLElement (through a stand-in where
  // there is none, as in Node), the error Error.
  declarations.find((d) => d.customElement).superclass = { name: 'HTMLElement', package: 'global:' };
  const error = declarations.find((d) => d.name === 'QaWidgetError');
  error.superclass = { name: 'Error', package: 'global:' };
  // The analyzer reads `this.code = code` in the constructor as a default value "code".
  delete error.members.find((m) => m.name === 'code').default;
  const here = (e) => ({ ...e, declaration: { name: e.declaration.name, module: ENTRY } });
  // A translation's value is its whole table: the manifest names it and leaves the texts to the file.
  const translations = [...byPath.values()].filter((m) => m.path.startsWith('translations/'))
    .map((m) => ({ ...m, declarations: m.declarations.map(({ default: _value, ...variable }) => variable) }));
  return {
    schemaVersion: analysed.schemaVersion,
    readme: 'README.md',
    modules: [
      { kind: 'javascript-module', path: ENTRY, declarations, exports: entry.exports.map(here) },
      ...translations,
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outfile = process.argv[2] ?? fileURLToPath(new URL('../pkg/custom-elements.json', import.meta.url));
  writeFileSync(outfile, `${JSON.stringify(makeManifest(), null, 2)}\n`);
}
