// The app with the index built by the Vite plugin (vite.plugin.config.js): its URL comes from
// the plugin's virtual module.
import indexUrl from 'virtual:qa-widget/index';
import { mount } from './app.js';

mount(indexUrl);
