// The app with an index built beforehand (`npx qa-widget build content -o public/content.idx`).
import { mount } from './app.js';

mount('content.idx'); // in public/, so served next to the page
