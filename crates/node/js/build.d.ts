// reading-widget/build: the Node API (build.js). Node only: it reads and writes files.
import type { ReadingWidgetArticle } from './reading_widget.js';

/** One problem in an article, located, as `reading-widget check --format json` prints it. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** The front-matter key (`author.name`), `summary` or `body`; null for the file as a whole. */
  field: string | null;
  message: string;
  /** How to fix it; null where there is no one fix to give. */
  fix: string | null;
}

/** Thrown when articles do not compile; its message is every problem, one a line. */
export class ArticleError extends Error {
  problems: Problem[];
}

/** `file:line:col: message; fix`. */
export function format(problem: Problem): string;

/** This release's build id: it names the article files and marks pre-rendered markup. */
export const build: string;

/** The listing a build writes into its folder: `reading-widget.json`. */
export const LISTING: string;

/** An article's file under the build's folder: `pkg/articles/<slug>.<build>.bin`. */
export function articleFile(slug: string): string;

/** One article, compiled in memory. */
export interface Compiled {
  slug: string;
  /** The article file's bytes: what the widget fetches (serve them at `fileName` under the base). */
  file: Uint8Array;
  /** `pkg/articles/<slug>.<build>.bin`: where the widget looks for `file` under the base. */
  fileName: string;
  /** What `ReadingWidget.articles()` lists of it. */
  listing: ReadingWidgetArticle;
  /** The `<reading-widget>` element with the article pre-rendered in it, the preload links and the module script. */
  fragments: { shadow: string; light: string };
  /** The schema.org NewsArticle, as JSON safe inside a `<script type="application/ld+json">`. */
  jsonLd: string;
  /** The `<meta>` tags and the JSON-LD script for the page's `<head>`, one a line. */
  head: string[];
}

export interface CompileOptions {
  /** Names the article in problems. Default: 'article.md'. */
  path?: string;
  /** Where the build's files (`embed.js`, `pkg/`) are served, ending in '/'. Default: './'. */
  base?: string;
}

/** Compiles one article's source; throws an ArticleError with every problem. */
export function compile(text: string, options?: CompileOptions): Compiled;

/** Every problem in the articles (files, or folders of `*.md`); [] if none. */
export function check(inputs: string[]): Problem[];

export interface BuildOptions {
  /** The folder to write into. */
  out: string;
  /** Where that folder is served, ending in '/'. Default: './'. */
  base?: string;
  /** Called as the build goes: `done` of `total` articles. */
  progress?: (done: number, total: number) => void;
}

/** Files written, left as they were (same bytes, same modification time), and removed. */
export interface BuildResult {
  articles: number;
  written: number;
  unchanged: number;
  removed: number;
}

/** Builds the articles into `out`: what a site serves, and nothing else. Throws an ArticleError. */
export function buildSite(inputs: string[], options: BuildOptions): BuildResult;

/** Fills every `<reading-widget>` in the HTML files under `site`, at any depth, from the build found there. */
export function prerenderSite(site: string): { pages: number; filled: number };

/** A new article's source, dated today, with placeholders the compiler refuses until written. */
export function scaffold(title: string, options?: { slug?: string }): { slug: string; text: string };
