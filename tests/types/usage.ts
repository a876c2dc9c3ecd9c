// Type-checked by `make test` (tsc --noEmit) against the .d.ts that `make dist` generates, so
// the published types cannot drift from the API. It is never run.
import init, { mountAll, ReadingWidget } from '../../dist/pkg/reading_widget.js';
import type { ReadingWidgetLabels, ReadingWidgetOptions, ReadingWidgetState } from '../../dist/pkg/reading_widget.js';

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
}
