import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, lint, reportLinks, type LintReport } from '@linkworthy/core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTwin } from '../../bench/twin.mjs';
import {
  artifactPath,
  browserRequiredOnCi,
  launchChromium,
  missingBrowser,
} from '../support/browser.js';

/**
 * The HTML report in headless Chromium (Debian's `chromium`, driven by `playwright-core`):
 * it loads without console errors or network requests, filtering changes the findings table,
 * the drill-down opens and the link graph draws. A screenshot is kept in test/artifacts/.
 * Skips when playwright-core or the browser is missing; under CI=true a missing browser fails.
 */
describe('the HTML report in headless Chromium', () => {
  browserRequiredOnCi('html report browser test');

  describe.skipIf(missingBrowser !== undefined)('twin site', () => {
    const out = mkdtempSync(join(tmpdir(), 'linkworthy-report-'));
    afterAll(() => {
      rmSync(out, { recursive: true, force: true });
    });

    it('loads without errors, filters, drills down and draws the graph', async () => {
      generateTwin({ pages: 2000, seed: 3, out: join(out, 'twin') });
      let links: [number, number][] = [];
      const report: LintReport = await lint({
        root: join(out, 'twin', 'html'),
        outDir: '',
        onSite: (site) => {
          links = reportLinks(site);
        },
      });
      const file = join(out, 'report.html');
      writeFileSync(file, format(report, 'html', { links }));

      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('request', (request) => {
          if (!request.url().startsWith('file:')) requests.push(request.url());
        });
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

        // Filtering changes the table.
        const rows = () => page.locator('#f-body tr').count();
        const all = await page.locator('#f-count').textContent();
        const before = await rows();
        expect(before).toBeGreaterThan(0);
        const rule = report.findings.find((finding) => finding.severity === 'warn')!.ruleId;
        await page.selectOption('#f-rule', rule);
        const byRule = report.findings.filter((finding) => finding.ruleId === rule).length;
        expect(await page.locator('#f-count').textContent()).toContain(`of ${byRule} findings`);
        expect(await page.locator('#f-count').textContent()).not.toBe(all);
        await page.selectOption('#f-rule', '');
        await page.fill('#f-search', 'no finding says this');
        expect(await rows()).toBe(0);
        await page.fill('#f-search', '');
        expect(await rows()).toBe(before);

        // Sorting by a column header reorders the pages table.
        await page.click('#p-head th[data-key="i"]');
        const firstByInbound = await page
          .locator('#p-body tr td:nth-child(2)')
          .first()
          .textContent();
        const most = Math.max(...report.pages.map((summary) => summary.inbound));
        expect(Number(firstByInbound)).toBe(most);

        // The drill-down opens for a page.
        await page.locator('#p-body a.pagelink').first().click();
        expect(await page.locator('#drill h3').textContent()).toBeTruthy();
        expect(await page.locator('#drill h4').count()).toBeGreaterThanOrEqual(2);

        // The graph draws every page, with pixels on the canvas.
        const canvas = page.locator('#graph');
        expect(Number(await canvas.getAttribute('data-drawn'))).toBe(report.pages.length);
        // A string, so the test needs no DOM types: counts the non-white pixels of the graph.
        const painted = await page.evaluate<number>(`(() => {
          const canvas = document.querySelector('#graph');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let coloured = 0;
          for (let index = 0; index < data.length; index += 4) {
            if (data[index] !== 255 || data[index + 1] !== 255 || data[index + 2] !== 255) coloured++;
          }
          return coloured;
        })()`);
        expect(painted).toBeGreaterThan(1000);

        // The linkability distribution shows when the report has scores.
        const scored = (report.pages as { linkability?: unknown }[]).some(
          (summary) => summary.linkability !== undefined,
        );
        expect(await page.locator('#score-section').isVisible()).toBe(scored);
        if (scored) expect(await page.locator('#h-score .bar').count()).toBe(10);

        await page.locator('#graph-section').scrollIntoViewIfNeeded();
        await page.screenshot({ path: artifactPath('html-report.png'), fullPage: true });

        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);

    it('says "no entry point" when the site has no page at `/`', async () => {
      const root = join(out, 'no-entry');
      mkdirSync(join(root, 'a'), { recursive: true });
      mkdirSync(join(root, 'b'), { recursive: true });
      writeFileSync(join(root, 'a', 'index.html'), '<a href="/b/">B</a>');
      writeFileSync(join(root, 'b', 'index.html'), '<a href="/a/">A</a>');
      let links: [number, number][] = [];
      const report = await lint({
        root,
        outDir: '',
        onSite: (site) => {
          links = reportLinks(site);
        },
      });
      const file = join(out, 'no-entry.html');
      writeFileSync(file, format(report, 'html', { links }));
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        const card = page.locator('.card', { hasText: 'unreachable pages' });
        expect(await card.locator('.value').textContent()).toBe('no entry point');
        expect(await page.locator('#g-legend-unreach').textContent()).toBe('no entry point');
      } finally {
        await browser.close();
      }
    }, 60_000);

    it('shows the infographic gallery with hostile titles and code as text', async () => {
      const hostile = '</textarea><img src=x onerror="document.body.dataset.pwned=1">';
      const root = join(out, 'gallery');
      mkdirSync(root, { recursive: true });
      writeFileSync(join(root, 'index.html'), '<title>Home</title><p>Home</p>');
      const report = await lint({ root, outDir: '' });
      const file = join(out, 'gallery.html');
      const code = `<a href="https://example.com/"><img src="https://example.com/embed/x.png" alt="${hostile}"></a>`;
      writeFileSync(
        file,
        format(report, 'html', {
          infographics: [{ title: hostile, page: '/', code, image: '/embed/x.png' }],
        }),
      );
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        expect(await page.locator('#gallery').isVisible()).toBe(true);
        expect(await page.locator('#gallery figcaption strong').textContent()).toBe(hostile);
        expect(await page.locator('#gallery textarea').inputValue()).toBe(code);
        expect(await page.locator('#gallery textarea').getAttribute('readonly')).not.toBeNull();
        expect(await page.locator('#gallery img').getAttribute('src')).toBe('/embed/x.png');
        expect(await page.locator('body').getAttribute('data-pwned')).toBeNull();
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 60_000);
  });
});
