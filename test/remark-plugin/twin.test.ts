import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTwin } from '../../bench/twin.mjs';
import { linkworthyMessages, runEngine } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'linkworthy-twin-remark-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});
const manifest = generateTwin({ pages: 120, seed: 3, out });

describe('remark-cli over the Markdown twin (bench/twin.mjs)', () => {
  it('reports every planted fault the Markdown shares with the build, and nothing else', async () => {
    const { code, context } = await runEngine(join(out, 'md'), ['.'], {});
    expect(code).toBe(1);
    const reported = context.files.flatMap((file) =>
      linkworthyMessages(file).map(
        (message) => `${message.ruleId} ${file.path.replace(/\.md$/, '')}`,
      ),
    );
    expect(reported.sort()).toEqual(
      manifest.markdown.expected
        .map((fault) => `${fault.ruleId} ${(fault.url ?? '').slice(1, -1)}`)
        .sort(),
    );
  });
});
