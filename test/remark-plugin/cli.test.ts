import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = join(repo, 'examples', 'remark-cli');
const cli = join(example, 'node_modules', 'remark-cli', 'cli.js');
const builds = [
  join(repo, 'packages', 'core', 'dist', 'index.js'),
  join(repo, 'packages', 'remark-plugin', 'dist', 'index.js'),
];

/** The 1-based line of the example file that contains `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(join(example, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`\`${text}\` is no longer in examples/remark-cli/${file}`);
  return index + 1;
}

/** Runs the example's remark-cli with `args` in the example folder. */
function remarkCli(args: string[]) {
  const missing = builds.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `remark-cli loads the built plugin, but ${missing.map((file) => file.slice(repo.length + 1)).join(' and ')} ` +
        'is missing: run `tsc -b packages/core packages/remark-plugin` (or `pnpm run build`) first.',
    );
  }
  const result = spawnSync(process.execPath, [cli, ...args, '--no-color'], {
    cwd: example,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  expect(result.error).toBeUndefined();
  return result;
}

describe('remark-cli on examples/remark-cli', () => {
  it('reports the deliberate problems of the Markdown files with file:line and exits 1', () => {
    const result = remarkCli(['.', '--quiet', '--frail']);
    const stderr = result.stderr;

    const fragmentLine = lineOf('docs/faq.md', './configuration.md#ouptut');
    const linkLine = lineOf('docs/getting-started.md', './fqa.md');
    const anchorLine = lineOf('posts/build-times.md', '[click here]');
    // vfile-reporter prints the file once, then `line:column-line:column  severity  reason`.
    expect(stderr).toMatch(
      new RegExp(
        `docs/faq\\.md\\n${fragmentLine}:\\d+-${fragmentLine}:\\d+\\s+error\\s+Broken fragment \`#ouptut\`.*Did you mean \`#output\`\\?\\s+broken-fragment\\s+linkworthy`,
      ),
    );
    expect(stderr).toMatch(
      new RegExp(
        `docs/getting-started\\.md\\n${linkLine}:\\d+-${linkLine}:\\d+\\s+error\\s+Broken link to \`\\./fqa\\.md\`.*Did you mean \`\\./faq\\.md\`\\?\\s+broken-link\\s+linkworthy`,
      ),
    );
    // A warning: `--frail` makes it fail the run too.
    expect(stderr).toMatch(
      new RegExp(
        `posts/build-times\\.md\\n${anchorLine}:\\d+-${anchorLine}:\\d+\\s+warning\\s+Link text \`click here\`.*non-descriptive-anchor\\s+linkworthy`,
      ),
    );
    expect(stderr).toMatch(/✖ 2 errors, ⚠ 1 warning/);
    // `--quiet`: files without messages are not listed. The HTML comment in the post parsed.
    expect(stderr).not.toContain('configuration.md\n');
    expect(stderr).not.toContain('README.md');
    expect(stderr).not.toContain('hello-mdx.mdx\n');
    expect(result.status).toBe(1);
  });

  it('reports the broken fragment from the MDX post into a Markdown file (the MDX config)', () => {
    const result = remarkCli(['.', '--ext', 'mdx', '--rc-path', '.remarkrc.mdx.mjs', '--frail']);
    const stderr = result.stderr;
    const line = lineOf('posts/hello-mdx.mdx', './build-times.md#resutls');
    expect(stderr).toMatch(
      new RegExp(
        `posts/hello-mdx\\.mdx\\n${line}:\\d+-${line}:\\d+\\s+error\\s+Broken fragment \`#resutls\`: \`posts/build-times\\.md\` has no element with that id\\. Did you mean \`#results\`\\?\\s+broken-fragment\\s+linkworthy`,
      ),
    );
    // `{/* lint ignore broken-link */}` turned off the link to the unwritten post; only MDX
    // files were given, so nothing is said about the Markdown files.
    expect(stderr).not.toContain('draft.mdx');
    expect(stderr).not.toMatch(/\.md\n/);
    expect(stderr).toMatch(/✖ 1 error/);
    expect(result.status).toBe(1);
  });
});
