// Uses qa-widget as an app would after `npm install qa-widget`: the element (registered by
// importing the package) and the programmatic API (`load`), both from the package entry.
import 'qa-widget';
import { load } from 'qa-widget';

const QUESTION = 'Is stem cell therapy approved by the FDA?';

/** Shows the widget for the index at `indexUrl`, and one answer asked with `load()`. */
export function mount(indexUrl) {
  const widget = document.createElement('qa-widget');
  widget.setAttribute('mode', 'inline');
  widget.setAttribute('index', indexUrl);
  widget.setAttribute('heading', 'Ask our pages');
  document.querySelector('#widget').append(widget);

  const answer = document.querySelector('#answer');
  document.querySelector('#question').textContent = QUESTION;
  load(indexUrl)
    .then((engine) => {
      const { answered, results } = engine.ask(QUESTION, { top: 1 });
      answer.textContent = answered ? results[0].excerpt : 'Not covered by these pages.';
      answer.dataset.state = answered ? 'answered' : 'not-covered';
    })
    .catch((error) => {
      answer.textContent = `Could not load the engine: ${error.message}`;
      answer.dataset.state = 'failed';
    });
}
