import { readFileSync } from 'node:fs';
import { rules } from '@linkworthy/core';
import { expect, it } from 'vitest';

/** The cells of a Markdown table row, trimmed (Prettier pads them). */
function cells(row: string): string[] {
  return row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

it("the README's rule table lists every rule with its default and description", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = /<!-- rules:start[^>]*-->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1] ?? '';
  const rows = table
    .trim()
    .split('\n')
    .slice(2)
    .map((row) => cells(row));
  expect(rows).toEqual(
    [...rules.values()].map((rule) => [
      `[\`${rule.id}\`](docs/rules/${rule.id}.md)`,
      `${rule.meta.defaultSeverity}${rule.meta.recommended ? '' : ', off by default'}`,
      rule.meta.description,
    ]),
  );
});
