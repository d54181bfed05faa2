import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// End to end: a real `astro build` of examples/astro-blog, which imports @linkworthy/astro from
// its built `dist/` (the package's `default` export condition), as a user's project would.
const workspace = fileURLToPath(new URL('../../', import.meta.url));
const example = `${workspace}examples/astro-blog/`;
const astroBin = `${example}node_modules/astro/bin/astro.mjs`;
const builtPackages = [
  `${workspace}packages/core/dist/index.js`,
  `${workspace}packages/astro-integration/dist/index.js`,
];
const brokenPost = 'src/content/blog/milk-steaming-basics.md';
const brokenHref = '/blog/dialing-in-a-new-bag/#taste-the-shot-first';

interface Run {
  code: number;
  output: string;
}

function astroBuild(): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [astroBin, 'build'],
      {
        cwd: example,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 170_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`astro build could not run: ${error.message}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('examples/astro-blog', () => {
  it('builds, exits 0 and names the Markdown source and line of the broken fragment', async () => {
    const missing = builtPackages.filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new Error(
        `The example imports the built packages, and these are missing: ${missing.join(', ')}. ` +
          'Run `pnpm run build` (tsc -b) first; `pnpm test` does it for you.',
      );
    }
    const source = readFileSync(`${example}${brokenPost}`, 'utf8').split('\n');
    const line = source.findIndex((text) => text.includes(brokenHref)) + 1;
    expect(line, `the deliberate broken fragment is still in ${brokenPost}`).toBeGreaterThan(0);
    const column = source[line - 1]!.indexOf('[') + 1;

    const { code, output } = await astroBuild();
    expect(code, output).toBe(0);
    expect(output).toMatch(
      new RegExp(
        `\\[ERROR\\] \\[@linkworthy/astro\\] ${brokenPost}:${line}:${column} {2}Broken fragment \`#taste-the-shot-first\`: \`/blog/dialing-in-a-new-bag/\` has no element with that id\\..* {2}\\(broken-fragment\\)`,
      ),
    );
    expect(output).toMatch(
      /\[@linkworthy\/astro\] linkworthy: 1 error, 0 warnings in \d+ pages and \d+ links \(\d+ ms\)/,
    );
    expect(output).toContain('Complete!');
  }, 180_000);
});
