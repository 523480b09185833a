// `qa-widget/vite`: builds the index as part of a Vite build, with the same builder as
// `npx qa-widget build`. Either a content folder is indexed (before bundling: the index is an
// asset of the bundle), or the HTML pages the build wrote are (after the bundle is written).
// The app gets the index's URL from `import indexUrl from 'virtual:qa-widget/index'`. In dev
// mode the index is served from memory and rebuilt when the content changes.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from './build.js';

export const VIRTUAL_INDEX = 'virtual:qa-widget/index';
const RESOLVED_INDEX = `\0${VIRTUAL_INDEX}`;
/** How long dev mode waits after a change before rebuilding (an editor saves in bursts). */
const REBUILD_DELAY_MS = 100;
const HTML = /\.html?$/i;

/**
 * @param {{ content?: string | string[], pages?: boolean, fileName?: string } & Record<string, unknown>} options
 *   `content`: files and folders to index, relative to Vite's root; or `pages: true`: the
 *   built HTML pages. `fileName`: the index's path in the output (default "content.idx").
 *   Any other option is a `build()` option (keepBoilerplate, synonyms, maxPassageChars…).
 */
export default function qaWidget({ content, pages = false, fileName = 'content.idx', ...buildOptions } = {}) {
  if (!content === !pages) {
    throw coded('qa-widget/vite: give either `content` (files or folders to index) or `pages: true` (index the built HTML pages)', 'bad-options');
  }
  const inputs = content === undefined ? [] : [content].flat();
  let config;
  let built; // the last build's files, for the dev server and generateBundle

  // The builder's summary line: "indexed 5 files (1 skipped) into … terms: content.idx (57.4 KB)".
  const log = (result) => config.logger.info(`qa-widget: ${result.text.split('\n')[0]}`, { timestamp: true });

  const buildContent = async () => {
    built = await build({ ...buildOptions, inputs, cwd: config.root, output: fileName, write: false });
    log(built);
    return built;
  };

  return {
    name: 'qa-widget',

    configResolved(resolved) {
      config = resolved;
    },

    resolveId(id) {
      return id === VIRTUAL_INDEX ? RESOLVED_INDEX : undefined;
    },

    load(id) {
      if (id !== RESOLVED_INDEX) return undefined;
      return `export default ${JSON.stringify(config.base + fileName)};\n`;
    },

    async buildStart() {
      if (config.command !== 'build' || config.build.ssr || !content) return;
      await buildContent();
      for (const input of inputs) this.addWatchFile(path.resolve(config.root, input));
    },

    generateBundle() {
      if (config.command !== 'build' || config.build.ssr || !content) return;
      for (const file of built.files) this.emitFile({ type: 'asset', fileName: file.path, source: file.bytes });
    },

    async writeBundle(outputOptions, bundle) {
      if (!pages || config.build.ssr) return; // the pages a browser gets, not a server bundle
      const outDir = outputOptions.dir ?? path.dirname(outputOptions.file);
      // The bundle's pages, and those copied from publicDir (they are not in the bundle).
      const fromBundle = Object.values(bundle).filter((item) => item.type === 'asset' && HTML.test(item.fileName));
      const inBundle = new Set(fromBundle.map((item) => item.fileName));
      const copied = htmlFiles(outDir, [])
        .map((file) => path.relative(outDir, file).split(path.sep).join('/'))
        .filter((name) => !inBundle.has(name));
      const htmlPages = [
        ...fromBundle.map((item) => page(item.fileName, item.source, config.base)),
        ...copied.map((name) => page(name, readFileSync(path.join(outDir, name)), config.base)),
      ];
      if (htmlPages.length === 0) {
        throw coded('qa-widget/vite: `pages: true`, but the build wrote no HTML page to index', 'build-failed');
      }
      const result = await build({ ...buildOptions, inputs: htmlPages, cwd: outDir, output: fileName });
      log(result);
    },

    configureServer(server) {
      const rebuild = async () => {
        if (content) return buildContent();
        // Dev mode has no built pages: the site's own HTML pages stand in for them.
        const skip = [path.resolve(config.root, config.build.outDir), config.publicDir].filter(Boolean);
        const sourcePages = htmlFiles(config.root, skip).map((file) => {
          const relative = path.relative(config.root, file).split(path.sep).join('/');
          return page(relative, readFileSync(file), config.base);
        });
        built = await build({ ...buildOptions, inputs: sourcePages, cwd: config.root, output: fileName, write: false });
        log(built);
        return built;
      };
      const failed = (error) => config.logger.error(`qa-widget: ${error.message}`, { timestamp: true });
      let pending = rebuild().catch(failed);
      let timer;
      const watched = inputs.map((input) => path.resolve(config.root, input));
      server.watcher.add(watched);
      const affects = (file) =>
        content
          ? watched.some((w) => file === w || file.startsWith(w + path.sep))
          : HTML.test(file) && !file.split(path.sep).includes('node_modules');
      server.watcher.on('all', (_event, file) => {
        if (!affects(path.resolve(file))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          pending = rebuild()
            .then(() => server.ws.send({ type: 'full-reload', path: '*' }))
            .catch(failed);
        }, REBUILD_DELAY_MS);
      });
      server.middlewares.use(async (req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0]);
        if (!url.startsWith(config.base)) return next();
        await pending;
        const file = built?.files.find((f) => config.base + f.path === url);
        if (!file) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(Buffer.from(file.bytes));
      });
    },
  };
}

/**
 * A built page as an in-memory page, with the URL the site serves it at ("about/index.html"
 * → "/about/"), unless the page names its own canonical URL.
 */
function page(fileName, source, base) {
  const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
  const canonical = /<link\b[^>]*\brel\s*=\s*["']?canonical\b/i.test(text);
  const url = base + fileName.replace(/(^|\/)index\.html?$/i, '$1');
  return canonical ? { path: fileName, content: source } : { path: fileName, content: source, url };
}

/** The HTML files under `root`, leaving out node_modules, hidden folders and `skip`. */
function htmlFiles(root, skip) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || skip.includes(full)) continue;
      if (entry.isDirectory()) walk(full);
      else if (HTML.test(entry.name)) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

function coded(message, code) {
  const error = new Error(message);
  error.name = 'QaWidgetError';
  error.code = code;
  return error;
}
