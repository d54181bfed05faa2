import {
  escapeData,
  escapeProperty,
  extractHtml,
  format,
  formatGithub,
  formatGithubSummary,
  formatHtml,
  formatJunit,
  rules,
  sarifLog,
  scriptJson,
  Site,
  siteInfographics,
  workflowCommand,
  type Finding,
  type LintReport,
} from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { validateSarif } from '../support/sarif.js';
import { parseXml } from '../support/xml.js';

const HOSTILE = '</script><script>alert(1)</script>';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'broken-link',
    messageId: 'missing',
    severity: 'error',
    message: 'Broken link.',
    url: '/',
    file: 'index.html',
    line: 3,
    column: 5,
    docs: 'https://github.com/linkworthy/linkworthy/blob/main/docs/rules/broken-link.md',
    ...overrides,
  };
}

/** The finding without some of its optional properties. */
function without(base: Finding, ...keys: ('line' | 'column' | 'file')[]): Finding {
  return Object.fromEntries(
    Object.entries(base).filter(([key]) => !(keys as string[]).includes(key)),
  ) as unknown as Finding;
}

function report(findings: Finding[], pages: LintReport['pages'] = []): LintReport {
  const count = (severity: Finding['severity']) =>
    findings.filter((each) => each.severity === severity).length;
  return {
    tool: { name: 'linkworthy', version: '0.1.0' },
    root: '/site',
    summary: {
      pages: pages.length,
      links: 4,
      errors: count('error'),
      warnings: count('warn'),
      infos: count('info'),
      durationMs: 12,
    },
    pages,
    findings,
  };
}

const PAGES: LintReport['pages'] = [
  { url: '/', file: 'index.html', inbound: 1, outbound: 2, depth: 0, equity: 0.5 },
  { url: '/a,b:c/', file: 'a,b:c/index.html', inbound: 1, outbound: 1, depth: 1, equity: 0.3 },
  {
    url: `/${HOSTILE}/`,
    file: `${HOSTILE}/index.html`,
    inbound: 0,
    outbound: 0,
    depth: null,
    equity: 0.2,
  },
];

describe('github format', () => {
  it('escapes messages as GitHub requires: %, CR and LF', () => {
    expect(escapeData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
  });

  it('escapes property values: also : and ,', () => {
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('writes one workflow command per finding with escaped file, title and message', () => {
    const text = formatGithub(
      report([
        finding({
          file: 'docs/a,b:c.html',
          message: 'Broken: 50% of `a,b`\nsecond line',
          line: 7,
          column: 2,
        }),
        without(finding({ severity: 'warn', ruleId: 'orphan-page' }), 'line', 'column'),
        finding({ severity: 'info', ruleId: 'link-suggestion', note: 'why: because' }),
      ]),
      { pathPrefix: 'site/' },
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=site/docs/a%2Cb%3Ac.html,line=7,col=2,title=linkworthy broken-link::Broken: 50%25 of `a,b`%0Asecond line',
    );
    expect(lines[1]).toBe(
      '::warning file=site/index.html,title=linkworthy orphan-page::Broken link.',
    );
    expect(lines[2]).toBe(
      '::notice file=site/index.html,line=3,col=5,title=linkworthy link-suggestion::Broken link.%0Awhy: because',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('linkworthy: 1 error, 1 warning, 1 info in 0 pages');
  });

  it('sends columns only when the annotation stays on one line', () => {
    expect(
      workflowCommand('error', { file: 'a', line: 1, endLine: 3, col: 2, endColumn: 4 }, 'm'),
    ).toBe('::error file=a,line=1,endLine=3::m');
    expect(
      workflowCommand('error', { file: 'a', line: 2, endLine: 2, col: 2, endColumn: 4 }, 'm'),
    ).toBe('::error file=a,line=2,endLine=2,col=2,endColumn=4::m');
    expect(workflowCommand('notice', {}, 'm')).toBe('::notice::m');
  });

  it('lists every finding in the job summary, grouped by file, escaped for Markdown tables', () => {
    const summary = formatGithubSummary(
      report([
        finding({ file: 'a.html', message: `pipe | and ${HOSTILE}` }),
        finding({ file: 'b.html', severity: 'warn', ruleId: 'orphan-page' }),
        finding({ file: 'a.html', line: 9 }),
      ]),
    );
    expect(summary).toContain('## linkworthy');
    expect(summary).toContain('**2** errors, **1** warnings');
    expect(summary.indexOf('### `a.html`')).toBeLessThan(summary.indexOf('### `b.html`'));
    expect(summary.match(/^\| \d* \| (error|warn|info) \|/gm)).toHaveLength(3);
    expect(summary).toContain('pipe \\| and &lt;/script&gt;');
    expect(summary).not.toContain('<script>');
  });
});

describe('sarif format', () => {
  it('is SARIF 2.1.0 with every rule, its help and docs, and repository-relative locations', () => {
    const log = sarifLog(
      report([
        finding({ file: 'a b/index.html' }),
        without(finding({ severity: 'warn', ruleId: 'orphan-page' }), 'line', 'column'),
        without(finding({ severity: 'info', ruleId: 'link-suggestion' }), 'file'),
      ]),
      { pathPrefix: 'public/' },
    );
    expect(validateSarif(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id).sort()).toEqual([...rules.keys()].sort());
    const brokenLink = run.tool.driver.rules.find((rule) => rule.id === 'broken-link')!;
    expect(brokenLink.helpUri).toMatch(/docs\/rules\/broken-link\.md$/);
    expect(brokenLink.defaultConfiguration.level).toBe('error');
    expect(brokenLink.fullDescription.text).toBe(rules.get('broken-link')!.meta.description);
    expect(run.results.map((result) => result.level)).toEqual(['error', 'warning', 'note']);
    expect(run.results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'public/a%20b/index.html' },
      region: { startLine: 3, startColumn: 5 },
    });
    expect(run.results[1]!.locations[0]!.physicalLocation.region).toBeUndefined();
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
  });

  it('the structural validator catches what code scanning rejects', () => {
    const log = sarifLog(report([finding({})])) as unknown as Record<string, unknown>;
    expect(validateSarif({ ...log, version: '2.0.0' })).toContain('version: must be "2.1.0"');
    const broken = JSON.parse(JSON.stringify(log)) as {
      runs: { results: { message?: unknown; locations: unknown[] }[] }[];
    };
    delete broken.runs[0]!.results[0]!.message;
    broken.runs[0]!.results[0]!.locations = [];
    expect(validateSarif(broken)).toEqual([
      'runs[0].results[0].message.text: required string',
      'runs[0].results[0].locations: at least one location',
    ]);
  });
});

describe('junit format', () => {
  it('is well-formed XML with one test case per page and a failure for its findings', () => {
    const xml = formatJunit(
      report(
        [
          finding({ message: `Broken <a href="x">&amp; ${HOSTILE}\u0001`, url: '/' }),
          finding({ severity: 'warn', ruleId: 'orphan-page', url: `/${HOSTILE}/` }),
          finding({ severity: 'info', ruleId: 'link-suggestion', url: '/a,b:c/' }),
          finding({ ruleId: 'removed-url', url: '/gone/', file: 'linkworthy-baseline.json' }),
        ],
        PAGES,
      ),
    );
    const parsed = parseXml(xml);
    expect(parsed.errors).toEqual([]);
    const cases = parsed.elements.filter((element) => element.name === 'testcase');
    expect(cases.map((element) => element.attributes.name)).toEqual([
      '/',
      '/a,b:c/',
      `/${HOSTILE}/`,
      'linkworthy-baseline.json',
    ]);
    const failures = parsed.elements.filter((element) => element.name === 'failure');
    expect(failures).toHaveLength(3);
    expect(failures[0]!.attributes.message).toBe(`Broken <a href="x">&amp; ${HOSTILE}\uFFFD`);
    expect(parsed.elements[0]!.attributes).toMatchObject({ tests: '4', failures: '3' });
    expect(parsed.elements.filter((element) => element.name === 'system-out')).toHaveLength(1);
  });
});

describe('html format', () => {
  const hostileReport = report(
    [
      finding({ message: HOSTILE, url: `/${HOSTILE}/`, file: `${HOSTILE}/index.html` }),
      finding({ severity: 'warn', ruleId: 'orphan-page', note: '<img src=x onerror=alert(1)>' }),
    ],
    PAGES,
  );

  it('escapes every site value: no markup from the site reaches the page', () => {
    const html = formatHtml(hostileReport, {
      links: [
        [0, 1],
        [1, 0],
      ],
      title: `<b>${HOSTILE}`,
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('<title>&lt;b&gt;&lt;/script&gt;');
    const data = /<script type="application\/json" id="lw-data">(.*?)<\/script>/s.exec(html)![1]!;
    const parsed = JSON.parse(data) as { findings: { m: string }[]; edges: number[] };
    expect(parsed.findings[0]!.m).toBe(HOSTILE);
    expect(parsed.edges).toEqual([0, 1, 1, 0]);
    expect(scriptJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
  });

  it('is one self-contained file: no external scripts, styles, images or fetches', () => {
    const html = format(hostileReport, 'html');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|@import|url\(/);
    expect(html).toContain("default-src 'none'");
  });

  it('carries the linkability score when the report has one', () => {
    const pages = PAGES.map((page, index) => ({
      ...page,
      linkability: {
        score: 40 + index,
        signals: [
          {
            id: 'descriptive-anchors',
            points: 5,
            max: 10,
            gain: 5,
            measured: '2 of 4',
            fix: 'Name the target.',
          },
          { id: 'citations', points: null, max: 5, gain: 0, measured: 'n/a', fix: '' },
        ],
      },
    }));
    const html = formatHtml(report([], pages as unknown as LintReport['pages']));
    const data = /id="lw-data">(.*?)<\/script>/s.exec(html)![1]!;
    const parsed = JSON.parse(data) as {
      pages: { l?: number; g?: [string, number?][] }[];
      fixes: string[];
    };
    expect(parsed.pages.map((page) => page.l)).toEqual([40, 41, 42]);
    // Only signals a fix would improve; each fix text once.
    expect(parsed.pages[0]!.g).toEqual([['descriptive-anchors: 5/10 — 2 of 4', 0]]);
    expect(parsed.pages[2]!.g).toEqual([['descriptive-anchors: 5/10 — 2 of 4', 0]]);
    expect(parsed.fixes).toEqual(['Name the target.']);
  });

  it('lists infographics in a gallery, escaped, with thumbnails only from the site itself', () => {
    const code = `<a href="https://example.com/p/"><img src="https://example.com/embed/x.png" alt="${HOSTILE}"></a>`;
    const html = formatHtml(report([], PAGES), {
      infographics: [
        { title: HOSTILE, page: '/p/', code, image: '/embed/x.png' },
        {
          title: 'Elsewhere',
          page: 'javascript:alert(1)',
          code: '</textarea>',
          image: '//evil.example/x.png',
        },
      ],
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('</textarea>');
    expect(html).not.toContain('evil.example');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('<section id="gallery">');
    expect(html).toContain("img-src data: 'self'");
    const data = /id="lw-data">(.*?)<\/script>/s.exec(html)![1]!;
    const parsed = JSON.parse(data) as {
      infographics: { t: string; u: string; c: string; i?: string }[];
    };
    expect(parsed.infographics).toEqual([
      { t: HOSTILE, u: '/p/', c: code, i: '/embed/x.png' },
      { t: 'Elsewhere', u: 'javascript:alert(1)', c: '</textarea>' },
    ]);
    // Without infographics: no gallery, and no images allowed but data: URLs.
    const plain = formatHtml(report([], PAGES));
    expect(plain).toContain('<section id="gallery" hidden>');
    expect(plain).toContain('img-src data:">');
  });

  it('finds the gallery in a linted site: the copy boxes of its pages', () => {
    const code =
      '<a href="https://example.com/p/"><img src="https://example.com/embed/chart.png" alt="Chart"></a>';
    const page = extractHtml(
      `<title>P</title><figure><img data-infographic="Coffee &lt;by&gt; numbers" src="/c.png" alt="c"></figure>` +
        `<details><summary>Embed</summary><textarea readonly>${code.replace(/</g, '&lt;')}</textarea></details>`,
      { file: 'p/index.html' },
    );
    const entries = siteInfographics(new Site([page]));
    expect(entries).toEqual([
      { title: 'Coffee <by> numbers', page: '/p/', code, image: '/embed/chart.png' },
    ]);
  });
});

describe('format()', () => {
  it('dispatches every format name', () => {
    const sample = report([finding({})], PAGES);
    expect(format(sample, 'json')).toContain('"findings"');
    expect(format(sample, 'stylish')).toContain('broken-link');
    expect(format(sample, 'github')).toMatch(/^::error /);
    expect(format(sample, 'sarif')).toContain('"version": "2.1.0"');
    expect(format(sample, 'junit')).toMatch(/^<\?xml/);
    expect(format(sample, 'html')).toMatch(/^<!doctype html>/);
  });
});
