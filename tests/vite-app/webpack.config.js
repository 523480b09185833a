// The same app bundled by webpack 5 (no loaders or plugins to install): webpack turns the
// package's `new URL('./qa-widget-engine_bg.wasm', import.meta.url)` into an asset of its own.
// Output in dist-webpack/, with the page (index.html, its module script swapped for the
// bundle) and public/ copied next to it.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = `${here}dist-webpack`;

class Page {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('Page', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'Page', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const html = readFileSync(`${here}index.html`, 'utf8')
          .replace('<script type="module" src="/src/main.js"></script>', '<script src="main.js"></script>');
        compilation.emitAsset('index.html', new RawSource(html));
      });
    });
    compiler.hooks.afterEmit.tap('Page', () => {
      if (existsSync(`${here}public`)) cpSync(`${here}public`, out, { recursive: true });
    });
  }
}

export default {
  mode: 'production',
  context: here,
  entry: './src/main.js',
  output: { path: out, filename: 'main.js', assetModuleFilename: 'assets/[name]-[contenthash][ext]', clean: true },
  performance: { hints: false },
  plugins: [new Page()],
};
