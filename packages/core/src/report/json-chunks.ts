import type { LintReport, PageSummary } from '../engine.js';
import type { Finding } from '../model/finding.js';
import { findingJson, hasPreparedFinding, hasPreparedScorecard, pageJson } from './json.js';

/**
 * The size of a chunk of `pages` or `findings` formatted at once, in characters: under V8's
 * largest young-generation object (128 kB), so that each chunk's text dies young. A chunk of
 * 256 pages with scorecards (2.3 MB) went straight to the old generation, and at 100,000 pages
 * the heap grew by 1.2 GB of them before a full collection.
 */
const CHUNK_CHARS = 48 * 1024;
/** Elements in the first chunk of an array, before their size is known; never more than the last. */
const FIRST_CHUNK_ELEMENTS = 8;
const MAX_CHUNK_ELEMENTS = 256;
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
      let size = FIRST_CHUNK_ELEMENTS;
      /** The length of the last chunk, in characters (or bytes: near enough). */
      let lastLength = 0;
      for (let start = 0; start < items.length; start += size) {
        // Sized by the elements so far: findings are a few hundred characters, pages with their
        // scorecards several thousand.
        if (start > 0) size = chunkElements(size, lastLength);
        // A slice inside an object, stringified as one: JSON.stringify indents its elements by
        // four, as the report wants them, in native code (no per-element re-indenting), and
        // writes `undefined` and functions as null. The wrapper's own lines are cut off.
        const slice = items.slice(start, start + size);
        const last = start + size >= items.length;
        if (
          joinPrepared &&
          key === 'pages' &&
          (slice as PageSummary[]).some(hasPreparedScorecard)
        ) {
          const parts = elementsBytes((slice as PageSummary[]).map(pageJson), last);
          lastLength = parts.reduce((sum, part) => sum + part.length, 0);
          yield parts;
          continue;
        }
        if (joinPrepared && key === 'findings' && (slice as Finding[]).some(hasPreparedFinding)) {
          const parts = elementsBytes((slice as Finding[]).map(findingJson), last);
          lastLength = parts.reduce((sum, part) => sum + part.length, 0);
          yield parts;
          continue;
        }
        const json = JSON.stringify({ _: slice }, null, 2);
        lastLength = json.length;
        yield `${json.slice(WRAPPER_START.length, -WRAPPER_END.length)}${last ? '' : ','}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

/** How many elements the next chunk takes, given the length of the last one of `size`. */
function chunkElements(size: number, length: number): number {
  const perElement = Math.max(1, length / size);
  return Math.min(MAX_CHUNK_ELEMENTS, Math.max(1, Math.floor(CHUNK_CHARS / perElement)));
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
