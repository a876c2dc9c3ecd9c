// A React 19 user's TSX, type-checked by `make test` like usage.ts: <reading-widget> with its
// attributes, its labels property and React 19's `on<event>` prop for its events. React has no
// types for a custom element of its own; the page declares it once, from the package's types,
// as below (docs/src/embedding.md includes the lines between the ANCHOR comments).
import { useState } from 'react';
import type {
  ReadingWidgetAttributes,
  ReadingWidgetChange,
  ReadingWidgetElement,
  ReadingWidgetLabels,
} from '../../dist/pkg/reading_widget.js';

// ANCHOR: declare_element
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'reading-widget': React.HTMLAttributes<ReadingWidgetElement> &
        React.RefAttributes<ReadingWidgetElement> &
        ReadingWidgetAttributes & {
          labels?: ReadingWidgetLabels;
          'onreadingwidget:change'?: (event: CustomEvent<ReadingWidgetChange>) => void;
        };
    }
  }
}
// ANCHOR_END: declare_element

const LABELS: ReadingWidgetLabels = { readFull: 'Read it all' };

export function Article({ slug }: { slug: string }) {
  const [mode, setMode] = useState<'summary' | 'full'>('summary');
  return (
    <>
      <reading-widget
        article={slug}
        mode="full"
        persist="false"
        labels={LABELS}
        ref={(element: ReadingWidgetElement | null) => void element?.ready.then((state) => setMode(state.mode))}
        onreadingwidget:change={(event) => setMode(event.detail.mode)}
      />
      {/* @ts-expect-error: 'wide' is not a mode */}
      <reading-widget article={slug} mode="wide" />
      <p>{mode}</p>
    </>
  );
}
