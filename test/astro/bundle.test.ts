import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeLogger } from '../support/astro-logger.js';

// The package's entry as users load it (scripts/bundle-astro.mjs): the integration and its option
// validation for Astro's thread, the analysis thread with the core. The other tests run the
// TypeScript sources; the end-to-end builds (example-build, versions, starlight) run the bundle.
interface AstroIntegration {
  hooks: Record<string, unknown>;
}
const BUNDLE = fileURLToPath(
  new URL('../../packages/astro-integration/bundle/index.js', import.meta.url),
);

async function loadBundle(): Promise<(options?: unknown) => AstroIntegration> {
  if (!existsSync(BUNDLE)) throw new Error('Build the packages first (`npm test` does).');
  const module = (await import(pathToFileURL(BUNDLE).href)) as {
    default: (options?: unknown) => AstroIntegration;
  };
  return module.default;
}

const temp = mkdtempSync(join(tmpdir(), 'linkworthy-bundle-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('@linkworthy/astro as bundled', () => {
  it('is the package’s entry, with the analysis thread’s entry beside it', () => {
    const manifest = JSON.parse(
      readFileSync(
        new URL('../../packages/astro-integration/package.json', import.meta.url),
        'utf8',
      ),
    ) as { exports: { '.': { default: string } } };
    expect(manifest.exports['.'].default).toBe('./bundle/index.js');
    expect(existsSync(join(BUNDLE, '../build-worker-start.js'))).toBe(true);
  });

  it('has the core’s extraction worker beside the bundled core, which starts it from there', async () => {
    const page = join(temp, 'worker-page.html');
    writeFileSync(page, '<!doctype html><title>Page</title><h1>Page</h1><a href="/next/">Next</a>');
    const worker = new Worker(join(BUNDLE, '../worker.js'));
    try {
      const answer = await new Promise<{ id: number; results: { facts: { title?: string } }[] }>(
        (resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage({
            id: 7,
            jobs: [{ path: page, file: 'worker-page.html', kind: 'html' }],
          });
        },
      );
      expect(answer.id).toBe(7);
      expect(answer.results[0]!.facts.title).toBe('Page');
    } finally {
      await worker.terminate();
    }
  });

  it('rejects bad options with an AstroError and a hint', async () => {
    const linkworthy = await loadBundle();
    expect(() => linkworthy({ failOn: 'sometimes' })).toThrow(
      expect.objectContaining<object>({
        type: 'AstroUserError',
        message: expect.stringContaining(
          "failOn: expected one of 'error', 'warn', 'never'",
        ) as unknown,
        hint: expect.stringContaining('linkworthy()') as unknown,
      }),
    );
  });

  it('turns a config error of the analysis on Astro’s thread into an AstroError', async () => {
    // Without `astro:build:start` there is no analysis thread: `@linkworthy/core` runs in the
    // hook and throws its own `ConfigError`, another class than the bundle's copy.
    const root = join(temp, 'bad-config');
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist/index.html'), '<!doctype html><title>Home</title><h1>Home</h1>');
    writeFileSync(
      join(root, 'linkworthy.config.json'),
      JSON.stringify({ rules: { 'broken-lnk': 'error' } }),
    );
    const rootUrl = pathToFileURL(`${root}/`);
    const { hooks } = (await loadBundle())({ report: false });
    const { logger } = fakeLogger();
    const call = (hook: unknown, params: Record<string, unknown>) =>
      (hook as (params: Record<string, unknown>) => Promise<void>)(params);
    await call(hooks['astro:config:setup'], {
      command: 'build',
      logger,
      updateConfig: () => ({}),
      config: {
        root: rootUrl,
        srcDir: new URL('src/', rootUrl),
        outDir: new URL('dist/', rootUrl),
        base: '/',
        trailingSlash: 'ignore',
        build: { format: 'directory' },
      },
    });
    await call(hooks['astro:routes:resolved'], { routes: [], logger });
    await expect(
      call(hooks['astro:build:done'], { dir: new URL('dist/', rootUrl), pages: [], logger }),
    ).rejects.toMatchObject({
      type: 'AstroUserError',
      message: expect.stringMatching(
        /rules\.broken-lnk: unknown rule\. Did you mean `broken-link`/,
      ) as unknown,
      hint: expect.stringContaining('linkworthy.config.*') as unknown,
    });
  });
});
