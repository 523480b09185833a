// The <qa-widget> element: its properties, its shadow DOM, and the conversation.

import { h, highlighted, icon, safeHref } from './dom.js';
import { QaWidgetError, asQaWidgetError } from './errors.js';
import { leaseEngine } from './engines.js';
import { checkStrings, onStringsRegistered, registerStrings, stringsFor } from './strings.js';
import { PHONE, styles } from './styles.js';

const MORE = 4; // results fetched beyond the first, for "More answers"
const MAX_QUESTION = 500; // UTF-16 code units, as the field's maxlength counts them
const Base = globalThis.HTMLElement ?? class {};

// Every property, for the ones a page set before this module defined the element.
const PROPERTIES = ['index', 'wasm', 'mode', 'open', 'heading', 'headingLevel', 'label', 'greeting', 'placeholder', 'contact', 'disclaimer', 'suggestions', 'strings'];

// The widgets on the page, as their render functions: a new language for the page, for an
// ancestor or in the strings tables shows at once in each of them.
const renderers = new Set();
let languageWatch = null;
// Open modal panels, the last opened on top: only that one holds focus, so that two open at
// once (two launchers on a phone) do not pull focus from each other without end.
const modals = [];
onStringsRegistered(() => renderers.forEach((render) => render()));

/** Fills the widget's shadow root; returns handles on the parts it fills in and listens to. */
function shadowParts(root) {
  const ui = {};
  ui.launcher = h('button', { part: 'launcher', class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'panel' },
    icon('chat'), icon('down'), (ui.label = h('span')));
  ui.title = h('h2', { part: 'title', class: 'title', id: 'title' });
  ui.subtitle = h('p', { class: 'subtitle' });
  ui.close = h('button', { part: 'close', class: 'close', type: 'button' }, icon('close'));
  ui.greeting = h('p', { class: 'greeting' });
  ui.popular = h('p', { class: 'suggestions-label', id: 'popular' });
  ui.suggestionList = h('ul', { 'aria-labelledby': 'popular' });
  ui.suggestions = h('div', { part: 'suggestions', class: 'suggestions', hidden: true }, ui.popular, ui.suggestionList);
  ui.intro = h('div', { part: 'intro', class: 'intro' }, ui.greeting, ui.suggestions);
  ui.log = h('div', { part: 'log', class: 'log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'title' });
  ui.status = h('p', { part: 'status', class: 'status', hidden: true });
  ui.input = h('input', { part: 'input', class: 'input', id: 'input', type: 'text', autocomplete: 'off', enterkeyhint: 'send', maxlength: String(MAX_QUESTION), spellcheck: 'true' });
  ui.inputLabel = h('label', { class: 'sr', for: 'input' });
  ui.send = h('button', { part: 'send', class: 'send', type: 'submit' }, icon('send'));
  ui.form = h('form', { part: 'form', class: 'form' }, ui.inputLabel, ui.input, ui.send);
  ui.disclaimer = h('span');
  ui.panel = h('section', { part: 'panel', class: 'panel', id: 'panel', 'aria-labelledby': 'title', hidden: true },
    h('header', { part: 'header', class: 'header' },
      h('span', { class: 'avatar' }, icon('chat')),
      h('div', { class: 'titles' }, ui.title, ui.subtitle),
      ui.close),
    h('div', { class: 'body' }, ui.intro, ui.log),
    ui.status,
    ui.form,
    h('p', { part: 'disclaimer', class: 'disclaimer' }, icon('info'), ui.disclaimer));
  root.adoptedStyleSheets = [styles()];
  root.append(ui.launcher, ui.panel);
  return ui;
}

/** The widget's events all bubble and are composed, so a site can listen on `document`. */
function event(type, detail) {
  return new CustomEvent(type, { bubbles: true, composed: true, detail });
}

/**
 * Answers a visitor's questions from the site's own pages, entirely in the browser: quotes of
 * the pages with their source, or a plain "our pages don't cover that" and the contact line.
 *
 * Nothing but the entry (the element and the engine's JS) loads with the page. The wasm and
 * the index are fetched on first open (launcher mode), or when the element first scrolls
 * into view or gets focus (inline mode), and shared by every widget with the same index.
 *
 * @tag qa-widget
 * @summary A question-answering widget over a site's own pages, run in the browser.
 *
 * @attr {string} lang - The language of the widget's own text (default: the nearest ancestor's `lang`, then the document's). A language is used when its strings are registered (`registerStrings`, or a module of `translations/`); any string it lacks is English.
 *
 * @fires {CustomEvent<{question: string}>} qa-ask - A question is asked, by the visitor or by `ask()`.
 * @fires {CustomEvent<{question: string, answer: Answer}>} qa-answer - The answer to a question is shown.
 * @fires {CustomEvent<{info: object}>} qa-ready - The content has loaded.
 * @fires {CustomEvent<{error: QaWidgetError}>} qa-error - The content could not load, or a question could not be answered (`error.code` says why).
 * @fires {CustomEvent<{open: boolean}>} qa-toggle - The launcher's panel opened or closed.
 *
 * @csspart launcher - The floating button that opens and closes the panel.
 * @csspart panel - The panel: a dialog in launcher mode (modal when full-screen on a phone), a region inline.
 * @csspart header - The panel's header.
 * @csspart title - The panel's heading (`h2` unless `heading-level` says otherwise).
 * @csspart close - The header's close button (launcher mode).
 * @csspart intro - The greeting and suggestions shown before anything is asked.
 * @csspart suggestions - The suggested questions' box.
 * @csspart suggestion - One suggested question (a button).
 * @csspart log - The conversation (a polite live region).
 * @csspart message - A question or an answer in the conversation.
 * @csspart question - A question asked.
 * @csspart answer - An answer, a "not covered" reply, or an error message.
 * @csspart result - One quoted passage with its source.
 * @csspart excerpt - The quoted sentences.
 * @csspart highlight - A highlighted word of a quote.
 * @csspart source - Where a quote comes from.
 * @csspart source-link - The link to the source page.
 * @csspart more - The "More answers" button.
 * @csspart not-covered - The reply when the pages don't cover a question.
 * @csspart contact - The contact line.
 * @csspart closest - The collapsed closest passages under a "not covered" reply.
 * @csspart error - A plain message saying the assistant can't load or answer.
 * @csspart status - The loading and "looking" line (outside the live region).
 * @csspart form - The question field and its button.
 * @csspart input - The question field.
 * @csspart send - The button that asks.
 * @csspart disclaimer - The line under the field.
 *
 * @cssprop --qa-accent - The accent colour: launcher, header, questions, links.
 * @cssprop --qa-accent-contrast - Text on the accent colour.
 * @cssprop --qa-background - The panel's background.
 * @cssprop --qa-surface - The background of answers and suggestions.
 * @cssprop --qa-text - The text colour.
 * @cssprop --qa-muted - Secondary text: greeting, sources, status, disclaimer.
 * @cssprop --qa-border - Borders.
 * @cssprop --qa-highlight - The background of highlighted words.
 * @cssprop --qa-highlight-text - The colour of highlighted words.
 * @cssprop --qa-radius - The panel's corner radius.
 * @cssprop --qa-font - The font family.
 * @cssprop --qa-font-size - The base font size.
 * @cssprop --qa-shadow - The launcher's and the floating panel's shadow.
 * @cssprop --qa-z-index - The launcher's and the floating panel's z-index.
 * @cssprop --qa-offset - The launcher's distance from the window's corner.
 * @cssprop --qa-width - The floating panel's width.
 * @cssprop --qa-height - The panel's height.
 */
export class QaWidgetElement extends Base {
  static get observedAttributes() {
    return ['index', 'wasm', 'mode', 'open', 'heading', 'heading-level', 'label', 'greeting', 'placeholder', 'contact', 'disclaimer', 'suggestions', 'lang'];
  }

  /**
   * Registers (or adds to) the strings of a language for every widget on the page; widgets
   * already shown switch at once. The keys are those of the English table (README).
   * @param {string} lang - A language tag: "fr", "fr-CA".
   * @param {Partial<QaWidgetStrings>} strings - Texts by key; any key left out stays English.
   * @returns {void}
   */
  static registerStrings(lang, strings) {
    registerStrings(lang, strings);
  }

  #ui;
  #strings = null; // this widget's own texts, over its language's
  #lease = null; // the shared engine this widget holds
  #engine = null; // Promise<Engine> once loading started, for this widget's index
  #generation = 0; // bumped when the index changes: answers from an older index are dropped
  #pending = 0; // questions waiting for the engine
  #state = 'idle'; // idle | loading | ready | failed
  #observer = null;
  #phone = globalThis.matchMedia?.(PHONE) ?? null;
  #guarding = false;
  #warned = false;
  #loadError = null; // the message shown for a failed load that no question was waiting for
  #rerender = () => this.#render();
  #keepFocusInside = (event) => modals.at(-1) !== this || event.composedPath().includes(this) || this.#ui.input.focus();

  /** URL (or `data:` URL) of the index built by `qa-widget build`. Required.
   * @attr index
   * @type {string | null} */
  get index() { return this.getAttribute('index'); }
  set index(value) { this.#reflect('index', value); }

  /** URL (or `data:` URL) of `qa-widget-engine_bg.wasm`. Default: next to `qa-widget.js`.
   * @attr wasm
   * @type {string | null} */
  get wasm() { return this.getAttribute('wasm'); }
  set wasm(value) { this.#reflect('wasm', value); }

  /** "launcher" (default): a floating button that opens a chat panel; "inline": the panel in the page flow.
   * @attr mode
   * @type {'launcher' | 'inline'} */
  get mode() { return this.#inline ? 'inline' : 'launcher'; }
  set mode(value) { this.#reflect('mode', value); }

  /** Whether the launcher's panel is open (reflects the `open` attribute; set it to open the panel).
   * @attr open
   * @type {boolean} */
  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', !!value); }

  /** The panel's title. Default: the `heading` string ("Ask a question").
   * @attr heading
   * @type {string | null} */
  get heading() { return this.getAttribute('heading'); }
  set heading(value) { this.#reflect('heading', value); }

  /** The level of the panel's heading, 1 to 6 (default 2): `h2` unless the page's outline needs another.
   * @attr heading-level
   * @type {number} */
  get headingLevel() {
    const level = Number(this.getAttribute('heading-level'));
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }
  set headingLevel(value) { this.setAttribute('heading-level', String(value)); }

  /** The launcher button's text. Default: the `label` string ("Ask a question").
   * @attr label
   * @type {string | null} */
  get label() { return this.getAttribute('label'); }
  set label(value) { this.#reflect('label', value); }

  /** The line shown before anything is asked. Default: the `greeting` string.
   * @attr greeting
   * @type {string | null} */
  get greeting() { return this.getAttribute('greeting'); }
  set greeting(value) { this.#reflect('greeting', value); }

  /** The question field's placeholder. Default: the `placeholder` string ("Type your question…").
   * @attr placeholder
   * @type {string | null} */
  get placeholder() { return this.getAttribute('placeholder'); }
  set placeholder(value) { this.#reflect('placeholder', value); }

  /** How to reach the clinic, shown when the pages don't cover a question or the assistant can't run.
   * @attr contact
   * @type {string | null} */
  get contact() { return this.getAttribute('contact'); }
  set contact(value) { this.#reflect('contact', value); }

  /** The line under the field. Default: the `disclaimer` string ("Answers are quotes from this clinic's pages, not medical advice.").
   * @attr disclaimer
   * @type {string | null} */
  get disclaimer() { return this.getAttribute('disclaimer'); }
  set disclaimer(value) { this.#reflect('disclaimer', value); }

  /** How many suggested questions to offer before anything is asked (default 4, at most 12; 0 for none). They come from the content: questions its own sections answer.
   * @attr suggestions
   * @type {number} */
  get suggestions() {
    const n = parseInt(this.getAttribute('suggestions') ?? '4', 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 12) : 0;
  }
  set suggestions(value) { this.setAttribute('suggestions', String(value)); }

  /** This widget's own texts, over those of its language: any keys of the strings table. An attribute (`heading`, `label`, …) still wins. Property only.
   * @type {Partial<QaWidgetStrings> | null} */
  get strings() { return this.#strings && { ...this.#strings }; }
  set strings(value) {
    this.#strings = value == null ? null : { ...checkStrings(value, 'strings') };
    this.#render();
  }

  constructor() {
    super();
    const ui = (this.#ui = shadowParts(this.attachShadow({ mode: 'open' })));

    ui.launcher.addEventListener('click', () => (this.open ? this.close() : this.show()));
    for (const warm of ['pointerenter', 'focus']) ui.launcher.addEventListener(warm, () => this.#load(), { once: true });
    ui.close.addEventListener('click', () => this.close());
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = ui.input.value.trim();
      if (!question) return;
      ui.input.value = '';
      this.ask(question).catch(() => {}); // shown in the log
    });
    this.shadowRoot.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open && !this.#inline) {
        event.stopPropagation();
        this.close();
      } else if (event.key === 'Tab' && this.#modal) {
        this.#cycleFocus(event);
      }
    });
    this.addEventListener('focusin', () => this.#inline && this.#load());
  }

  get #inline() {
    return this.getAttribute('mode') === 'inline';
  }

  /** Open and full-screen on a phone: a modal dialog, which keeps focus inside. */
  get #modal() {
    return this.open && !this.#inline && !!this.#phone?.matches;
  }

  connectedCallback() {
    // A page (or a framework) may have set properties before this module defined the element:
    // those sit on the instance and hide the accessors. Pass them through the accessors.
    for (const name of PROPERTIES) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    renderers.add(this.#rerender);
    if (!languageWatch && globalThis.MutationObserver) {
      languageWatch = new MutationObserver(() => renderers.forEach((render) => render()));
      languageWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
    this.#phone?.addEventListener('change', this.#rerender);
    this.#render();
    if (this.open && !this.#inline) queueMicrotask(() => this.#load());
    this.#watchVisibility();
  }

  disconnectedCallback() {
    renderers.delete(this.#rerender);
    this.#phone?.removeEventListener('change', this.#rerender);
    this.#guardFocus(false);
    this.#observer?.disconnect();
    this.#observer = null;
    // Moving the element disconnects and reconnects it in one go: keep the engine then. A
    // widget taken off the page lets its engine go (the conversation stays, should it return).
    queueMicrotask(() => {
      if (!this.isConnected && this.#state !== 'idle') {
        this.#forget();
        this.#busy();
      }
    });
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if ((name === 'index' || name === 'wasm') && this.#state !== 'idle') {
      // New content: let the old engine go, and forget its suggestions and the conversation.
      this.#forget();
      this.#ui.log.replaceChildren();
      this.#ui.intro.hidden = false;
      this.#ui.suggestions.hidden = true;
      this.#load();
    }
    if (name === 'mode' && this.isConnected) this.#watchVisibility();
    this.#render();
    if (name === 'open') {
      // After the current batch of attribute callbacks, so that `index` is known.
      if (this.open) queueMicrotask(() => this.isConnected && this.open && this.#load());
      this.dispatchEvent(event('qa-toggle', { open: this.open }));
    }
  }

  /** Opens the panel (launcher mode) and puts the cursor in the question field.
   * @returns {void} */
  show() {
    this.open = true;
    this.#ui.input.focus();
  }

  /** Closes the panel; focus returns to the launcher if it was in the panel.
   * @returns {void} */
  close() {
    const inside = this.#ui.panel.contains(this.shadowRoot.activeElement);
    this.open = false;
    if (inside) this.#ui.launcher.focus();
  }

  /**
   * Asks a question as if the visitor had typed it: shows the question and its answer in the
   * conversation, opening the panel if needed, and resolves to the answer object (on a sharded
   * index it holds the results shown first: none when not covered, else the answer). Focus stays
   * where it is, except on a phone, where opening the panel opens a modal dialog over the page
   * and focus goes into it. Rejects with a QaWidgetError: `empty-question`,
   * `question-too-long` (over 500 characters), `index-changed` (the index changed, or the
   * widget left the page, before the answer came), a loading code, or `engine-failed`.
   * @param {string} question
   * @returns {Promise<Answer>}
   */
  async ask(question) {
    question = String(question ?? '').trim();
    if (!question) throw new QaWidgetError('empty-question', 'ask(question) needs a question');
    if (question.length > MAX_QUESTION) {
      throw new QaWidgetError('question-too-long', `a question has at most ${MAX_QUESTION} characters; this one has ${question.length}`);
    }
    const ui = this.#ui;
    if (!this.#inline && !this.open) {
      this.open = true;
      if (this.#modal) ui.input.focus();
    }
    const generation = this.#generation;
    const slot = h('div', { part: 'message answer', class: 'msg answer' });
    ui.intro.hidden = true;
    ui.log.setAttribute('tabindex', '0'); // scrollable: reachable by keyboard
    ui.log.append(h('p', { part: 'message question', class: 'msg question' }, h('span', { class: 'sr' }, this.#text().you), question), slot);
    this.#scrollTo(slot.previousSibling);
    this.dispatchEvent(event('qa-ask', { question }));
    this.#pending++;
    this.#busy();
    try {
      const engine = await this.#load();
      if (generation !== this.#generation) throw new QaWidgetError('index-changed', 'the index changed before the answer came');
      let answer;
      let all = null;
      try {
        if (engine.sharded) {
          // Only what shows first waits for the network: the decision needs no passage text,
          // so "not covered" waits for none and an answer for one passage's; the other
          // results load when the visitor asks for them (`all`).
          const decision = await engine.ask(question, { top: 0 });
          answer = decision.answered ? await engine.ask(question, { top: 1 }) : decision;
          all = async () => (await engine.ask(question, { top: 1 + MORE })).results;
        } else {
          answer = engine.ask(question, { top: 1 + MORE });
        }
      } catch (error) {
        throw this.#failed(error);
      }
      this.#answer(slot, answer, all);
      this.dispatchEvent(event('qa-answer', { question, answer }));
      return answer;
    } catch (error) {
      if (generation === this.#generation) {
        slot.append(this.#problem(error));
      } else {
        slot.previousSibling?.remove(); // the question, if the conversation is still there
        slot.remove();
      }
      throw error;
    } finally {
      this.#pending--;
      this.#busy();
      if (generation === this.#generation) this.#scrollTo(slot.previousSibling);
    }
  }

  #reflect(name, value) {
    if (value == null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  /** The language the widget's text should be in: its own `lang`, an ancestor's, the document's. */
  #language() {
    for (let node = this; node; node = node.parentNode ?? node.host) {
      if (node.nodeType === 1 && node.hasAttribute('lang')) return node.getAttribute('lang');
    }
    return globalThis.document?.documentElement.lang ?? '';
  }

  /** The strings to show: this widget's own over its language's over English. */
  #text() {
    return { ...stringsFor(this.#language()).strings, ...this.#strings };
  }

  #render() {
    const ui = this.#ui;
    const wanted = this.#language();
    const { lang, strings } = stringsFor(wanted);
    Object.assign(strings, this.#strings);
    const text = (name) => this.getAttribute(name) ?? strings[name];
    const inline = this.#inline;
    const open = inline || this.open;
    ui.label.textContent = text('label');
    this.#heading(text('heading'));
    ui.subtitle.textContent = strings.subtitle;
    ui.greeting.textContent = text('greeting');
    ui.popular.textContent = strings.popular;
    ui.input.placeholder = text('placeholder');
    ui.inputLabel.textContent = strings.question;
    ui.send.setAttribute('aria-label', strings.send);
    ui.close.setAttribute('aria-label', strings.close);
    ui.disclaimer.textContent = text('disclaimer');
    ui.disclaimer.parentNode.hidden = !ui.disclaimer.textContent;
    ui.panel.hidden = !open;
    ui.panel.setAttribute('role', inline ? 'region' : 'dialog');
    const modal = this.#modal;
    if (modal) ui.panel.setAttribute('aria-modal', 'true');
    else ui.panel.removeAttribute('aria-modal');
    this.#guardFocus(modal && this.isConnected);
    ui.launcher.setAttribute('aria-expanded', String(open));
    ui.launcher.setAttribute('aria-label', open && !inline ? strings.closeAssistant : text('label'));
    // Text in another language than the page's (its strings are not registered) says so, for
    // screen readers to pronounce it right; unless this widget was given texts of its own.
    const primary = (tag) => tag.toLowerCase().split('-')[0];
    const other = !this.#strings && primary(lang) !== primary(wanted) ? lang : null;
    for (const part of [ui.launcher, ui.panel]) {
      if (other) part.setAttribute('lang', other);
      else part.removeAttribute('lang');
    }
    this.#busy();
  }

  /** The panel's title, as a heading of the level asked for. */
  #heading(text) {
    const ui = this.#ui;
    const tag = `h${this.headingLevel}`;
    if (ui.title.localName !== tag) {
      const title = h(tag, { part: 'title', class: 'title', id: 'title' });
      ui.title.replaceWith(title);
      ui.title = title;
    }
    ui.title.textContent = text;
  }

  /** Inline widgets load when they come near the viewport. */
  #watchVisibility() {
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#inline && globalThis.IntersectionObserver) {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#load();
      }, { rootMargin: '100px' });
      this.#observer.observe(this);
    }
  }

  /** While the panel is modal, focus that lands elsewhere on the page comes back to the field. */
  #guardFocus(on) {
    if (on === this.#guarding) return;
    this.#guarding = on;
    if (on) {
      modals.push(this);
      document.addEventListener('focusin', this.#keepFocusInside);
    } else {
      modals.splice(modals.indexOf(this), 1);
      document.removeEventListener('focusin', this.#keepFocusInside);
    }
  }

  /** Tab from the panel's last stop goes to its first, Shift+Tab from the first to the last. */
  #cycleFocus(event) {
    const stops = [...this.#ui.panel.querySelectorAll('button, input, a[href], summary, [tabindex="0"]')]
      .filter((el) => !el.disabled && el.getClientRects().length > 0);
    if (!stops.length) return;
    const active = this.shadowRoot.activeElement;
    const [first, last] = [stops[0], stops.at(-1)];
    const outside = !this.#ui.panel.contains(active);
    if (outside || active === (event.shiftKey ? first : last)) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  }

  /** Lets this widget's engine go, and drops answers still waiting for it. */
  #forget() {
    this.#lease?.release();
    this.#lease = null;
    this.#engine = null;
    this.#state = 'idle';
    this.#generation++;
  }

  /** Starts loading the engine (once) and offers suggestions when it is ready. */
  #load() {
    if (this.#engine) return this.#engine;
    const generation = this.#generation;
    const index = this.getAttribute('index');
    let lease = null;
    try {
      if (!index) throw new QaWidgetError('no-index', 'set the index attribute to the URL of your content.idx');
      lease = this.#lease = leaseEngine(index, this.getAttribute('wasm'));
      this.#engine = lease.engine;
    } catch (error) {
      this.#engine = Promise.reject(error);
    }
    const engine = this.#engine;
    this.#state = 'loading';
    this.#busy();
    engine.then(
      (ready) => {
        if (generation !== this.#generation) return;
        this.#state = 'ready';
        this.#busy();
        try {
          this.#offer(ready);
          this.dispatchEvent(event('qa-ready', { info: ready.info() }));
        } catch (error) {
          console.warn(`qa-widget: ${error.message}`);
        }
      },
      (error) => {
        if (generation !== this.#generation) return;
        this.#state = 'failed';
        if (error.code !== 'wasm-blocked') {
          // Try again on the next question.
          lease?.release();
          if (this.#lease === lease) this.#lease = null;
          this.#engine = null;
        }
        this.#explain(error);
        this.#busy();
        this.dispatchEvent(event('qa-error', { error }));
        // Nothing asked yet: say so in the panel rather than leaving it empty (once).
        if (!this.#pending) {
          this.#ui.intro.hidden = true;
          this.#loadError?.remove();
          this.#ui.log.append((this.#loadError = h('div', { part: 'message answer', class: 'msg answer' }, this.#problem(error))));
        }
      },
    );
    return engine;
  }

  /** Suggested questions, while nothing has been asked. */
  #offer(engine) {
    const ui = this.#ui;
    const questions = this.suggestions && !ui.log.firstChild ? engine.suggestions(this.suggestions) : [];
    ui.suggestionList.replaceChildren(...questions.map((question) => {
      const button = h('button', { part: 'suggestion', class: 'suggestion', type: 'button' }, question);
      button.addEventListener('click', () => {
        ui.input.focus();
        this.ask(question).catch(() => {});
      });
      return h('li', null, button);
    }));
    ui.suggestions.hidden = !questions.length;
  }

  #busy() {
    const { status, log } = this.#ui;
    const strings = this.#text();
    const text = this.#pending ? strings.looking : this.#state === 'loading' ? strings.loading : '';
    // Not a live region: the answer itself is what gets announced, once, from the log.
    status.hidden = !text;
    if (text) status.replaceChildren(h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), text);
    log.setAttribute('aria-busy', String(!!this.#pending));
  }

  /** An engine failure as a QaWidgetError, announced by a `qa-error` event. */
  #failed(error) {
    const failure = asQaWidgetError(error, 'engine-failed');
    this.dispatchEvent(event('qa-error', { error: failure }));
    return failure;
  }

  /**
   * The answer, or "not covered" and the closest passages. `all`, when given, resolves to every
   * result, those in `answer` first (a sharded index fetches their texts only then).
   */
  #answer(slot, answer, all = null) {
    const strings = this.#text();
    const results = answer.results ?? [];
    // Every result, once loaded; a failure shows in their place.
    let loaded = all ? null : results;
    const loadAll = async (place) => {
      try {
        loaded ??= await all();
      } catch (error) {
        place(this.#problem(this.#failed(error)));
      }
      return loaded;
    };
    if (answer.answered && results.length) {
      slot.append(h('span', { class: 'sr' }, strings.answer), this.#result(results[0], strings));
      let shown = 1;
      if (results.length > 1 || all) {
        const more = h('button', { part: 'more', class: 'more', type: 'button' }, strings.more, icon('down'));
        more.addEventListener('click', async () => {
          if (more.getAttribute('aria-busy') === 'true') return;
          more.setAttribute('aria-busy', 'true');
          const every = (await loadAll((problem) => more.replaceWith(problem))) ?? [];
          more.removeAttribute('aria-busy');
          if (!more.isConnected) return;
          const next = every[shown] && this.#result(every[shown++], strings);
          if (next) more.before(next);
          if (shown >= every.length) {
            more.remove();
            (next ?? slot.querySelector('[part~="result"]')).focus();
          }
        });
        slot.append(more);
      }
      return;
    }
    const contact = this.getAttribute('contact');
    slot.append(h('div', { part: 'not-covered', class: 'not-covered' },
      h('p', null, strings.notCovered),
      contact && h('p', { part: 'contact', class: 'contact' }, contact)));
    if (results.length || all) {
      const closest = h('details', { part: 'closest', class: 'closest' },
        h('summary', null, strings.closest),
        results.map((result) => this.#result(result, strings)));
      if (all) {
        closest.addEventListener('toggle', async () => {
          if (!closest.open || closest.hasAttribute('aria-busy') || loaded) return;
          closest.setAttribute('aria-busy', 'true');
          const every = await loadAll((problem) => closest.append(problem));
          closest.removeAttribute('aria-busy');
          if (every) closest.append(...every.slice(results.length).map((result) => this.#result(result, strings)));
        });
      }
      slot.append(closest);
    }
  }

  #result({ excerpt, passage, highlights, source }, strings) {
    const text = excerpt || passage || '';
    const label = [source?.title, source?.section].filter(Boolean).join(' › ');
    const href = safeHref(source?.url);
    let origin = null;
    if (href && href.origin !== location.origin) origin = h('span', { class: 'sr' }, strings.newTab);
    const link = href
      ? h('a', { part: 'source-link', class: 'source-link', href: href.href, ...(origin && { target: '_blank', rel: 'noopener' }) }, label || href.hostname, origin)
      : label;
    return h('figure', { part: 'result', class: 'result', tabindex: '-1' },
      h('blockquote', { part: 'excerpt', class: 'excerpt' }, highlighted(text, excerpt ? highlights : [])),
      (label || href) && h('figcaption', { part: 'source', class: 'source' },
        icon('doc'),
        h('span', { class: 'source-text' }, h('span', { class: 'sr' }, strings.source), ' ', link)));
  }

  /** A message in plain words for the visitor. */
  #problem(error) {
    const strings = this.#text();
    const text = {
      'wasm-blocked': strings.blocked,
      'no-index': strings.unset,
      'invalid-url': strings.unset,
      'engine-failed': strings.failed,
      internal: strings.failed,
    }[error?.code] ?? strings.unavailable;
    const contact = this.getAttribute('contact');
    return h('div', { part: 'error', class: 'error', role: 'note' },
      h('p', null, text),
      contact && h('p', { part: 'contact', class: 'contact' }, contact));
  }

  /** The details for the site owner, once, in the console. */
  #explain(error) {
    if (this.#warned) return;
    this.#warned = true;
    console.warn(`qa-widget: could not load the assistant's content (${error.code}): ${error.message}`);
  }

  #scrollTo(element) {
    const log = this.#ui.log;
    if (element) log.scrollTop = element.offsetTop - 12;
    else log.scrollTop = log.scrollHeight;
  }
}
