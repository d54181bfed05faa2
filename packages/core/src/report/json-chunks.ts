import type { LintReport } from '../engine.js';

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
        const json = JSON.stringify({ _: items.slice(start, start + ELEMENTS_PER_CHUNK) }, null, 2);
        const last = start + ELEMENTS_PER_CHUNK >= items.length;
        yield `${json.slice(WRAPPER_START.length, -WRAPPER_END.length)}${last ? '' : ','}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`;
    }
  }
  yield '}\n';
}
