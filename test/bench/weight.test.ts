import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '@linkworthy/core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate.mjs';
import { generateTwin } from '../../bench/twin.mjs';

const out = mkdtempSync(join(tmpdir(), 'linkworthy-weight-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file))
    .map((file) => join(dir, file));
}

describe('realistic weight (bench/generate.mjs, bench/twin.mjs)', () => {
  it('makes pages of 30–80 kB with the same links and planted errors as the light site', async () => {
    const light = generateSite({ pages: 150, linksPerPage: 30, seed: 3, out: join(out, 'light') });
    const heavy = generateSite({
      pages: 150,
      linksPerPage: 30,
      seed: 3,
      weight: 'realistic',
      out: join(out, 'heavy'),
    });
    const sizes = filesUnder(heavy.out, /\.html$/).map((file) => statSync(file).size);
    expect(sizes).toHaveLength(150);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(80_000);
    // The weight adds no ids, headings or planted errors; only the footer's section links.
    expect(heavy.errors).toBe(light.errors);
    expect({ ...heavy.totals, links: 0 }).toEqual({ ...light.totals, links: 0 });
    expect(heavy.totals.links).toBeGreaterThan(light.totals.links);
    const planted = JSON.parse(readFileSync(join(heavy.out, 'planted.json'), 'utf8')) as {
      params: { weight?: string };
      errors: unknown[];
    };
    expect(planted.params.weight).toBe('realistic');

    const report = await lint({ root: heavy.out, outDir: '', configFile: false });
    const broken = report.findings.filter((finding) => finding.ruleId.startsWith('broken-'));
    expect(broken).toHaveLength(planted.errors.length);
    expect(report.summary.links).toBe(heavy.totals.links);
  });

  it('writes the Markdown twin at the same weight', () => {
    generateTwin({ pages: 80, seed: 2, weight: 'realistic', only: 'md', out: join(out, 'twin') });
    expect(readdirSync(join(out, 'twin'))).not.toContain('html');
    const sizes = filesUnder(join(out, 'twin', 'md'), /^s\d+\/p\d+\.md$/).map(
      (file) => statSync(file).size,
    );
    expect(sizes.length).toBeGreaterThan(50);
    // 1,000–3,000 words of prose and 30 links: 8–25 kB of Markdown.
    expect(Math.min(...sizes)).toBeGreaterThan(7_000);
  });
});
