// `qa-widget/vite`: the index, built as part of a Vite build (Vite 5+; tested with Vite 8).
import type { BuildOptions } from './build.js';

type BuilderOptions = Omit<BuildOptions, 'inputs' | 'output' | 'write' | 'cwd' | 'report'>;

export interface QaWidgetPluginOptions extends BuilderOptions {
  /**
   * Files and folders to index, relative to Vite's root (`'content'`): built before bundling,
   * emitted as an asset; in dev mode served from memory and rebuilt when they change.
   */
  content?: string | string[];
  /**
   * `true`: index the HTML pages the build writes, once the bundle is written, each with the
   * URL it is served at (unless it has a `<link rel="canonical">`). In dev mode, the site's own
   * HTML pages, rebuilt when one changes.
   */
  pages?: boolean;
  /** The index's path in the output, under Vite's `base`. Default "content.idx". */
  fileName?: string;
}

/** A Vite plugin object (typed loosely, so that no particular Vite version's types are needed). */
export interface QaWidgetPlugin {
  name: 'qa-widget';
  [hook: string]: unknown;
}

/** Either `content` or `pages: true`. The app imports the index's URL from `virtual:qa-widget/index`. */
export default function qaWidget(options: QaWidgetPluginOptions): QaWidgetPlugin;

/** The virtual module's id. */
export const VIRTUAL_INDEX: 'virtual:qa-widget/index';

declare module 'virtual:qa-widget/index' {
  /** The index's URL: `<qa-widget index={indexUrl}>`, or `load(indexUrl)`. */
  const indexUrl: string;
  export default indexUrl;
}
