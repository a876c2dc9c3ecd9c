// Several widgets on one page. init() mounts the page's [data-reading-widget] placeholders;
// then one more widget per compiled-in article goes into an element of its own, with an id
// (the id keeps the state each widget remembers for the tab apart). Every change is logged
// on the page, as text: what an analytics script would send.
import init, { ReadingWidget } from './pkg/reading_widget.js';

const log = document.getElementById('event-log');

// Listening on the document: the events bubble, and cross the widgets' shadow roots.
document.addEventListener('readingwidget:change', (event) => {
  const { article, cause, mode, section } = event.detail;
  const entry = document.createElement('li');
  entry.textContent = `#${event.target.id}: ${article} · ${cause} · ${mode} · ${section ?? 'no section'}`;
  log.prepend(entry);
  while (log.children.length > 20) log.lastElementChild.remove();
});

await init();

const more = document.getElementById('more-readers');
for (const { slug } of ReadingWidget.articles()) {
  const host = document.createElement('div');
  host.id = `reader-${slug}`;
  more.append(host);
  ReadingWidget.mount(host, { article: slug });
}
