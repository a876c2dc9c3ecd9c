// The whole embed: load the module, which mounts every [data-reading-widget] element and takes
// over any pre-rendered one in place. Where the module cannot run (WebAssembly refused by the
// page's CSP, or missing), a pre-rendered article stays as it is, readable, and the console
// says why once, rather than an uncaught error.
try {
  const { default: init } = await import('./pkg/reading_widget.js');
  await init();
} catch (error) {
  console.warn(`reading-widget: the module could not start (${error}); pre-rendered articles stay readable without it`);
}
