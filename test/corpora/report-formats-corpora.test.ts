import {
  format,
  FORMATS,
  formatGithubSummary,
  lint,
  reportLinks,
  type LintReport,
} from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { corpus } from '../support/corpora.js';
import { validateSarif } from '../support/sarif.js';
import { parseXml } from '../support/xml.js';

/** The corpora that are built HTML: every format is produced for each of them. */
const BUILT = ['git-htmldocs', 'mkdocs-built', 'glfw-site'].map((name) => ({
  name,
  ...corpus(name),
}));

for (const tree of BUILT) {
  describe.skipIf(!tree.present)(`every report format on ${tree.name}`, () => {
    let report: LintReport | undefined;
    let links: [number, number][] = [];
    const lintOnce = async () => {
      report ??= await lint({
        root: tree.path,
        outDir: '',
        configFile: false,
        onSite: (site) => {
          links = reportLinks(site);
        },
      });
      return report;
    };

    it('produces each format', async () => {
      const lintReport = await lintOnce();
      expect(lintReport.summary.pages).toBeGreaterThan(0);
      for (const name of FORMATS) {
        const text = format(lintReport, name, { pathPrefix: `${tree.name}/`, links });
        expect(text.length, name).toBeGreaterThan(0);
      }
    });

    it('github: one escaped workflow command per finding, and a summary of all', async () => {
      const lintReport = await lintOnce();
      const lines = format(lintReport, 'github').trimEnd().split('\n');
      expect(lines).toHaveLength(lintReport.findings.length + 1);
      for (const line of lines.slice(0, -1)) {
        expect(line).toMatch(/^::(error|warning|notice) [^:]*::[^\r\n]*$/);
      }
      const summary = formatGithubSummary(lintReport);
      const rows = summary.match(/^\| \d* \| (error|warn|info) \|/gm) ?? [];
      expect(rows.length).toBe(lintReport.findings.length);
    });

    it('sarif validates', async () => {
      const lintReport = await lintOnce();
      const log = JSON.parse(format(lintReport, 'sarif', { pathPrefix: 'site/' })) as unknown;
      expect(validateSarif(log)).toEqual([]);
    });

    it('junit is well-formed, one test case per page', async () => {
      const lintReport = await lintOnce();
      const parsed = parseXml(format(lintReport, 'junit'));
      expect(parsed.errors).toEqual([]);
      const cases = parsed.elements.filter((element) => element.name === 'testcase');
      expect(cases.length).toBeGreaterThanOrEqual(lintReport.pages.length);
    });

    it('html embeds the whole report as safe JSON', async () => {
      const lintReport = await lintOnce();
      const html = format(lintReport, 'html', { links });
      expect(html.match(/<\/script>/g)).toHaveLength(2);
      const data = JSON.parse(/id="lw-data">(.*?)<\/script>/s.exec(html)![1]!) as {
        pages: unknown[];
        findings: unknown[];
        edges: number[];
      };
      expect(data.pages).toHaveLength(lintReport.pages.length);
      expect(data.findings).toHaveLength(lintReport.findings.length);
      expect(data.edges).toHaveLength(links.length * 2);
    });
  });
}
