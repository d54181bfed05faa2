import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CHROMIUM, chromiumLaunchOptions } from '../../bench/chromium.mjs';

type Playwright = typeof import('playwright-core');
const playwright = (await import('playwright-core').catch(() => undefined)) as
  Playwright | undefined;

/** Why the browser tests cannot run here, or undefined when they can. */
export const missingBrowser: string | undefined = !playwright
  ? 'playwright-core is not installed'
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing (apt-get install chromium)`
    : undefined;

/**
 * Call inside the test file's top `describe`: without a browser the tests say they are skipped,
 * and under `CI=true` a missing browser is a failing test, never a silent skip.
 */
export function browserRequiredOnCi(what: string): void {
  if (missingBrowser) console.warn(`${what} skipped: ${missingBrowser}`);
  it.runIf(missingBrowser !== undefined && process.env.CI === 'true')('has a browser on CI', () => {
    expect.fail(`CI=true, but ${missingBrowser!}: the browser test cannot run`);
  });
}

export function launchChromium() {
  return playwright!.chromium.launch(chromiumLaunchOptions);
}

/** Where screenshots are kept (test/artifacts/, not committed): the folder, created. */
export function artifactPath(name: string): string {
  const folder = fileURLToPath(new URL('../artifacts/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}
