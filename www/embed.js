// The whole embed: load the module, which mounts every [data-reading-widget] element and takes
// over any pre-rendered one in place. Where WebAssembly cannot run (refused by the page's CSP,
// or missing), init() fails: that is said once on the console, rather than thrown, and a
// pre-rendered article stays as it is, readable.
import init from './pkg/reading_widget.js';

try {
  await init();
} catch (error) {
  console.warn(`reading-widget: the module could not start (${error}); pre-rendered articles stay as they are`);
}
