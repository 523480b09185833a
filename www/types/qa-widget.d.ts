// The package entry: the <qa-widget> custom element (registered on import) and `load`.
import type { Answer, Engine, LoadOptions } from './engine.js';

export type { Answer, AskOptions, Engine, LoadOptions, Result, Source } from './engine.js';

/**
 * Loads an index (a URL, or its bytes) and returns an engine, without any UI.
 * The engine module is imported on first call, so it is not part of the entry's bundle.
 */
export function load(index: string | URL | ArrayBuffer | Uint8Array, options?: LoadOptions): Promise<Engine>;

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
  /** An Error whose `code` says what failed ("index-unavailable", "not-an-index", "corrupt", …). */
  error: Error & { code?: string };
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
 * Each property mirrors the attribute of the same name.
 */
export class QaWidgetElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** URL (or data: URL) of the index built by `qa-widget build`. */
  index: string | null;
  /** URL (or data: URL) of qa-widget-engine_bg.wasm; by default next to engine.js. */
  wasm: string | null;
  /** "launcher" (default): a floating button opening a chat panel; "inline": in the page flow. */
  mode: 'launcher' | 'inline' | null;
  /** Whether the launcher's panel is open (reflects the `open` attribute). */
  open: boolean;
  /** The panel's title. */
  heading: string | null;
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

  /**
   * Asks as if the visitor had typed the question: shows it and its answer in the conversation
   * (opening the panel if needed). Rejects with a TypeError for an empty question, and with the
   * loading error if the content cannot be loaded (the panel then says so in plain words).
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
