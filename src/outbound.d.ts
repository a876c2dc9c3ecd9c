/** What `ReadingWidget.state()` returns, and the detail of `readingwidget:ready`. */
export interface ReadingWidgetState {
  /** The article's slug. */
  article: string;
  mode: 'summary' | 'full';
  /** Ids of the unfolded sections, in article order. */
  expanded: string[];
}

/** Why the state changed: the reader, a method call, the URL's #section, find-in-page or a
 * text fragment, or the state remembered for the tab. */
export type ReadingWidgetCause = 'user' | 'api' | 'hash' | 'find' | 'restore';

/** The detail of `readingwidget:change`: the new state, and what changed it. */
export interface ReadingWidgetChange extends ReadingWidgetState {
  /** The one section folded or unfolded, or null (a mode change, "Expand all"). */
  section: string | null;
  cause: ReadingWidgetCause;
}

/** One entry of `ReadingWidget.articles()`. */
export interface ReadingWidgetArticle {
  slug: string;
  title: string;
  dek: string;
  /** ISO 8601, e.g. "2024-10-23". */
  date: string;
  tags: string[];
  author: string;
  /** BCP 47 language tag. */
  language: string;
  /** Reading time of the full article, in whole minutes. */
  minutes: number;
  sections: ReadingWidgetSection[];
}

export interface ReadingWidgetSection {
  id: string;
  heading: string;
  /** Reading time from the top of this section to the end, in whole minutes. */
  minutesLeft: number;
}

/** The events a host element receives; they bubble and cross shadow roots. */
export interface ReadingWidgetEventMap {
  'readingwidget:change': CustomEvent<ReadingWidgetChange>;
  'readingwidget:ready': CustomEvent<ReadingWidgetState>;
}

declare global {
  interface HTMLElementEventMap extends ReadingWidgetEventMap {}
  interface DocumentEventMap extends ReadingWidgetEventMap {}
}
