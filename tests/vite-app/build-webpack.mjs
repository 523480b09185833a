// `npm run build:webpack`: runs webpack with webpack.config.js through its Node API (no
// webpack-cli needed). Exits non-zero on any error or warning.
import webpack from 'webpack';
import config from './webpack.config.js';

webpack(config, (error, stats) => {
  if (error) throw error;
  console.log(stats.toString({ colors: false, modules: false, children: false }));
  if (stats.hasErrors() || stats.hasWarnings()) process.exit(1);
});
