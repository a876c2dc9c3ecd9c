// Serve mode only (scripts/watch.mjs adds this to every page it serves; it is never in dist/):
// reloads the page when a new build is served, and shows a failed build's problems over the last
// good page, as a dialog with a heading and a list. Built with DOM methods and textContent only,
// styled by an external sheet: it works under strict.html's Content Security Policy.
const events = new EventSource('/__serve/events');
let overlay = null;

events.addEventListener('reload', () => location.reload());
events.addEventListener('ok', () => show([]));
events.addEventListener('problems', (event) => show(JSON.parse(event.data)));

function element(name, attributes = {}, text) {
  const made = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  if (text !== undefined) made.textContent = text;
  return made;
}

function show(problems) {
  overlay?.remove();
  overlay = null;
  if (problems.length === 0) return;
  if (!document.querySelector('link[data-serve-overlay]')) {
    document.head.append(element('link', { rel: 'stylesheet', href: '/__serve/overlay.css', 'data-serve-overlay': '' }));
  }
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  overlay = element('dialog', { class: 'serve-overlay', 'aria-labelledby': 'serve-overlay-title', lang: 'en' });
  overlay.append(
    element('h2', { id: 'serve-overlay-title' }, `The last build failed: ${count}`),
    element('p', {}, 'This page is the last good build. Fix these and save; this goes away with the next build.'),
  );
  const list = element('ul');
  for (const problem of problems) {
    const item = element('li');
    const where = problem.line ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
    item.append(element('code', {}, where), element('span', {}, ` ${problem.message}`));
    if (problem.fix) item.append(element('span', { class: 'serve-fix' }, `Fix: ${problem.fix}`));
    list.append(item);
  }
  overlay.append(list);
  document.body.append(overlay);
  overlay.show();
}
