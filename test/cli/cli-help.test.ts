import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';
import { runCli } from '../support/cli.js';

const run = runCli;

const repo = tempSite({ 'dist/index.html': '<h1>Home</h1>' });

describe('help and usage errors', () => {
  it('`baseline` without a folder says why the folder is not guessed', async () => {
    const result = await run(['baseline'], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing the site folder to record');
    expect(result.stderr).toContain('later builds are compared with it');
    expect(result.stderr).toContain('`linkworthy baseline dist`');
  });

  it('--help has examples for `baseline` and `embed`', async () => {
    const result = await run(['--help'], repo);
    expect(result.stdout).toMatch(/^ {2}linkworthy baseline dist /m);
    expect(result.stdout).toMatch(/^ {2}linkworthy embed dist --site /m);
    const embed = await run(['embed', '--help'], repo);
    expect(embed.code).toBe(0);
    expect(embed.stdout).toMatch(
      /Examples:\n {2}linkworthy embed dist --site https:\/\/example\.com/,
    );
  });

  it('--rule with an unknown id is a configuration error with a did-you-mean, exit 2', async () => {
    const result = await run(['dist', '--rule', 'orphan-pages=warn'], repo);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/orphan-pages.*Did you mean `orphan-page`\?/s);
  });
});
