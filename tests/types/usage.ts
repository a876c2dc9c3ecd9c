// Type-checked by `make test` (tsc --noEmit) against the .d.ts that `make dist` generates, so
// the published types cannot drift from the API. It is never run.
import init, { mountAll, ReadingWidget } from '../../dist/pkg/reading_widget.js';
import type {
  ReadingWidgetArticle,
  ReadingWidgetAttributes,
  ReadingWidgetCause,
  ReadingWidgetChange,
  ReadingWidgetElement,
  ReadingWidgetLabels,
  ReadingWidgetOptions,
  ReadingWidgetSection,
  ReadingWidgetState,
} from '../../dist/pkg/reading_widget.js';

// ANCHOR: mount (docs/src/api.md includes the lines up to ANCHOR_END)
export async function embed(host: HTMLElement): Promise<ReadingWidgetState> {
  await init();
  mountAll();

  const labels: ReadingWidgetLabels = { readFull: '전체 기사 읽기', minutes: '{n}분' };
  const options: ReadingWidgetOptions = { mode: 'full', article: 'ukraine-war-korean-war', persist: false, labels };
  const byElement: ReadingWidget = ReadingWidget.mount(host, options);
  const bySelector: ReadingWidget = ReadingWidget.mount('#reader');

  byElement.showSummary();
  byElement.showFull();
  byElement.toggle();
  byElement.expandSection('the-dead-and-the-deserters');
  byElement.collapseSection('the-dead-and-the-deserters');
  const state: ReadingWidgetState = byElement.state();
  const mode: 'summary' | 'full' = state.mode;
  const expanded: string[] = state.expanded;
  byElement.destroy();
  bySelector.destroy();
  return { article: state.article, mode, expanded };
}
// ANCHOR_END: mount

/** The light DOM, finding a widget again, the articles, and the events a host listens to. */
export function observe(host: HTMLElement, log: (line: string) => void): () => void {
  const lightDom: ReadingWidgetOptions = { shadow: false, persist: false };
  const widget: ReadingWidget = ReadingWidget.mount(host, lightDom);
  const found: ReadingWidget | undefined = ReadingWidget.get(host);
  found?.showFull();
  ReadingWidget.get('#reader')?.toggle();

  const articles: ReadingWidgetArticle[] = ReadingWidget.articles();
  for (const article of articles) {
    const { slug, title, dek, date, author, language } = article;
    const texts: string[] = [slug, title, dek, date, author, language];
    const tags: string[] = article.tags;
    const minutes: number = article.minutes;
    const sections: ReadingWidgetSection[] = article.sections;
    for (const { id, heading, minutesLeft } of sections) {
      log(`${texts.join()} ${tags.join()} ${minutes.toFixed(0)}: ${id} ${heading} ${minutesLeft.toFixed(0)}`);
    }
  }

  const onChange = (event: CustomEvent<ReadingWidgetChange>): void => {
    const cause: ReadingWidgetCause = event.detail.cause;
    const section: string | null = event.detail.section;
    // A change carries the whole state, too.
    const state: ReadingWidgetState = event.detail;
    if (cause === 'user' && section !== null) {
      const id: string = section;
      log(`${state.article}: the reader ${state.expanded.includes(id) ? 'opened' : 'folded'} ${id}`);
    }
  };
  const onReady = (event: CustomEvent<ReadingWidgetState>): void => {
    const { article, mode, expanded } = event.detail;
    log(`${article} ready in ${mode}, ${expanded.length} open`);
  };
  host.addEventListener('readingwidget:change', onChange);
  host.addEventListener('readingwidget:ready', onReady);
  // Typed without annotations: the event map knows the details.
  host.addEventListener('readingwidget:change', (event) => {
    const causes: ReadingWidgetCause[] = ['user', 'api', 'hash', 'find', 'restore'];
    log(`${causes.indexOf(event.detail.cause)} ${event.detail.section ?? 'no section'}`);
  });
  document.addEventListener('readingwidget:ready', (event) => log(event.detail.mode));

  return () => {
    host.removeEventListener('readingwidget:change', onChange);
    host.removeEventListener('readingwidget:ready', onReady);
    widget.destroy();
  };
}

// Misuse the types must reject: each line fails to compile without its directive, and an
// unused directive is itself an error, so these lines prove the types are strict.
export function rejected(host: HTMLElement): void {
  // @ts-expect-error: modes are 'summary' or 'full'
  ReadingWidget.mount(host, { mode: 'wide' });
  // @ts-expect-error: unknown option
  ReadingWidget.mount(host, { colour: 'red' });
  // @ts-expect-error: labels are strings
  ReadingWidget.mount(host, { labels: { readFull: 5 } });
  // @ts-expect-error: a target is an Element or a selector
  ReadingWidget.mount(42);
  // @ts-expect-error: shadow is true or false
  ReadingWidget.mount(host, { shadow: 'yes' });
  // @ts-expect-error: get finds no widget where there is none
  const handle: ReadingWidget = ReadingWidget.get(host);
  handle.toggle();
  // @ts-expect-error: 'click' is not a cause
  const cause: ReadingWidgetCause = 'click';
  host.addEventListener('readingwidget:change', (event) => {
    // @ts-expect-error: a cause is never 'clicked'
    if (event.detail.cause === 'clicked') log(cause);
    // @ts-expect-error: section is null for a mode change or "Expand all"
    const section: string = event.detail.section;
    log(section);
  });
  host.addEventListener('readingwidget:ready', (event) => {
    // @ts-expect-error: ready tells the state, not a cause
    log(event.detail.cause);
  });
  // @ts-expect-error: minutes is a number
  const minutes: string = ReadingWidget.articles()[0].minutes;
  log(minutes);
}

function log(line: string): void {
  console.log(line);
}

// ANCHOR: element (docs/src/embedding.md includes the lines up to ANCHOR_END)
/** The element, as a page finds it or creates it, typed through HTMLElementTagNameMap. */
export async function element(slug: string): Promise<ReadingWidgetState> {
  const found: ReadingWidgetElement | null = document.querySelector('reading-widget');
  const made = document.createElement('reading-widget');
  made.setAttribute('article', slug);
  made.labels = { readFull: 'Everything' };
  document.body.append(made);
  const ready: ReadingWidgetState = await made.ready;
  made.showFull();
  made.expandSection(ready.expanded[0] ?? '');
  const mode: 'summary' | 'full' = made.state().mode;
  made.addEventListener('readingwidget:change', (event) => {
    const cause: ReadingWidgetCause = event.detail.cause;
    const section: string | null = event.detail.section;
    void cause;
    void section;
  });
  const attributes: ReadingWidgetAttributes = { article: slug, base: '/articles/', mode, persist: 'false', shadow: 'false', loading: 'lazy' };
  // @ts-expect-error: a base is a URL, written as a string
  const based: ReadingWidgetAttributes = { base: new URL('/articles/', location.href) };
  // @ts-expect-error: 'wide' is not a mode
  const wrong: ReadingWidgetAttributes = { mode: 'wide' };
  // @ts-expect-error: 'later' is not a loading value
  const late: ReadingWidgetAttributes = { loading: 'later' };
  // @ts-expect-error: the element has no destroy(); it lets go when it leaves the document
  made.destroy();
  void found;
  void attributes;
  void wrong;
  void late;
  void based;
  return made.ready;
}
// ANCHOR_END: element
