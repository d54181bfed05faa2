import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryPrefix, type CliIo } from 'linkworthy';
import { describe, expect, it } from 'vitest';
import { validateSarif } from '../support/sarif.js';
import { tempSite } from '../support/temp-site.js';
import { parseXml } from '../support/xml.js';
import { runCli, type CliRun } from '../support/cli.js';

/** Without the outer environment, so GitHub's variables never leak into these runs. */
function run(argv: string[], cwd: string, extra: Partial<CliIo> = {}): Promise<CliRun> {
  return runCli(argv, cwd, { progressTerminal: false, env: {}, ...extra });
}

// One broken link (error) and one non-descriptive anchor (warning), nothing else.
const SITE = {
  'index.html':
    '<h1>Home</h1><p><a href="/guide/">The guide</a> <a href="/gone/">Gone, 100%: really</a> <a href="/guide/">click here</a></p>',
  'guide/index.html': '<h1>Guide</h1><p><a href="/">Home page</a></p>',
};
const repo = tempSite({
  'dist/linkworthy.config.json': '{}',
  ...Object.fromEntries(Object.entries(SITE).map(([path, text]) => [`dist/${path}`, text])),
});
const clean = tempSite({
  'public/index.html': '<a href="/a/">Page A</a>',
  'public/a/index.html': '<a href="/">Home page</a>',
});
const empty = tempSite({ 'README.md': '# nothing built' });

describe('linkworthy [dir]', () => {
  it('finds the build folder when none is given', async () => {
    const result = await run(['-f', 'json'], repo);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { summary: { pages: number } };
    expect(report.summary.pages).toBe(2);
    expect((await run([], clean)).code).toBe(0);
  });

  it('exits 2 and names the folders it looked for when there is none', async () => {
    const result = await run([], empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Missing the site folder to lint. None of `dist/`, `public/`, `_site/`, `site/`, `build/` is here',
    );
  });
});

describe('thresholds and exit codes', () => {
  it('--fail-on error (default) fails on errors only', async () => {
    expect((await run(['dist'], repo)).code).toBe(1);
    expect((await run(['dist', '--rule', 'broken-link=off'], repo)).code).toBe(0);
  });

  it('--fail-on warn fails on warnings, --fail-on never never fails', async () => {
    const warnOnly = ['dist', '--rule', 'broken-link=off'];
    expect((await run([...warnOnly, '--fail-on', 'warn'], repo)).code).toBe(1);
    expect((await run(['dist', '--fail-on', 'never'], repo)).code).toBe(0);
  });

  it('--max-warnings fails when there are more warnings than allowed', async () => {
    const warnOnly = ['dist', '--rule', 'broken-link=off'];
    expect((await run([...warnOnly, '--max-warnings', '1'], repo)).code).toBe(0);
    const over = await run([...warnOnly, '--max-warnings', '0'], repo);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warnings, more than the 0 allowed by --max-warnings');
  });

  it('--rule sets severities and is repeatable', async () => {
    const result = await run(
      ['dist', '-f', 'json', '--rule', 'broken-link=warn', '--rule', 'non-descriptive-anchor=off'],
      repo,
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; severity: string }[];
    };
    expect(report.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['broken-link', 'warn'],
    ]);
  });

  it('--quiet reports errors only', async () => {
    const result = await run(['dist', '--quiet', '-f', 'json'], repo);
    const report = JSON.parse(result.stdout) as {
      summary: { warnings: number };
      findings: { severity: string }[];
    };
    expect(report.findings.map((finding) => finding.severity)).toEqual(['error']);
    expect(report.summary.warnings).toBe(0);
    expect(result.code).toBe(1);
  });

  it('exits 2 on bad flag values, with what was expected', async () => {
    const cases: [string[], RegExp][] = [
      [['--fail-on', 'warning'], /`--fail-on` takes error, warn, never, not `warning`/],
      [['--max-warnings', 'many'], /`--max-warnings` takes a whole number/],
      [['--rule', 'broken-link'], /`--rule` takes `<rule-id>=<severity>`/],
      [['--rule', 'broken-link=loud'], /not `broken-link=loud`/],
      [
        ['--format', 'xml'],
        /Unknown format `xml`; expected one of stylish, json, github, sarif, html, junit/,
      ],
      [['--nope'], /Unknown option/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(['dist', ...argv], repo);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('exits 2 on an unknown rule, with a did-you-mean', async () => {
    const result = await run(['dist', '--rule', 'broken-links=off'], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rules\.broken-links.*Did you mean `broken-link`\?/s);
  });
});

describe('output', () => {
  it('--help shows the formats, examples and exit codes', async () => {
    const result = await run(['--help'], repo);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('stylish, json, github, sarif, html, junit');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toMatch(
      /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 {2}usage or configuration error/,
    );
  });

  it('--no-color wins over a colour terminal; no progress output when stderr is not a terminal', async () => {
    const colored = await run(['dist'], repo, { colorTerminal: true });
    expect(colored.stdout).toContain('\u001B[');
    const plain = await run(['dist', '--no-color'], repo, { colorTerminal: true });
    expect(plain.stdout).not.toContain('\u001B[');
    expect(plain.stderr).toBe('');
  });

  it('github: annotations with repository paths, and the job summary in $GITHUB_STEP_SUMMARY', async () => {
    const summaryFile = join(repo, 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const result = await run(['dist', '-f', 'github'], repo, {
      env: { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: repo },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=dist\/index\.html,line=1,col=\d+,title=linkworthy broken-link::Broken link to `\/gone\/`/m,
    );
    expect(result.stdout).toMatch(/^::warning file=dist\/index\.html,.*non-descriptive-anchor::/m);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toMatch(/^# earlier step\n## linkworthy\n/);
    expect(summary).toContain('### `dist/index.html`');
    expect(summary.match(/^\| 1 \|/gm)).toHaveLength(2);
  });

  it('github: no job summary without $GITHUB_STEP_SUMMARY', async () => {
    const result = await run(['dist', '-f', 'github'], repo);
    expect(result.stdout).toContain('::error file=dist/index.html');
  });

  it('sarif, junit and html reports to --output', async () => {
    mkdirSync(join(repo, 'reports'), { recursive: true });
    for (const name of ['sarif', 'junit', 'html']) {
      const result = await run(['dist', '-f', name, '-o', `reports/r.${name}`], repo);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`wrote ${name} report to reports/r.${name}`);
    }
    const sarif = JSON.parse(readFileSync(join(repo, 'reports/r.sarif'), 'utf8')) as {
      runs: {
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'dist/index.html',
    );
    expect(parseXml(readFileSync(join(repo, 'reports/r.junit'), 'utf8')).errors).toEqual([]);
    const html = readFileSync(join(repo, 'reports/r.html'), 'utf8');
    const data = JSON.parse(/id="lw-data">(.*?)<\/script>/s.exec(html)![1]!) as { edges: number[] };
    expect(data.edges.length).toBeGreaterThan(0);
  });

  it('repositoryPrefix: the site folder relative to the repository', () => {
    expect(repositoryPrefix('/repo/site/dist', '/repo')).toBe('site/dist/');
    expect(repositoryPrefix('/repo', '/repo')).toBe('');
    expect(repositoryPrefix('/elsewhere/dist', '/repo')).toBe('');
  });
});
