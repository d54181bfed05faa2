import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BaselineError,
  baselineToText,
  ConfigError,
  createBaseline,
  extractHtml,
  lint,
  parseBaseline,
  Site,
} from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

function site(files: Record<string, string>, base?: string): Site {
  return new Site(
    Object.entries(files).map(([file, html]) => extractHtml(html, { file })),
    base === undefined ? {} : { base },
  );
}

const pages = {
  'zebra/index.html': '<h1 id="z">Z</h1><h2 id="b-section">B</h2><h2 id="a-section">A</h2>',
  'index.html': '<h1 id="welcome">Welcome</h1>',
  'Über/index.html': '<p id="x">Über</p>',
  'about.html': '<p id="team"></p><a name="legacy"></a>',
  'empty/index.html': '<p>No ids</p>',
};

describe('baseline', () => {
  it('writes one sorted line per page, with the base path, and a trailing newline', () => {
    const text = baselineToText(createBaseline(site(pages, '/docs/')));
    expect(text).toBe(
      [
        '{',
        '  "format": "linkworthy-baseline",',
        '  "version": 1,',
        '  "pages": {',
        '    "/docs/": ["welcome"],',
        '    "/docs/about.html": ["legacy", "team"],',
        '    "/docs/empty/": [],',
        '    "/docs/zebra/": ["a-section", "b-section", "z"],',
        '    "/docs/Über/": ["x"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is stable: the page order, and a parse → write round trip, change nothing', () => {
    const forward = baselineToText(createBaseline(site(pages)));
    const reversed = baselineToText(
      createBaseline(site(Object.fromEntries(Object.entries(pages).reverse()))),
    );
    expect(reversed).toBe(forward);
    const parsed = parseBaseline(forward, 'b.json');
    expect(baselineToText(parsed)).toBe(forward);
    expect(parsed.file).toBe('b.json');
    // The lines `createBaseline` gives are the lines of the written file.
    expect(parsed.entries).toEqual(createBaseline(site(pages), 'b.json').entries);
    expect(parsed.entries.find((entry) => entry.url === '/zebra/')).toEqual({
      url: '/zebra/',
      ids: ['a-section', 'b-section', 'z'],
      line: 8,
    });
  });

  it('writes an empty site as an empty object', () => {
    const text = baselineToText(createBaseline(new Site([])));
    expect(text).toContain('"pages": {}');
    expect(parseBaseline(text).entries).toEqual([]);
  });

  it('adding a page or an id changes exactly one line', () => {
    const before = baselineToText(createBaseline(site(pages))).split('\n');
    const after = baselineToText(
      createBaseline(
        site({
          ...pages,
          'index.html': '<h1 id="welcome">Welcome</h1><h2 id="news">News</h2>',
          'blog/index.html': '<h1>Blog</h1>',
        }),
      ),
    ).split('\n');
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((line) => !before.includes(line))).toEqual([
      '    "/": ["news", "welcome"],',
      '    "/blog/": [],',
    ]);
  });

  it('reads any layout of valid JSON, sorting what it reads and finding each URL’s line', () => {
    const text = `{
  "format": "linkworthy-baseline", "version": 1,
  "pages": {
    "/b/": [
      "two",
      "one"
    ],
    "/a/": []
  }
}`;
    const baseline = parseBaseline(text, 'x.json');
    expect(baseline.entries).toEqual([
      { url: '/a/', ids: [], line: 8 },
      { url: '/b/', ids: ['one', 'two'], line: 4 },
    ]);
  });

  it.each([
    ['', 1, /not valid JSON/],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 1,\n  "pages": {\n    "/a/": [x]\n  }\n}',
      5,
      /not valid JSON \(Unexpected token/,
    ],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 1,\n  "pages": {\n    "/a/": [],\n  }\n}',
      6,
      /not valid JSON/,
    ],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 1,\n  "pages": {\n    "/a/": [\n',
      5,
      /not valid JSON/,
    ],
    ['[]', 1, /expected an object/],
    [
      '{\n  "format": "sitemap",\n  "version": 1,\n  "pages": {}\n}',
      2,
      /not a linkworthy baseline/,
    ],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 7,\n  "pages": {}\n}',
      3,
      /unsupported `version` 7/,
    ],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 1,\n  "pages": []\n}',
      4,
      /`pages` must be an object/,
    ],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 1,\n  "pages": {\n    "a/": []\n  }\n}',
      5,
      /`a\/` is not a URL path/,
    ],
    [
      '{\n  "format": "linkworthy-baseline",\n  "version": 1,\n  "pages": {\n    "/": [],\n    "/a/": "x"\n  }\n}',
      6,
      /ids of `\/a\/` must be a list of strings/,
    ],
  ])('refuses a malformed baseline with the file and line (%#)', (text, line, reason) => {
    let error: unknown;
    try {
      parseBaseline(text, 'linkworthy-baseline.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BaselineError);
    expect(error).toBeInstanceOf(ConfigError);
    const baselineError = error as BaselineError;
    expect(baselineError.line).toBe(line);
    expect(baselineError.message).toMatch(
      new RegExp(`^Invalid linkworthy baseline linkworthy-baseline\\.json:${line}: `),
    );
    expect(baselineError.message).toMatch(reason);
    expect(baselineError.message).toContain('linkworthy baseline <dir>');
  });
});

describe('lint with a baseline', () => {
  const files = {
    'dist/index.html': '<h1 id="home">Home</h1><a href="/guide/">Guide</a>',
    'dist/guide/index.html': '<h1 id="guide">Guide</h1><h2 id="install">Install</h2>',
    'dist/old/index.html': '<h1 id="old">Old</h1>',
  };

  it('reads the config’s `baseline` and reports removed URLs and ids at their baseline line', async () => {
    const root = tempSite(files);
    const recorded = await lint({
      root,
      outDir: 'dist',
      configFile: false,
      onSite: (built) => {
        writeFileSync(
          join(root, 'linkworthy-baseline.json'),
          baselineToText(createBaseline(built)),
        );
      },
    });
    expect(recorded.findings.filter((finding) => finding.ruleId.startsWith('removed'))).toEqual([]);

    rmSync(join(root, 'dist/old'), { recursive: true });
    writeFileSync(
      join(root, 'dist/guide/index.html'),
      '<h1 id="guide">Guide</h1><h2 id="installing">Install</h2>',
    );
    const report = await lint({
      root,
      outDir: 'dist',
      configFile: false,
      config: { baseline: 'linkworthy-baseline.json' },
    });
    const removed = report.findings.filter((finding) => finding.ruleId.startsWith('removed'));
    expect(
      removed.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.url}`),
    ).toEqual([
      'linkworthy-baseline.json:6 removed-fragment /guide/',
      'linkworthy-baseline.json:7 removed-url /old/',
    ]);
    expect(removed.every((finding) => finding.severity === 'warn')).toBe(true);
    expect(removed[0]!.suggestions).toEqual(['#installing']);
  });

  it('refuses a missing or malformed baseline, and one outside the root from the config', async () => {
    const root = tempSite({ ...files, 'bad.json': '{ "format": "linkworthy-baseline" ' });
    const run = (options: { config?: { baseline: string }; baseline?: string }) =>
      lint({ root, outDir: 'dist', configFile: false, ...options });
    await expect(run({ config: { baseline: 'missing.json' } })).rejects.toThrow(
      /baseline: the baseline file `missing\.json` does not exist/,
    );
    await expect(run({ config: { baseline: 'bad.json' } })).rejects.toThrow(
      /Invalid linkworthy baseline bad\.json:1: not valid JSON/,
    );
    await expect(run({ config: { baseline: '../elsewhere.json' } })).rejects.toThrow(
      /outside the site root/,
    );
    // A surface may name a file anywhere (the CLI's --baseline), and `false` reads none.
    await expect(run({ baseline: join(root, 'bad.json') })).rejects.toThrow(BaselineError);
    await expect(
      lint({
        root,
        outDir: 'dist',
        configFile: false,
        config: { baseline: 'bad.json' },
        baseline: false,
      }),
    ).resolves.toBeDefined();
  });
});
