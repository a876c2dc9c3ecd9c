// The whole embed: load the module, which mounts every [data-reading-widget] element.
import init from './pkg/reading_widget.js';

await init();
