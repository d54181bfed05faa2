import type { LintReport, PageSummary } from '../engine.js';
import type { Finding } from '../model/finding.js';

type Scorecard = NonNullable<PageSummary['linkability']>;

/** Scorecards' JSON text made ahead (see {@link prepareScorecardJson}), as UTF-8. */
const prepared = new WeakMap<Scorecard, Buffer>();
/** Whole elements of `pages` or `findings` whose text is known (see {@link adoptElementJson}). */
const elements = new WeakMap<PageSummary | Finding, readonly Buffer[]>();

/** Where a page's keys are in the report: `{ "pages": [ { here } ] }`. */
const PAGE_KEY_INDENT = '\n      ';
const PAGE_INDENT = '\n    ';

/** What `JSON.stringify` writes around a value three objects deep, as a page's keys are. */
const NESTED_START = '{\n  "_": {\n    "_": {\n      "_": ';
const NESTED_END = '\n    }\n  }\n}';

/** The JSON text of a scorecard as the report writes it (`"linkability": <this>`). */
function scorecardText(scorecard: Scorecard): string {
  // Nested, JSON.stringify indents it as the report does, in native code (no re-indenting).
  const text = JSON.stringify({ _: { _: { _: scorecard } } }, null, 2);
  return text.slice(NESTED_START.length, -NESTED_END.length);
}

/**
 * Makes the JSON text of a page's scorecard now, for the report's bytes
 * (`jsonReportBytes`, `formatJsonBytes`) to join in later.
 * Scorecards are nine tenths of a report's bytes and need only their page: a run that has pages
 * early (the Astro integration, as the build writes them) prepares them then, and the report at
 * the end costs little more than copying bytes. Kept as long as the scorecard is.
 */
export function prepareScorecardJson(scorecard: Scorecard): void {
  if (!prepared.has(scorecard)) prepared.set(scorecard, Buffer.from(scorecardText(scorecard)));
}

/**
 * A scorecard back from its text (the second piece of {@link pageJson}, kept by `RunCache`):
 * parsed only when one of its fields is read; the JSON report joins the text in as it is.
 */
export function scorecardFromJson(bytes: Buffer): Scorecard {
  let parsed: Scorecard | undefined;
  const field = (key: keyof Scorecard): PropertyDescriptor => ({
    enumerable: true,
    get: () => (parsed ??= JSON.parse(bytes.toString()) as Scorecard)[key],
  });
  // The keys in the order the scorecard's own object has them, as JSON.stringify writes them.
  const scorecard = Object.defineProperties(
    {},
    {
      score: field('score'),
      band: field('band'),
      profile: field('profile'),
      signals: field('signals'),
    },
  ) as Scorecard;
  prepared.set(scorecard, bytes);
  return scorecard;
}

/**
 * The report as JSON: the stable shape documented in ARCHITECTURE.md, as
 * `JSON.stringify(report, null, 2)` writes it, and a final newline.
 */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Whether the page's scorecard text was made ahead ({@link prepareScorecardJson}), or its own. */
export function hasPreparedScorecard(page: PageSummary): boolean {
  return elements.has(page) || (page.linkability !== undefined && prepared.has(page.linkability));
}

/** Whether the finding's text is known ({@link adoptElementJson}). */
export function hasPreparedFinding(finding: Finding): boolean {
  return elements.has(finding);
}

/**
 * Gives a page's or finding's text as an element of the report's array (its first line without
 * the indent), kept from an earlier run ({@link pageJsonBytes}, {@link findingJsonBytes}): the
 * JSON report joins it in as it is. The element must not change after.
 */
export function adoptElementJson(element: PageSummary | Finding, pieces: readonly Buffer[]): void {
  elements.set(element, pieces);
}

/**
 * A finding's text as an element of `findings`, as UTF-8 in pieces (see {@link adoptElementJson}).
 */
export function findingJson(finding: Finding): readonly Buffer[] {
  return elements.get(finding) ?? [Buffer.from(elementText(finding))];
}

/**
 * One element of `pages`, indented as in the report (the first line without its indent), in
 * pieces: the scorecard's text is the one made ahead when it was, and the second of three pieces
 * (`RunCache` finds it there).
 */
export function pageJson(page: PageSummary): readonly Buffer[] {
  const known = elements.get(page);
  if (known) return known;
  const keys = Object.keys(page);
  const { linkability } = page;
  if (linkability === undefined || keys[keys.length - 1] !== 'linkability') {
    return [Buffer.from(elementText(page))];
  }
  // Copied key by key (a `delete` would leave V8 a slower object to stringify).
  const rest: Record<string, unknown> = {};
  for (const key of keys) {
    if (key !== 'linkability') rest[key] = page[key as keyof PageSummary];
  }
  const head = elementText(rest);
  // `{…\n    }` → `{…,\n      "linkability": …\n    }`: the key JSON.stringify would write last.
  return [
    Buffer.from(`${head.slice(0, -PAGE_INDENT.length - 1)},${PAGE_KEY_INDENT}"linkability": `),
    prepared.get(linkability) ?? Buffer.from(scorecardText(linkability)),
    PAGE_END,
  ];
}

const PAGE_END = Buffer.from(`${PAGE_INDENT}}`);
/** What `JSON.stringify` writes around a value two objects deep, as an array element is. */
const ELEMENT_START = '{\n  "_": {\n    "_": ';
const ELEMENT_END = '\n  }\n}';

/** An element of the report's arrays, indented as there (the first line without its indent). */
function elementText(element: object): string {
  // Nested, JSON.stringify indents it as the report does, in native code (no re-indenting).
  return JSON.stringify({ _: { _: element } }, null, 2).slice(
    ELEMENT_START.length,
    -ELEMENT_END.length,
  );
}
