import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserRequiredOnCi,
  launchChromium,
  missingBrowser,
} from '../support/browser.js';

/**
 * The linkworthy Dev Toolbar app in headless Chromium against `astro dev` (Astro 7, from the
 * example blog's install) on test/astro/fixtures/dev-toolbar: a Markdown page with a broken
 * fragment and an infographic. The app shows the finding at its Markdown line, the page's
 * linkability score and the infographic's embed code; a screenshot is kept in test/artifacts/.
 * Skips when playwright-core or the browser is missing; under CI=true a missing browser fails.
 */
const workspace = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(workspace, 'test/astro/fixtures/dev-toolbar');
const astroPackage = join(workspace, 'examples/astro-blog/node_modules/astro');
const integrationDist = join(workspace, 'packages/astro-integration/dist/toolbar/app.js');

/** Links the fixture's two dependencies (node_modules is not committed). */
function linkDependencies(): void {
  const modules = join(fixture, 'node_modules');
  mkdirSync(join(modules, '@linkworthy'), { recursive: true });
  for (const [name, target] of [
    ['astro', astroPackage],
    ['@linkworthy/astro', join(workspace, 'packages/astro-integration')],
  ] as const) {
    rmSync(join(modules, name), { recursive: true, force: true });
    symlinkSync(target, join(modules, name), 'dir');
  }
}

/** Starts `astro dev` on a free port (Astro moves to the next free one) and waits for its URL. */
function startDev(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(astroPackage, 'bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', '0', '--force'],
      {
        cwd: fixture,
        // Its own process group, so the whole server can be stopped.
        detached: true,
        env: {
          // Not Vitest's environment: NODE_ENV=test and VITEST_* change how Astro and Vite run.
          ...Object.fromEntries(
            Object.entries(process.env).filter(
              ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'),
            ),
          ),
          ASTRO_TELEMETRY_DISABLED: '1',
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`astro dev did not start in 90 s:\n${output}`));
    }, 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Local\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`astro dev exited (${String(code)}):\n${output}`));
    });
  });
}

/** Stops the dev server's process group; SIGKILL if it has not gone after 5 s. */
async function stopDev(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => {
    signal('SIGKILL');
  }, 5_000);
  await gone;
  clearTimeout(timer);
}

describe('the Dev Toolbar app in headless Chromium', () => {
  browserRequiredOnCi('dev toolbar browser test');

  describe.skipIf(missingBrowser !== undefined)('astro dev on the fixture', () => {
    let dev: { child: ChildProcess; url: string } | undefined;

    beforeAll(async () => {
      if (!existsSync(integrationDist) || !existsSync(astroPackage)) {
        throw new Error(
          'The test serves the built integration with the example blog’s Astro: run `pnpm install` and `pnpm run build` (tsc -b) first; `npm test` does both.',
        );
      }
      linkDependencies();
      dev = await startDev();
    }, 120_000);

    afterAll(async () => {
      await stopDev(dev?.child);
    });

    it('shows the page’s finding, score and embed code', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        // Vite optimises the toolbar's dependencies on the first visit and reloads the page:
        // visit once, then again.
        await page.goto(`${dev!.url}/guide/`, { waitUntil: 'networkidle' });
        await page.goto(`${dev!.url}/guide/`, { waitUntil: 'networkidle' });
        errors.length = 0;

        await page.locator('astro-dev-toolbar button[data-app-id="linkworthy"]').click();
        const status = page.locator('[data-lw="status"]');
        await expect
          .poll(() => status.textContent(), { timeout: 30_000 })
          .toBe('1 error, 0 warnings on this page.');

        // The finding, at the Markdown source line of the link.
        const finding = page.locator('[data-lw="finding"][data-rule="broken-fragment"]');
        expect(await finding.locator('.message').textContent()).toBe(
          'Broken fragment `#contact-us`: `/about/` has no element with that id. Did you mean `#contact`?',
        );
        expect(await finding.locator('.where').textContent()).toBe('src/pages/guide.md:14:17');
        expect(await finding.locator('.sev').textContent()).toBe('error');

        // The linkability score, its band and the top gains.
        const score = Number(await page.locator('[data-lw="score-value"]').textContent());
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(await page.locator('[data-lw="score"]').textContent()).toMatch(
          /\/ 100 · (hard to link to|linkable with work|link-ready)/,
        );
        expect(await page.locator('[data-lw="gains"] li').count()).toBe(3);

        // The embed code the build will put in the page's copy box, with a copy button.
        const code = await page.locator('[data-lw="embed-code"]').inputValue();
        expect(code).toContain('href="https://coffee.example.com/guide/"');
        expect(code).toContain(
          'src="https://coffee.example.com/embed/espresso-extraction-chart.svg"',
        );
        expect(
          await page.locator('[data-lw="embeds"] button', { hasText: 'Copy embed code' }).count(),
        ).toBe(1);

        await page.screenshot({ path: artifactPath('dev-toolbar.png') });

        // A page of an `.astro` route names its route file.
        await page.goto(`${dev!.url}/about/`, { waitUntil: 'networkidle' });
        await page.locator('astro-dev-toolbar button[data-app-id="linkworthy"]').click();
        await expect
          .poll(() => page.locator('[data-lw="status"]').textContent(), { timeout: 30_000 })
          .toBe('0 errors, 0 warnings on this page.');
        expect(await page.locator('[data-lw="body"] .where').first().textContent()).toBe(
          'Made from src/pages/about.astro',
        );
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);
  });
});
