// The package entry: the <qa-widget> custom element (registered on import), `load`, `initWasm`, `QaWidgetError` and `registerStrings`.
import type { Answer, Engine, LoadOptions } from './engine.js';

export type { Answer, AskOptions, Engine, LoadOptions, Result, Source } from './engine.js';

/**
 * The programmatic API, as in `qa-widget/engine`: loads an index (a URL, or its bytes) and
 * returns an engine, which the caller frees with `free()`. Rejects with a QaWidgetError.
 */
export function load(index: string | URL | ArrayBuffer | Uint8Array, options?: LoadOptions): Promise<Engine>;

/**
 * Instantiates the wasm ahead of time, for a page that expects a question soon (optional:
 * `load` does it on first use). Resolves to the wasm's exports; rejects with a QaWidgetError.
 */
export function initWasm(wasm?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<unknown>;

/** Every `code` a QaWidgetError can carry (README, "Limits and errors"). */
export type QaWidgetErrorCode =
  // loading the content
  | 'no-index' | 'invalid-url' | 'index-unavailable' | 'wasm-unavailable' | 'wasm-blocked' | 'load-failed'
  | 'not-an-index' | 'unsupported-version' | 'truncated' | 'corrupt' | 'unsupported-language'
  // asking
  | 'empty-question' | 'question-too-long' | 'index-changed' | 'shard-unavailable' | 'engine-freed' | 'engine-failed'
  | 'bad-options' | 'internal'
  // translating
  | 'bad-strings';

/**
 * A failure of the widget or its API. `instanceof QaWidgetError` is true for every error the
 * widget, `load()` and the engine raise, wherever it was made.
 */
export class QaWidgetError extends Error {
  constructor(code: QaWidgetErrorCode, message: string, options?: { cause?: unknown });
  name: 'QaWidgetError';
  /** What failed, in a word a program can test. */
  code: QaWidgetErrorCode;
}

/** The widget's visitor-facing texts, by key. A translation gives any of them. */
export interface QaWidgetStrings {
  /** The panel's title, unless the `heading` attribute gives one. */
  heading: string;
  /** The launcher button's text, unless the `label` attribute gives one. */
  label: string;
  /** The line shown before anything is asked, unless the `greeting` attribute gives one. */
  greeting: string;
  /** The question field's placeholder, unless the `placeholder` attribute gives one. */
  placeholder: string;
  /** The line under the field, unless the `disclaimer` attribute gives one. */
  disclaimer: string;
  /** The line under the title. */
  subtitle: string;
  /** The close button's accessible name. */
  close: string;
  /** The launcher's accessible name while its panel is open. */
  closeAssistant: string;
  /** The question field's accessible name. */
  question: string;
  /** The send button's accessible name. */
  send: string;
  /** The heading of the suggested questions. */
  popular: string;
  /** Read before each question by screen readers ("You asked: "). */
  you: string;
  /** Read before each answer by screen readers ("From our pages: "). */
  answer: string;
  /** Read before each source by screen readers ("Source:"). */
  source: string;
  /** Read after a link that opens in a new tab. */
  newTab: string;
  /** The "More answers" button. */
  more: string;
  /** The reply when the pages don't cover a question. */
  notCovered: string;
  /** The summary of the closest passages under that reply. */
  closest: string;
  /** The status line while the content loads. */
  loading: string;
  /** The status line while a question waits for the content. */
  looking: string;
  /** The content could not load. */
  unavailable: string;
  /** A question could not be answered. */
  failed: string;
  /** The page's Content-Security-Policy forbids WebAssembly. */
  blocked: string;
  /** The widget has no usable `index`. */
  unset: string;
}

/**
 * Registers (or adds to) the strings of a language for every widget on the page; widgets
 * already shown switch at once. Throws a QaWidgetError (`bad-strings`) for anything but a
 * language tag and an object of texts.
 */
export function registerStrings(lang: string, strings: Partial<QaWidgetStrings>): void;

export interface QaAskEventDetail {
  question: string;
}

export interface QaAnswerEventDetail {
  question: string;
  answer: Answer;
}

export interface QaReadyEventDetail {
  info: ReturnType<Engine['info']>;
}

export interface QaErrorEventDetail {
  /** What failed: `error.code` says it in a word ("index-unavailable", "not-an-index", …). */
  error: QaWidgetError;
}

export interface QaToggleEventDetail {
  open: boolean;
}

export type QaAskEvent = CustomEvent<QaAskEventDetail>;
export type QaAnswerEvent = CustomEvent<QaAnswerEventDetail>;
export type QaReadyEvent = CustomEvent<QaReadyEventDetail>;
export type QaErrorEvent = CustomEvent<QaErrorEventDetail>;
export type QaToggleEvent = CustomEvent<QaToggleEventDetail>;

export interface QaWidgetEventMap extends HTMLElementEventMap {
  'qa-ask': QaAskEvent;
  'qa-answer': QaAnswerEvent;
  'qa-ready': QaReadyEvent;
  'qa-error': QaErrorEvent;
  'qa-toggle': QaToggleEvent;
}

/**
 * `<qa-widget>`: answers a visitor's questions from the site's own pages, in the browser.
 * Each property but `strings` mirrors the attribute of the same name (`headingLevel`:
 * `heading-level`); the element's `lang`, or its nearest ancestor's, picks the strings.
 */
export class QaWidgetElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Registers (or adds to) the strings of a language for every widget on the page. */
  static registerStrings(lang: string, strings: Partial<QaWidgetStrings>): void;
  /** URL (or data: URL) of the index built by `qa-widget build`. */
  index: string | null;
  /** URL (or data: URL) of qa-widget-engine_bg.wasm; by default next to qa-widget.js. */
  wasm: string | null;
  /** "launcher" (default): a floating button opening a chat panel; "inline": in the page flow. */
  mode: 'launcher' | 'inline';
  /** Whether the launcher's panel is open (reflects the `open` attribute). */
  open: boolean;
  /** The panel's title. */
  heading: string | null;
  /** The level of the panel's heading, 1 to 6 (default 2). */
  headingLevel: number;
  /** The launcher button's text. */
  label: string | null;
  /** The line shown before anything is asked. */
  greeting: string | null;
  /** The question field's placeholder. */
  placeholder: string | null;
  /** How to reach the clinic, shown when the pages don't cover a question. */
  contact: string | null;
  /** The visible line under the field (default: answers are quotes, not medical advice). */
  disclaimer: string | null;
  /** How many suggested questions to offer before anything is asked (default 4; 0 for none). */
  suggestions: number;
  /** This widget's own texts, over those of its language (attributes still win). */
  strings: Partial<QaWidgetStrings> | null;

  /**
   * Asks as if the visitor had typed the question: shows it and its answer in the conversation
   * (opening the panel if needed) and resolves to the answer (on a sharded index, with the
   * results shown: none when not covered, else the answer; the rest load when opened). Focus
   * stays where it is, except on a phone, where the panel opens as a modal dialog and focus
   * goes into it. Rejects with a
   * QaWidgetError: `empty-question`, `question-too-long` (over 500 characters),
   * `index-changed`, a loading code (the panel then says so in plain words) or `engine-failed`.
   */
  ask(question: string): Promise<Answer>;
  /** Opens the panel and puts the cursor in the question field. */
  show(): void;
  /** Closes the panel; focus returns to the launcher if it was in the panel. */
  close(): void;

  addEventListener<K extends keyof QaWidgetEventMap>(
    type: K,
    listener: (this: QaWidgetElement, event: QaWidgetEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof QaWidgetEventMap>(
    type: K,
    listener: (this: QaWidgetElement, event: QaWidgetEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'qa-widget': QaWidgetElement;
  }
  // The events bubble and are composed, so they can be heard on the document.
  interface DocumentEventMap {
    'qa-ask': QaAskEvent;
    'qa-answer': QaAnswerEvent;
    'qa-ready': QaReadyEvent;
    'qa-error': QaErrorEvent;
    'qa-toggle': QaToggleEvent;
  }
}
