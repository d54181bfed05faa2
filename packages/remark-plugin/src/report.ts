import type { Finding } from '@linkworthy/core';
import type { VFile } from 'vfile';

/** The `source` of every message: what `<!--lint …-->`-style controls and reporters key on. */
export const SOURCE = 'linkworthy';

interface Point {
  line: number;
  column: number;
}

/**
 * Puts a finding on its file as a vfile message. `actual` is the href as written and every
 * `expected` entry is a whole replacement for it, and for links the message spans exactly the
 * href in the source when it can be found: the language server turns `expected` into quick
 * fixes that replace the message's range.
 */
export function reportFinding(file: VFile, finding: Finding): void {
  const start =
    finding.line === undefined ? undefined : { line: finding.line, column: finding.column ?? 1 };
  const place =
    start && finding.target !== undefined
      ? (hrefRange(file, start, finding.target) ?? start)
      : start;
  const message = file.message(finding.message, {
    ...(place ? { place } : {}),
    ruleId: finding.ruleId,
    source: SOURCE,
  });
  message.url = finding.docs;
  if (finding.note !== undefined) message.note = finding.note;
  if (finding.target !== undefined) message.actual = finding.target;
  const expected = expectedHrefs(finding);
  if (expected) message.expected = expected;
  message.fatal =
    finding.severity === 'error' ? true : finding.severity === 'warn' ? false : undefined;
}

/**
 * Did-you-mean suggestions as whole hrefs: `#setup` for `../guide.md#setpu` becomes
 * `../guide.md#setup`, and `./guide.md` for `./gide.md#setup` keeps the `#setup`.
 */
export function expectedHrefs(finding: Finding): string[] | undefined {
  const { suggestions, target } = finding;
  if (!suggestions || suggestions.length === 0) return undefined;
  if (target === undefined) return suggestions;
  const hashAt = target.indexOf('#');
  const beforeHash = hashAt === -1 ? target : target.slice(0, hashAt);
  const suffixAt = target.search(/[?#]/);
  const suffix = suffixAt === -1 ? '' : target.slice(suffixAt);
  return suggestions.map((suggestion) => {
    if (suggestion.startsWith('#')) return beforeHash + suggestion;
    return /[?#]/.test(suggestion) ? suggestion : suggestion + suffix;
  });
}

/**
 * The range of `href` in the source, searched from the start of its link: after `(`, `<`, a
 * quote or `=` and before `)`, `>`, a quote or white space, within the link's paragraph.
 * Undefined when the source is not at hand or the href is written differently (escapes,
 * character references, reference-style definitions elsewhere).
 */
function hrefRange(
  file: VFile,
  start: Point,
  href: string,
): { start: Point; end: Point } | undefined {
  if (href === '' || (typeof file.value !== 'string' && !(file.value instanceof Uint8Array))) {
    return undefined;
  }
  const text = String(file);
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 || (char === 13 && text.charCodeAt(index + 1) !== 10)) {
      lineStarts.push(index + 1);
    }
  }
  const lineStart = lineStarts[start.line - 1];
  if (lineStart === undefined) return undefined;
  const from = lineStart + start.column - 1;
  const paragraphEnd = /\n[\t ]*(?:\r?\n|$)/g;
  paragraphEnd.lastIndex = from;
  const limit = paragraphEnd.exec(text)?.index ?? text.length;
  const window = text.slice(from, limit);

  let at = window.indexOf(href);
  for (; at !== -1; at = window.indexOf(href, at + 1)) {
    const before = window[at - 1];
    const after = window[at + href.length];
    if (
      before !== undefined &&
      '(<"\'='.includes(before) &&
      (after === undefined || /[)>"'\s]/.test(after))
    ) {
      break;
    }
  }
  if (at === -1) return undefined;
  const offset = from + at;
  return { start: pointAt(lineStarts, offset), end: pointAt(lineStarts, offset + href.length) };
}

function pointAt(lineStarts: readonly number[], offset: number): Point {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}
