// The one error type of the widget and its API (README, "Limits and errors", lists the codes).

/**
 * A failure of the widget or its API: an Error named "QaWidgetError" whose `code` says what
 * went wrong in a word a program can test. The engine makes its own errors where they happen
 * (in the wasm and in engine.js) as plain Errors with that name and a code, so `instanceof`
 * recognises any Error that carries both: callers have one test for all of them.
 */
export class QaWidgetError extends Error {
  /** What failed, in a word a program can test: the codes are listed in the README ("Limits and errors").
   * @type {string} */
  code;

  /**
   * @param {string} code
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'QaWidgetError';
    this.code = code;
  }

  /** True for any Error named "QaWidgetError" with a `code`, wherever it was made.
   * @param {unknown} value
   * @returns {boolean} */
  static [Symbol.hasInstance](value) {
    return value?.name === 'QaWidgetError' && typeof value.code === 'string' && Error.prototype.isPrototypeOf(value);
  }
}

/** A CompileError/EvalError raised because the page's CSP forbids compiling WebAssembly. */
function isBlocked(error) {
  return /CompileError|EvalError/.test(error?.name) &&
    /Content.Security|CSP|unsafe-eval|wasm-eval|disallowed by embedder/i.test(error.message);
}

/**
 * `error` as a QaWidgetError: itself if it is one, `wasm-blocked` if the page's CSP stopped the
 * wasm, else `code`, with the original as its `cause`.
 */
export function asQaWidgetError(error, code) {
  if (error instanceof QaWidgetError) return error;
  if (isBlocked(error)) {
    return new QaWidgetError('wasm-blocked',
      "this page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src directive (script-src 'self' 'wasm-unsafe-eval')",
      { cause: error });
  }
  return new QaWidgetError(code, String(error?.message ?? error), { cause: error });
}
