import { main, renderProgress, type CliIo } from 'linkworthy';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

describe('renderProgress', () => {
  it('fills the bar in proportion, with a head while it is not full', () => {
    expect(renderProgress({ phase: 'extract', done: 0, total: 2000 }, 10)).toBe(
      '[          ] 0/2000 files',
    );
    expect(renderProgress({ phase: 'extract', done: 1234, total: 2000 }, 10)).toBe(
      '[=====>    ] 1234/2000 files',
    );
    expect(renderProgress({ phase: 'extract', done: 2000, total: 2000 }, 10)).toBe(
      '[==========] 2000/2000 files',
    );
    expect(renderProgress({ phase: 'rules', done: 3, total: 30 }, 10)).toBe(
      '[>         ] 3/30 rules',
    );
  });

  it('clamps and copes with an empty total', () => {
    expect(renderProgress({ phase: 'extract', done: 5, total: 3 }, 4)).toBe('[====] 5/3 files');
    expect(renderProgress({ phase: 'rules', done: 0, total: 0 }, 4)).toBe('[====] 0/0 rules');
    expect(renderProgress({ phase: 'extract', done: 1, total: 2 })).toMatch(
      /^\[={14}> {15}\] 1\/2 files$/,
    );
  });
});

describe('the progress bar on standard error', () => {
  const site = tempSite({
    'dist/index.html': '<a href="/a/">A</a><a href="/b/">B</a>',
    'dist/a/index.html': '<a href="/">Home</a>',
    'dist/b/index.html': '<a href="/">Home</a>',
  });

  function run(progressTerminal: boolean) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      colorTerminal: false,
      progressTerminal,
      env: {},
      cwd: site,
    };
    return main(['dist', '-f', 'json'], io).then((code) => ({
      code,
      stdout: out.join(''),
      stderr: err.join(''),
    }));
  }

  it('draws files and rules on a terminal, in place, and clears the line at the end', async () => {
    const result = await run(true);
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\r\u001B[K');
    expect(lines).toContain('linkworthy: dist [====================] 3/3 files');
    expect(lines.some((line) => /^linkworthy: dist \[=+\] (\d+)\/\1 rules$/.test(line))).toBe(true);
    expect(result.stderr.endsWith('\r\u001B[K')).toBe(true);
    expect(result.stderr).not.toContain('\n');
    // Standard output carries the report alone.
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { pages: 3 } });
  });

  it('writes nothing to standard error when it is not a terminal', async () => {
    const result = await run(false);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
