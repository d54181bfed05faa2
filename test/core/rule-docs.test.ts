import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Baseline,
  extractHtml,
  type Finding,
  parseBaseline,
  placeInPage,
  resolveConfig,
  rules,
  runRules,
  Site,
  type PageFacts,
  type SiteOptions,
  type Rule,
} from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';
import { recordingPages, undeclared } from '../support/fact-reads.js';
import { parseRuleDoc, ruleDocIds, type DocExample } from '../support/rule-docs.js';

const RULES_DIR = fileURLToPath(new URL('../../packages/core/src/rules/', import.meta.url));

/** Runs one rule over the pages of one doc example; returns `file line:messageId` strings. */
function runExample(rule: Rule, example: DocExample, options: unknown): string[] {
  const pages: PageFacts[] = [];
  let siteOptions: SiteOptions & { files?: string[] } = {};
  /** Blocks that are files of the site but not pages (`xml file=sitemap.xml`, `txt file=_redirects`). */
  const otherFiles = new Map<string, string>();
  let baseline: Baseline | undefined;
  for (const block of example.blocks) {
    if (block.role === 'site') {
      siteOptions = JSON.parse(block.text) as typeof siteOptions;
      continue;
    }
    if (block.role === 'config') continue;
    if (block.role === 'baseline') {
      baseline = parseBaseline(block.text, block.file);
      continue;
    }
    if (!block.file)
      throw new Error(`${example.title}: a block without file= (doc line ${block.docLine})`);
    if (!['html', 'md', 'mdx'].includes(block.lang)) {
      otherFiles.set(block.file, block.text);
      continue;
    }
    const page =
      block.lang === 'html'
        ? extractHtml(block.text, { file: block.file })
        : extractMarkdown(block.text, { file: block.file });
    pages.push(deepFreeze(page));
  }
  const config = example.blocks.find((block) => block.role === 'config');
  const resolved = resolveConfig(
    [
      {
        origin: `docs/rules/${rule.id}.md`,
        config: { rules: { [rule.id]: ['error', config ? JSON.parse(config.text) : options] } },
      },
    ],
    new Map([[rule.id, rule]]),
  );
  if (otherFiles.size > 0) {
    siteOptions = {
      ...siteOptions,
      files: [...(siteOptions.files ?? []), ...otherFiles.keys()],
      readFile: (file) => otherFiles.get(file),
    };
  }
  const withBaseline = baseline ? { ...siteOptions, baseline } : siteOptions;
  const site = new Site(pages, withBaseline);
  const findings = runRules(site, resolved, placeInPage);
  expectReadsAsDeclared(rule, pages, withBaseline, resolved, findings);
  for (const finding of findings) {
    expect(finding.message, 'messages never show undefined values').not.toMatch(
      /undefined|\[object/,
    );
    expect(finding.line, `${finding.ruleId} reports without a position`).toBeTypeOf('number');
    expect(finding.docs).toContain(`docs/rules/${rule.id}.md`);
  }
  return findings
    .map((finding) => `${finding.file ?? '?'} ${finding.line ?? '?'}:${finding.messageId}`)
    .sort();
}

/**
 * Holds the rule to its `reads` (what a run with the cache keeps of its findings): every fact it
 * reads is declared, and a `'page'` rule finds on each page alone what it finds on it in the site.
 */
function expectReadsAsDeclared(
  rule: Rule,
  pages: readonly PageFacts[],
  options: SiteOptions,
  config: ReturnType<typeof resolveConfig>,
  findings: readonly Finding[],
): void {
  const { reads } = rule.meta;
  if (reads === undefined) return;
  if (reads === 'page') {
    // As a run with the cache checks a changed page: alone, with the site's files and settings.
    const files = [...(options.files ?? []), ...pages.map((page) => page.file)];
    for (const page of pages) {
      const alone = runRules(new Site([page], { ...options, files }), config, placeInPage);
      expect(alone, `${rule.id} on ${page.file} alone`).toEqual(
        findings.filter((finding) => finding.file === page.file),
      );
    }
    return;
  }
  const recorded = recordingPages(pages.map((page) => ({ ...page })));
  runRules(new Site(recorded.pages, options), config, placeInPage);
  if (process.env.DUMP_READS) console.log(`READS ${rule.id} ${[...recorded.read].join(' ')}`);
  expect(
    undeclared(recorded.read, reads),
    `${rule.id} reads facts its meta.reads leaves out`,
  ).toEqual([]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('rule docs', () => {
  const ruleFiles = readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => name.slice(0, -3))
    .sort();

  it('every rule file is registered, and every registered rule has a doc and vice versa', () => {
    expect([...rules.keys()].sort()).toEqual(ruleFiles);
    expect(ruleDocIds()).toEqual(ruleFiles);
  });

  for (const id of ruleFiles) {
    describe(id, () => {
      const rule = rules.get(id)!;
      const doc = parseRuleDoc(id);

      it('has the sections, title and description of its metadata', () => {
        expect(doc.title).toBe(id);
        expect(doc.description).toBe(rule.meta.description);
        for (const section of ['Why', 'Examples', 'Options'])
          expect(doc.sections).toContain(section);
        expect(doc.examples.some((example) => example.kind === 'invalid')).toBe(true);
        expect(doc.examples.some((example) => example.kind === 'valid')).toBe(true);
      });

      it('documents every option, and its option samples are valid', () => {
        const schema = rule.options as unknown as { shape?: Record<string, unknown> };
        expect(doc.optionHeadings.sort()).toEqual(Object.keys(schema.shape ?? {}).sort());
        for (const sample of doc.optionSamples) {
          expect(
            rule.options.safeParse(JSON.parse(sample.text)).success,
            `options sample at docs line ${sample.docLine}`,
          ).toBe(true);
        }
      });

      for (const example of doc.examples) {
        it(`${example.kind}: ${example.title}`, () => {
          const expected = example.blocks
            .flatMap((block) =>
              block.expect.map((entry) => `${block.file ?? '?'} ${entry.line}:${entry.messageId}`),
            )
            .sort();
          if (example.kind === 'valid') expect(expected).toEqual([]);
          else expect(expected.length).toBeGreaterThan(0);
          expect(runExample(rule, example, {})).toEqual(expected);
        });
      }
    });
  }
});
