import { lint, type Finding } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { corpus, isMissingAsset } from '../support/corpora.js';

const gitDocs = corpus('git-htmldocs');
const mkdocsBuilt = corpus('mkdocs-built');
const mkdocsSource = corpus('mkdocs-src');

/** Findings of the link rules (the graph rules have their own corpus test: graph-corpora). */
function summary(findings: Finding[]): string[] {
  return findings
    .filter((finding) => finding.ruleId.startsWith('broken-'))
    .map((finding) => `${finding.file ?? ''} ${finding.ruleId} ${finding.target ?? ''}`);
}

describe.skipIf(!gitDocs.present)('corpus: git-htmldocs (built AsciiDoc)', () => {
  it('reports the broken footnote fragments of git-bisect-lk2009.html and nothing false', async () => {
    const report = await lint({ root: gitDocs.path, outDir: '', configFile: false });
    expect(report.summary.pages).toBeGreaterThan(250);

    const footnotes = report.findings.filter(
      (finding) =>
        finding.file === 'git-bisect-lk2009.html' && finding.ruleId.startsWith('broken-'),
    );
    expect(footnotes.map((finding) => finding.target)).toEqual([
      '#1',
      '#2',
      '#3',
      '#4',
      '#5',
      '#6',
      '#7',
      '#8',
      '#9',
    ]);
    expect(footnotes.every((finding) => finding.ruleId === 'broken-fragment')).toBe(true);

    // Each of the others was checked by hand against the HTML: the ids really are different
    // (AsciiDoc's `_snake_case` ids, an em dash and zero-width space in the href).
    const others = report.findings.filter(
      (finding) =>
        finding.file !== 'git-bisect-lk2009.html' && finding.ruleId.startsWith('broken-'),
    );
    expect(summary(others)).toEqual([
      'technical/large-object-promisors.html broken-fragment partial-clone.html#using-many-promisor-remotes',
      'technical/large-object-promisors.html broken-fragment partial-clone.html#using-many-promisor-remotes',
      'technical/reftable.html broken-fragment #Ref-index',
      'technical/reftable.html broken-fragment #Update-transactions',
      'technical/unit-tests.html broken-fragment #runtime\u2014\u200bskippable-tests',
    ]);
    expect(others[0]!.suggestions).toEqual(['#_using_many_promisor_remotes']);
  });
});

describe.skipIf(!mkdocsBuilt.present)('corpus: mkdocs-built (built HTML)', () => {
  it('reports no false positives', async () => {
    const report = await lint({ root: mkdocsBuilt.path, outDir: '', configFile: false });
    expect(report.summary.pages).toBeGreaterThan(15);
    expect(report.summary.links).toBeGreaterThan(1000);
    const real = report.findings.filter((finding) => !isMissingAsset(finding.target));
    expect(summary(real)).toEqual([]);
  });
});

describe.skipIf(!mkdocsSource.present || !mkdocsBuilt.present)(
  'corpus: mkdocs-src against mkdocs-built',
  () => {
    it('source analysis agrees with the build: the same broken links and fragments', async () => {
      const [source, built] = await Promise.all([
        lint({ root: mkdocsSource.path, sources: ['docs'], configFile: false }),
        lint({ root: mkdocsBuilt.path, outDir: '', configFile: false }),
      ]);
      expect(source.summary.pages).toBeGreaterThan(15);
      // One page, one target: `docs/x/y.md` is built as `x/y/index.html`, and the target is
      // compared by its last segment (`img/favicon.ico` is `../img/favicon.ico` once built).
      const key = (finding: Finding, page: string) =>
        `${finding.ruleId} ${page} ${(finding.target ?? '').split('/').at(-1) ?? ''}`;
      const broken = (findings: Finding[]) =>
        findings.filter((finding) => finding.ruleId.startsWith('broken-'));
      const fromSource = broken(source.findings).map((finding) =>
        key(finding, (finding.file ?? '').replace(/^docs\//, '').replace(/(\/index)?\.md$/, '')),
      );
      const fromBuild = broken(built.findings).map((finding) =>
        key(finding, (finding.file ?? '').replace(/\/?index\.html$/, '')),
      );
      expect(fromSource).toEqual(fromBuild);
      // The one finding is a real link to an image the corpus does not include.
      expect(fromSource).toEqual(['broken-link getting-started favicon.ico']);
    });
  },
);
