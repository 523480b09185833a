// The same app, its index built by the qa-widget Vite plugin from content/ (`vite build
// --config vite.plugin.config.js`); `QA_WIDGET_PAGES=1` indexes the built HTML pages instead.
import qaWidget from 'qa-widget/vite';

const pages = process.env.QA_WIDGET_PAGES === '1';

export default {
  plugins: [
    pages ? qaWidget({ pages: true }) : qaWidget({ content: 'content' }),
    {
      name: 'entry-with-plugin',
      // 'pre': before Vite reads the page's module scripts as the entries to bundle.
      transformIndexHtml: { order: 'pre', handler: (html) => html.replace('/src/main.js', '/src/with-plugin.js') },
    },
  ],
  build: { outDir: pages ? 'dist-pages' : 'dist-plugin' },
};
