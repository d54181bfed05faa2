import { lint, rules, type Finding, type LintReport, type UserConfig } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { corpus } from '../support/corpora.js';

const gitDocs = corpus('git-htmldocs');
const mkdocsBuilt = corpus('mkdocs-built');
const glfw = corpus('glfw-site');

const GRAPH_RULES = [
  'orphan-page',
  'unreachable-page',
  'click-depth',
  'dead-end-page',
  'content-orphan',
  'nofollow-internal-link',
  'non-descriptive-anchor',
];

/** Every rule on (the off-by-default ones too), the graph rules with the given options. */
async function lintAll(root: string, options: Record<string, unknown> = {}): Promise<LintReport> {
  const settings: NonNullable<UserConfig['rules']> = {};
  for (const id of rules.keys()) settings[id] = id in options ? ['warn', options[id]] : 'warn';
  return lint({ root, outDir: '', configFile: false, config: { rules: settings } });
}

function of(report: LintReport, ruleId: string): Finding[] {
  return report.findings.filter((finding) => finding.ruleId === ruleId);
}

function files(findings: Finding[]): string[] {
  return findings.map((finding) => finding.file ?? '');
}

describe.skipIf(!gitDocs.present)('graph rules on git-htmldocs (built AsciiDoc)', () => {
  it('finds the orphans and dead ends; no page at `/`, so no depth findings', async () => {
    const report = await lintAll(gitDocs.path);
    expect(report.summary.pages).toBeGreaterThan(250);
    for (const finding of report.findings.filter((one) => GRAPH_RULES.includes(one.ruleId))) {
      expect(finding.line, `${finding.ruleId} ${finding.file ?? ''}`).toBeTypeOf('number');
    }

    // Checked by hand: other pages link to `giteveryday.html`, never `everyday.html`; nothing
    // links to the technical notes; `git.html` is linked from 207 pages.
    const orphans = files(of(report, 'orphan-page'));
    expect(orphans.length).toBeGreaterThanOrEqual(30);
    expect(orphans.length).toBeLessThanOrEqual(60);
    expect(orphans).toContain('everyday.html');
    expect(orphans).toContain('technical/racy-git.html');
    expect(orphans).not.toContain('git.html');
    expect(orphans).not.toContain('giteveryday.html');

    // Their only links are `mailto:` or to other sites.
    const deadEnds = files(of(report, 'dead-end-page'));
    expect(deadEnds).toContain('BreakingChanges.html');
    expect(deadEnds).toContain('howto/maintain-git.html');
    expect(deadEnds).not.toContain('git.html');

    expect(of(report, 'unreachable-page')).toEqual([]);
    expect(of(report, 'click-depth')).toEqual([]);
    expect(of(report, 'nofollow-internal-link')).toEqual([]);
    expect(of(report, 'non-descriptive-anchor')).toEqual([]);

    const git = report.pages.find((page) => page.url === '/git.html')!;
    expect(git).toMatchObject({ equity: 100, depth: null });
    expect(git.inbound).toBeGreaterThan(200);
  });

  it('with `git.html` as the entry point: one isolated cluster, nothing deep', async () => {
    const entry = { entryPoints: ['/git.html'] };
    const report = await lintAll(gitDocs.path, {
      'unreachable-page': entry,
      'click-depth': entry,
      'orphan-page': entry,
    });
    // MyFirstContribution.html is linked only from the two guides that nothing links to.
    const clusters = of(report, 'unreachable-page');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      file: 'MyFirstContribution.html',
      messageId: 'cluster',
      data: {
        members: [
          '/MyFirstContribution.html',
          '/ReviewingGuidelines.html',
          '/SubmittingPatches.html',
        ],
      },
    });
    // Every reachable page is at most two clicks from git.html.
    expect(of(report, 'click-depth')).toEqual([]);
  });
});

describe.skipIf(!mkdocsBuilt.present)('graph rules on mkdocs-built', () => {
  it('reports nothing: the navigation links every page, and anchors are descriptive', async () => {
    const report = await lintAll(mkdocsBuilt.path);
    const graph = report.findings.filter((finding) => GRAPH_RULES.includes(finding.ruleId));
    expect(graph.map((finding) => `${finding.file ?? ''} ${finding.ruleId}`)).toEqual([]);
    expect(report.pages.find((page) => page.url === '/')).toMatchObject({ depth: 0 });
    expect(Math.max(...report.pages.map((page) => page.depth ?? 0))).toBe(1);
  });
});

describe.skipIf(!glfw.present)('graph rules on glfw-site (Doxygen HTML)', () => {
  it('reports Doxygen’s “More...” links and icon-only links, and the pages only its script menu links', async () => {
    const report = await lintAll(glfw.path);
    const anchors = of(report, 'non-descriptive-anchor');
    const generic = anchors.filter((finding) => finding.messageId === 'generic');
    expect(generic.length).toBeGreaterThan(500);
    expect(new Set(generic.map((finding) => finding.data?.text))).toEqual(new Set(['More...']));
    // `<a href="glfw3_8h_source.html"><span class="icondoc"></span></a>` in the file lists.
    const empty = anchors.filter((finding) => finding.messageId === 'empty');
    expect(empty.length).toBeGreaterThan(0);
    for (const finding of empty) expect(finding.file).toMatch(/\/(files|dir_[0-9a-f]+)\.html$/);

    // Doxygen's menu is written by menudata.js: no HTML links to the index pages it lists.
    expect(files(of(report, 'orphan-page'))).toContain('docs/3.0/globals_b.html');
  });

  it('with the 3.4 docs as entry point: the deep source listing and the unlinked guides', async () => {
    const entry = { entryPoints: ['/docs/3.4/index.html'] };
    const report = await lintAll(glfw.path, {
      'unreachable-page': entry,
      'click-depth': entry,
    });
    const deep = of(report, 'click-depth').find(
      (finding) => finding.file === 'docs/3.4/glfw3native_8h_source.html',
    );
    expect(deep?.data).toMatchObject({ depth: 4, maxDepth: 3 });
    expect((deep?.data?.path as string[])[0]).toBe('/docs/3.4/');
    // internals_guide.html is linked only from pages.html, which only the script menu links to.
    const cluster = of(report, 'unreachable-page').find((finding) =>
      (finding.data?.members as string[]).includes('/docs/3.4/internals_guide.html'),
    );
    expect(cluster?.data?.members).toEqual([
      '/docs/3.4/internals_guide.html',
      '/docs/3.4/pages.html',
    ]);
    // Older versions are separate clusters, each reported once.
    const representatives = files(of(report, 'unreachable-page'));
    expect(new Set(representatives).size).toBe(representatives.length);
  });
});
