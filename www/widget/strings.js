// The visitor-facing text, by language. English is built in and fills any string a
// translation leaves out; other languages are registered by the site or by a translation
// module (translations/fr.js), so a page pays only for the languages it uses.

import { QaWidgetError } from './errors.js';

/** The built-in English strings: every key a translation can give. */
export const ENGLISH = Object.freeze({
  heading: 'Ask a question',
  label: 'Ask a question',
  greeting: 'Ask in your own words. Answers are quoted from our pages, with a link to where each one comes from.',
  placeholder: 'Type your question…',
  disclaimer: "Answers are quotes from this clinic's pages, not medical advice.",
  subtitle: 'Answers from our pages',
  close: 'Close',
  closeAssistant: 'Close the assistant',
  question: 'Your question',
  send: 'Ask',
  popular: 'Popular questions',
  you: 'You asked: ',
  answer: 'From our pages: ',
  source: 'Source:',
  newTab: ' (opens in a new tab)',
  more: 'More answers',
  notCovered: "Our pages don't cover that question, so we'd rather not guess.",
  closest: 'Closest passages (not an answer)',
  loading: 'Getting ready…',
  looking: 'Looking through our pages…',
  unavailable: "The assistant can't load its content right now. Please try again later.",
  failed: "The assistant couldn't answer that just now. Please try again later.",
  blocked: "The assistant can't run on this page because of the page's security settings.",
  unset: "The assistant isn't set up on this page yet.",
});

// Language tag (lower case) → strings; a tag's table holds only what it was given.
const tables = new Map([['en', ENGLISH]]);
const listeners = new Set();

/**
 * Registers (or adds to) the strings of a language for every widget on the page; widgets
 * already shown switch at once. Throws a QaWidgetError (`bad-strings`) for anything but a
 * language tag and an object of texts.
 * @param {string} lang - A BCP 47 language tag: "fr", "fr-CA".
 * @param {Partial<QaWidgetStrings>} strings - Texts by the keys of the English table; any key left out stays English.
 * @returns {void}
 */
export function registerStrings(lang, strings) {
  if (typeof lang !== 'string' || !lang.trim()) {
    throw new QaWidgetError('bad-strings', `registerStrings(lang, strings): lang must be a language tag such as "fr", not ${JSON.stringify(lang)}`);
  }
  const tag = lang.trim().toLowerCase();
  tables.set(tag, { ...tables.get(tag), ...checkStrings(strings, `registerStrings("${lang}", strings)`) });
  for (const listener of listeners) listener();
}

/** `strings` if it is an object of texts; else a QaWidgetError (`bad-strings`) naming `where`. */
export function checkStrings(strings, where) {
  if (typeof strings !== 'object' || strings === null) {
    throw new QaWidgetError('bad-strings', `${where}: strings must be an object of texts, like { heading: "…" }`);
  }
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value !== 'string') throw new QaWidgetError('bad-strings', `${where}: "${key}" must be a string`);
  }
  return strings;
}

/** Calls `listener` after every registerStrings. */
export function onStringsRegistered(listener) {
  listeners.add(listener);
}

/**
 * The strings for a language tag, each from the most specific registered table that has it
 * ("fr-CA": "fr-ca", then "fr", then English), and the tag of the most specific table found
 * ("en" if none), to mark text shown in another language than the page's.
 */
export function stringsFor(lang) {
  const tags = [];
  for (let tag = (lang ?? '').trim().toLowerCase(); tag; tag = tag.slice(0, Math.max(tag.lastIndexOf('-'), 0))) {
    if (tables.has(tag)) tags.push(tag);
  }
  return {
    lang: tags[0] ?? 'en',
    strings: Object.assign({}, ENGLISH, ...[...tags].reverse().map((tag) => tables.get(tag))),
  };
}
