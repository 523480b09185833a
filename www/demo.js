// The demo page's own script: makes the page work offline (kiosk, waiting room) once a
// visitor has used the assistant.
//
// The service worker precaches the page and everything the assistant needs, wasm and index
// included. It is registered after the assistant first loads its content, not with the page:
// a visitor who never opens the assistant downloads neither. Once installed, it is checked
// for updates on every visit.

function registerServiceWorker() {
  navigator.serviceWorker.register('sw.js').catch((error) => {
    console.warn('qa-widget demo: offline support is unavailable:', error.message);
  });
}

if ('serviceWorker' in navigator && window.isSecureContext) {
  if (navigator.serviceWorker.controller) registerServiceWorker();
  else document.addEventListener('qa-ready', registerServiceWorker, { once: true });
}
