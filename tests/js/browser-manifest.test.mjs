// The custom-elements manifest (pkg/custom-elements.json, made from the sources by `make pkg`)
// against the element as it runs in Chromium: every attribute, property, method, event, part
// and CSS custom property of the one is in the other, and the other way round. Then the
// TypeScript declarations against the manifest, and every error code against the README.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts } from '@custom-elements-manifest/analyzer';
import { LAUNCHER, ROOT, assertClean, buildIndex, launch, openPage, serveSite, stageSite, widget } from './support/browser.mjs';

const manifest = JSON.parse(await readFile(join(ROOT, 'pkg/custom-elements.json'), 'utf8'));
const entry = manifest.modules.find((m) => m.path === 'qa-widget.js');
const element = entry?.declarations.find((d) => d.customElement);
const sorted = (names) => [...names].sort();

// Pages whose sources have URLs, for the source links.
const LINKED = [
  { id: 'parking', title: 'Visiting the clinic', url: 'https://example.org/visiting', sections: [
    { heading: 'Parking', text: 'Parking is free for patients in the clinic car park on Mill Race Lane.' },
    { heading: 'Buses', text: 'The number 12 bus stops outside the clinic every ten minutes.' },
  ] },
];

let browser;
let site;
let staged;
let scratch;

before(async () => {
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'qa-widget-manifest-'));
  await writeFile(join(scratch, 'linked.jsonl'), LINKED.map((r) => JSON.stringify(r)).join('\n'));
  staged = await stageSite({}, { whole: true });
  buildIndex([join(scratch, 'linked.jsonl')], join(staged.dir, 'linked.idx'));
  site = await serveSite(staged.dir);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await staged?.remove();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('the manifest declares the element, its tag and what the entry exports', async () => {
  assert.equal(manifest.schemaVersion, '1.0.0');
  assert.equal(element?.name, 'QaWidgetElement');
  assert.equal(element.tagName, 'qa-widget');
  assert.deepEqual(element.superclass, { name: 'HTMLElement', package: 'global:' });
  assert.deepEqual(entry.exports.find((e) => e.kind === 'custom-element-definition'),
    { kind: 'custom-element-definition', name: 'qa-widget', declaration: { name: 'QaWidgetElement', module: 'qa-widget.js' } });
  const exported = await import(pathToFileURL(join(ROOT, 'pkg/qa-widget.js')).href);
  assert.deepEqual(sorted(entry.exports.filter((e) => e.kind === 'js').map((e) => e.name)), sorted(Object.keys(exported)));
  assert.deepEqual(sorted(entry.declarations.map((d) => d.name)), sorted(Object.keys(exported)), 'each export is declared in the entry');
  // Nothing private leaks into the published description.
  const names = JSON.stringify(manifest).match(/"name": ?"#[^"]*"/g);
  assert.equal(names, null, 'no private member');
  // The package points tools at it, and ships it.
  const pkg = JSON.parse(await readFile(join(ROOT, 'pkg/package.json'), 'utf8'));
  assert.equal(pkg.customElements, './custom-elements.json');
  assert.ok(pkg.files.includes('custom-elements.json'));
  // Each translation module is described.
  const translations = (await readdir(join(ROOT, 'pkg/translations'))).map((f) => `translations/${f}`);
  assert.deepEqual(sorted(manifest.modules.filter((m) => m.path.startsWith('translations/')).map((m) => m.path)), sorted(translations));
});

test('the manifest and the running element agree: attributes, properties, methods, events, parts, CSS properties', async () => {
  const { page, problems, close } = await openPage(browser);
  // Every event any widget dispatches, from the first moment of the page.
  await page.addInitScript(() => {
    window.__events = [];
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (event) {
      if (this.localName === 'qa-widget') window.__events.push({ type: event.type, detail: Object.keys(event.detail ?? {}).sort() });
      return dispatch.call(this, event);
    };
  });
  await page.goto(site.url);

  // Attributes, properties and methods, as the class defines them.
  const runtime = await page.evaluate(() => {
    const Element = customElements.get('qa-widget');
    const describe = (target, skip) => Object.getOwnPropertyNames(target).filter((n) => !skip.includes(n)).map((name) => {
      const d = Object.getOwnPropertyDescriptor(target, name);
      return `${typeof d.value === 'function' ? 'method' : d.set ? 'field' : 'readonly'} ${name}`;
    }).sort();
    return {
      attributes: [...Element.observedAttributes].sort(),
      members: describe(Element.prototype, ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback']),
      statics: describe(Element, ['length', 'name', 'prototype', 'observedAttributes']),
    };
  });
  assert.deepEqual(sorted(element.attributes.map((a) => a.name)), runtime.attributes, 'attributes');
  const described = (members) => members.map((m) => `${m.kind} ${m.name}`).sort();
  assert.deepEqual(described(element.members.filter((m) => !m.static)), runtime.members, 'properties and methods');
  assert.deepEqual(described(element.members.filter((m) => m.static)), runtime.statics, 'static members');

  // Each attribute that names a property reflects both ways.
  const linked = element.attributes.filter((a) => a.fieldName).map((a) => ({ attribute: a.name, field: a.fieldName, type: element.members.find((m) => m.name === a.fieldName).type.text }));
  assert.deepEqual(sorted(linked.map((l) => l.attribute)), sorted(runtime.attributes.filter((a) => a !== 'lang')), 'every attribute but the global lang has its property');
  const reflection = await page.evaluate((links) => {
    const el = document.createElement('qa-widget');
    const samples = { 'string | null': ['from-attribute', 'from-property'], number: ['3', 5], boolean: ['', true], "'launcher' | 'inline'": ['inline', 'launcher'] };
    return links.map(({ attribute, field, type }) => {
      const [attributeValue, propertyValue] = samples[type];
      el.setAttribute(attribute, attributeValue);
      const read = el[field];
      el[field] = propertyValue;
      return { attribute, type, read, written: el.getAttribute(attribute) };
    });
  }, linked);
  for (const { attribute, type, read, written } of reflection) {
    const expected = { 'string | null': ['from-attribute', 'from-property'], number: [3, '5'], boolean: [true, ''], "'launcher' | 'inline'": ['inline', 'launcher'] }[type];
    assert.deepEqual([read, written], expected, `${attribute} (${type}) reflects`);
  }

  // Events, parts and custom properties: show every state the widget has. The launcher: an
  // answer with more, a question the pages don't cover; inline: a source link; a failing one.
  const w = widget(page, LAUNCHER);
  await w.launcher.click();
  await w.suggestion.first().waitFor({ state: 'visible' });
  const parts = new Set(await collectParts(page));
  await w.input.fill('Is stem cell therapy approved by the FDA?');
  await w.input.press('Enter');
  await w.answers(1);
  await w.input.fill('What are your opening hours?');
  await w.input.press('Enter');
  await w.answers(2);
  await page.evaluate(() => {
    const main = document.querySelector('main');
    main.insertAdjacentHTML('afterbegin', '<qa-widget id="linked" mode="inline" index="linked.idx"></qa-widget><qa-widget id="broken" mode="inline" index="no-such.idx" contact="Call us."></qa-widget>');
  });
  const linkedWidget = widget(page, '#linked');
  await linkedWidget.input.fill('Is parking free?');
  await linkedWidget.input.press('Enter');
  await linkedWidget.answers(1);
  assert.equal(await linkedWidget.part('source-link').getAttribute('href'), 'https://example.org/visiting');
  await widget(page, '#broken').input.focus();
  await widget(page, '#broken').part('error').waitFor({ state: 'visible' });
  await w.part('close').click();
  for (const name of await collectParts(page)) parts.add(name);
  assert.deepEqual(sorted(element.cssParts.map((p) => p.name)), sorted(parts), 'parts');

  const events = await page.evaluate(() => window.__events);
  const declared = Object.fromEntries(element.events.map((e) => [e.name, sorted(e.type.text.match(/\{(.*)\}/)[1].split(',').map((f) => f.split(':')[0].trim()))]));
  assert.deepEqual(sorted(new Set(events.map((e) => e.type))), sorted(Object.keys(declared)), 'events');
  for (const { type, detail } of events) assert.deepEqual(detail, declared[type], `the detail of ${type}`);

  const custom = await page.evaluate((selector) => {
    const [sheet] = document.querySelector(selector).shadowRoot.adoptedStyleSheets;
    const text = [...sheet.cssRules].map((r) => r.cssText).join('\n');
    return [...new Set(text.match(/--qa-[a-z-]+/g))];
  }, LAUNCHER);
  assert.deepEqual(sorted(element.cssProperties.map((p) => p.name)), sorted(custom), 'CSS custom properties');

  // Every item of the manifest says what it is for.
  for (const kind of ['attributes', 'members', 'events', 'cssParts', 'cssProperties']) {
    for (const item of element[kind]) assert.ok(item.description?.trim() || (kind === 'attributes' && item.fieldName), `${kind} ${item.name} has a description`);
  }
  assert.ok(problems.every((p) => p.includes('no-such.idx') || p.includes('404')), `only the missing index fails: ${problems}`);
  await close();
});

/** Every `part` name in the shadow roots of the page's widgets. */
function collectParts(page) {
  return page.evaluate(() => [...document.querySelectorAll('qa-widget')]
    .flatMap((el) => [...el.shadowRoot.querySelectorAll('[part]')])
    .flatMap((node) => node.getAttribute('part').split(/\s+/)));
}

/** The declarations of qa-widget.d.ts, read by TypeScript's parser. */
async function declarations() {
  const file = join(ROOT, 'www/types/qa-widget.d.ts');
  const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const text = (node) => node?.getText(source).replace(/\s+/g, ' ');
  const isStatic = (node) => !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  const statements = source.statements;
  const named = (kind, name) => statements.find((s) => s.kind === kind && s.name?.text === name);
  const signature = (node) => ({
    parameters: node.parameters.map((p) => `${p.name.getText(source)}${p.questionToken ? '?' : ''}: ${text(p.type)}`),
    returns: text(node.type),
  });
  return { statements, named, text, isStatic, signature };
}

test('the TypeScript declarations match the manifest', async () => {
  const { statements, named, text, isStatic, signature } = await declarations();
  const exported = statements
    .filter((s) => (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
    .map((s) => s.name.text);
  assert.deepEqual(sorted(new Set(exported)), sorted(entry.exports.filter((e) => e.kind === 'js').map((e) => e.name)), 'the same exports');

  // The element's members: name, static or not, the type of a property, a method's signature.
  const declaredClass = named(ts.SyntaxKind.ClassDeclaration, 'QaWidgetElement');
  const typingOnly = ['observedAttributes', 'addEventListener', 'removeEventListener']; // the platform's, typed for the events
  const fromTypes = declaredClass.members.filter((m) => !typingOnly.includes(m.name?.text)).map((m) => ts.isMethodDeclaration(m)
    ? { kind: 'method', name: m.name.text, static: isStatic(m), ...signature(m) }
    : { kind: 'field', name: m.name.text, static: isStatic(m), type: text(m.type) });
  const fromManifest = element.members.map((m) => m.kind === 'method'
    ? { kind: 'method', name: m.name, static: !!m.static, parameters: (m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type.text}`), returns: m.return.type.text }
    : { kind: 'field', name: m.name, static: !!m.static, type: m.type.text });
  const byName = (list) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(byName(fromTypes), byName(fromManifest));

  // The other exports' signatures.
  for (const name of ['initWasm', 'load', 'registerStrings']) {
    const declared = entry.declarations.find((d) => d.name === name);
    assert.deepEqual(signature(named(ts.SyntaxKind.FunctionDeclaration, name)), {
      parameters: declared.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type.text}`),
      returns: declared.return.type.text,
    }, name);
  }

  // The events' map, and the strings: the English table's keys, every one translated.
  const eventMap = named(ts.SyntaxKind.InterfaceDeclaration, 'QaWidgetEventMap').members.map((m) => m.name.text);
  assert.deepEqual(sorted(eventMap), sorted(element.events.map((e) => e.name)), 'events');
  const stringKeys = named(ts.SyntaxKind.InterfaceDeclaration, 'QaWidgetStrings').members.map((m) => m.name.text);
  const { ENGLISH } = await import(pathToFileURL(join(ROOT, 'www/widget/strings.js')).href);
  assert.deepEqual(sorted(stringKeys), sorted(Object.keys(ENGLISH)), 'QaWidgetStrings has the keys of the English table');
  // As shipped: a translation imports the entry beside it, which in pkg/ has the engine's glue.
  for (const file of await readdir(join(ROOT, 'www/translations'))) {
    const { default: table } = await import(pathToFileURL(join(ROOT, 'pkg/translations', file)).href);
    assert.deepEqual(sorted(Object.keys(table)), sorted(Object.keys(ENGLISH)), `${file} translates every string`);
    for (const [key, value] of Object.entries(table)) assert.notEqual(value, ENGLISH[key], `${file}: ${key} is translated`);
  }
});

test('every error code the JavaScript and the wasm raise is in the types and in the README', async () => {
  const { named } = await declarations();
  const union = named(ts.SyntaxKind.TypeAliasDeclaration, 'QaWidgetErrorCode').type.types.map((t) => t.literal.text);
  // Codes where errors are made: the element's modules, engine.js, and the wasm bindings.
  const raised = new Set();
  const scan = (source, pattern) => { for (const [, code] of source.matchAll(pattern)) raised.add(code); };
  for (const file of await readdir(join(ROOT, 'www/widget'))) {
    // The code is the first argument, or the second after the error being wrapped.
    scan(await readFile(join(ROOT, 'www/widget', file), 'utf8'), /(?:new QaWidgetError|asQaWidgetError)\((?:[\w.?]+,\s*)?'([a-z-]+)'/g);
  }
  scan(await readFile(join(ROOT, 'www/engine.js'), 'utf8'), /coded\(.*, '([a-z-]+)'\)/g);
  // `Variant => "code",` and `with_code(…, "code")`.
  scan(await readFile(join(ROOT, 'src/wasm/error.rs'), 'utf8'), /(?:=>|,)\s*"([a-z]+(?:-[a-z]+)*)"/g);
  assert.ok(raised.size >= 15, `the scan found the codes: ${[...raised]}`);
  for (const code of raised) assert.ok(union.includes(code), `${code} is in QaWidgetErrorCode`);
  // The README lists each code with when it happens and what the visitor sees.
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Limits and errors'));
  assert.ok(section, 'the README has a "Limits and errors" section');
  const documented = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(sorted(documented.filter((c) => union.includes(c))), sorted(union), 'every code of the types is documented');
});
