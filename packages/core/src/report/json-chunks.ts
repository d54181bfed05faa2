import type { LintReport } from '../engine.js';

/**
 * The JSON report (`formatJson`) in pieces, for large sites: the same text, byte for byte, but
 * never one string. A 100,000-page report is larger than the longest string V8 can hold (about
 * 512 MB), and building it whole would double the memory of the run's end. Each top-level array
 * (pages, findings) is written one element at a time.
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
      for (let item = 0; item < items.length; item++) {
        // `undefined` and functions in arrays are written as null, as JSON.stringify does.
        const element = (JSON.stringify(items[item], null, 2) as string | undefined) ?? 'null';
        yield `    ${element.replace(/\n/g, '\n    ')}${item < items.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`;
    }
  }
  yield '}\n';
}
