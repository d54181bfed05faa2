import type { LintReport, PageSummary } from '../engine.js';
import type { Finding } from '../model/finding.js';
import { findingJson, hasPreparedFinding, hasPreparedScorecard, pageJson } from './json.js';

/** Elements of `pages` or `findings` formatted at once: chunks of about 100 kB. */
const ELEMENTS_PER_CHUNK = 256;
/** What `JSON.stringify({ _: [x] }, null, 2)` writes around the array's elements. */
const WRAPPER_START = '{\n  "_": [\n';
const WRAPPER_END = '\n  ]\n}';

/**
 * The JSON report (`formatJson`) in pieces, for large sites: the same text, byte for byte, but
 * never one string. A 100,000-page report is larger than the longest string V8 can hold (about
 * 512 MB), and building it whole would double the memory of the run's end. Each top-level array
 * (pages, findings) is written a slice of elements at a time.
 */
export function* jsonReportChunks(report: LintReport): Generator<string> {
  for (const chunk of reportChunks(report, false)) if (typeof chunk === 'string') yield chunk;
}

/**
 * {@link jsonReportChunks}'s text as UTF-8, in pieces (each page's parts apart), joining in the
 * scorecards' JSON text where it was made ahead (`prepareScorecardJson`): nine tenths of the
 * report's bytes are then copied, not formatted, at the end of the run.
 */
export function* jsonReportBytes(report: LintReport): Generator<Buffer> {
  for (const chunk of reportChunks(report, true)) {
    // A chunk of pages' parts goes as its parts: written together (`writev`), not copied first.
    if (typeof chunk === 'string') yield Buffer.from(chunk);
    else yield* chunk;
  }
}

/**
 * {@link jsonReportBytes} in one buffer: `formatJson`'s text, byte for byte, as UTF-8, for a
 * report small enough to be held whole (the Astro integration's).
 */
export function formatJsonBytes(report: LintReport): Buffer {
  // One copy of every piece: the pages' parts are not joined per chunk first.
  const parts: Buffer[] = [];
  for (const chunk of reportChunks(report, true)) {
    if (typeof chunk === 'string') parts.push(Buffer.from(chunk));
    else parts.push(...chunk);
  }
  return Buffer.concat(parts);
}

/** The report's text in pieces: strings, or the parts of a chunk of pages as bytes. */
function* reportChunks(report: LintReport, joinPrepared: boolean): Generator<string | Buffer[]> {
  const entries = Object.entries(report).filter(
    ([, value]) => value !== undefined && typeof value !== 'function',
  );
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      const items = value as unknown[];
      for (let start = 0; start < items.length; start += ELEMENTS_PER_CHUNK) {
        // A slice inside an object, stringified as one: JSON.stringify indents its elements by
        // four, as the report wants them, in native code (no per-element re-indenting), and
        // writes `undefined` and functions as null. The wrapper's own lines are cut off.
        const slice = items.slice(start, start + ELEMENTS_PER_CHUNK);
        const last = start + ELEMENTS_PER_CHUNK >= items.length;
        if (
          joinPrepared &&
          key === 'pages' &&
          (slice as PageSummary[]).some(hasPreparedScorecard)
        ) {
          yield elementsBytes((slice as PageSummary[]).map(pageJson), last);
          continue;
        }
        if (joinPrepared && key === 'findings' && (slice as Finding[]).some(hasPreparedFinding)) {
          yield elementsBytes((slice as Finding[]).map(findingJson), last);
          continue;
        }
        const json = JSON.stringify({ _: slice }, null, 2);
        yield `${json.slice(WRAPPER_START.length, -WRAPPER_END.length)}${last ? '' : ','}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

/** Elements, each in pieces (a page's scorecard made ahead, say), as the wrapper above gives them. */
function elementsBytes(elements: readonly (readonly Buffer[])[], last: boolean): Buffer[] {
  const parts: Buffer[] = [];
  for (const [index, pieces] of elements.entries()) {
    parts.push(index === 0 ? ELEMENT_INDENT : ELEMENT_SEPARATOR, ...pieces);
  }
  parts.push(last ? NEWLINE : COMMA_NEWLINE);
  return parts;
}

const ELEMENT_INDENT = Buffer.from('    ');
const ELEMENT_SEPARATOR = Buffer.from(',\n    ');
const NEWLINE = Buffer.from('\n');
const COMMA_NEWLINE = Buffer.from(',\n');
