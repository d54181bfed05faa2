import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint, type Finding } from '@linkworthy/core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTwin, ORIGIN, type PlantedFinding } from '../../bench/twin.mjs';

const out = mkdtempSync(join(tmpdir(), 'linkworthy-twin-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});
const manifest = generateTwin({ pages: 150, seed: 7, out });

function matches(planted: PlantedFinding, finding: Finding): boolean {
  if (planted.ruleId !== finding.ruleId) return false;
  if (planted.members) {
    const members = (finding.data?.members ?? []) as string[];
    return planted.members.every((member) => members.includes(member));
  }
  if (planted.url !== undefined && finding.url !== planted.url) return false;
  if (planted.file !== undefined && finding.file !== planted.file) return false;
  return planted.target === undefined || finding.target === planted.target;
}

/** Pairs planted faults with findings one to one; returns what is left on either side. */
function compare(planted: readonly PlantedFinding[], findings: readonly Finding[]) {
  const unmatched = [...findings];
  const missed: PlantedFinding[] = [];
  for (const fault of planted) {
    const index = unmatched.findIndex((finding) => matches(fault, finding));
    if (index === -1) missed.push(fault);
    else unmatched.splice(index, 1);
  }
  const extra = unmatched.map(
    (finding) => `${finding.ruleId} ${finding.url ?? finding.file ?? ''} ${finding.target ?? ''}`,
  );
  return { missed, extra };
}

describe('the generated twin site (bench/twin.mjs)', () => {
  it('plants a fault of every kind the link rules report, and traps', () => {
    const kinds = new Set(manifest.expected.map((fault) => fault.ruleId));
    for (const ruleId of [
      'broken-link',
      'broken-fragment',
      'orphan-page',
      'unreachable-page',
      'click-depth',
      'dead-end-page',
      'content-orphan',
      'nofollow-internal-link',
      'non-descriptive-anchor',
      'not-in-sitemap',
      'sitemap-non-indexable',
      'redirected-link',
      'removed-url',
      'removed-fragment',
    ]) {
      expect(kinds, ruleId).toContain(ruleId);
    }
    expect(manifest.traps.length).toBeGreaterThan(15);
  });

  it('built HTML: every planted fault is found, and nothing else', async () => {
    const report = await lint({
      root: join(out, 'html'),
      outDir: '',
      configFile: false,
      baseline: '../linkworthy-baseline.json',
      config: { site: ORIGIN, rules: { 'content-orphan': 'warn', 'link-suggestion': 'off' } },
    });
    expect(report.summary.pages).toBe(manifest.pages);
    expect(compare(manifest.expected, report.findings)).toEqual({ missed: [], extra: [] });
  });

  it('Markdown twin: the faults it shares with the build, and nothing else', async () => {
    const report = await lint({
      root: join(out, 'md'),
      sources: ['.'],
      configFile: false,
      config: { rules: { 'link-suggestion': 'off' } },
    });
    expect(
      report.findings.map((finding) => `${finding.ruleId} ${finding.file ?? ''}`).sort(),
    ).toEqual(
      manifest.markdown.expected
        .map((fault) => `${fault.ruleId} ${(fault.url ?? '').slice(1, -1)}.md`)
        .sort(),
    );
  });
});
