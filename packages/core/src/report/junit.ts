import type { LintReport } from '../engine.js';
import type { Finding } from '../model/finding.js';
import { findingPath, type PathOptions } from './paths.js';

/** Text for XML content and attributes: the five entities, and no characters XML forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * JUnit XML for CI systems that show test results: one test case per page (and one per file
 * that findings point at without being a page, such as the baseline); a page fails when it
 * has an error or a warning, listed in its `<failure>`; infos go to its `<system-out>`.
 */
export function formatJunit(report: LintReport, options: PathOptions = {}): string {
  const byPage = new Map<string, Finding[]>();
  const add = (key: string, finding: Finding) => {
    const list = byPage.get(key);
    if (list) list.push(finding);
    else byPage.set(key, [finding]);
  };
  const pageKeys = new Set<string>();
  const cases: { name: string; file: string | undefined; key: string }[] = [];
  for (const page of report.pages) {
    const key = page.url ?? page.file;
    if (pageKeys.has(key)) continue;
    pageKeys.add(key);
    cases.push({
      name: page.url ?? page.file,
      file: `${options.pathPrefix ?? ''}${page.file}`,
      key,
    });
  }
  for (const finding of report.findings) {
    const key =
      finding.url !== undefined && pageKeys.has(finding.url)
        ? finding.url
        : (findingPath(finding, options) ?? finding.url ?? '(site)');
    if (!pageKeys.has(key)) {
      pageKeys.add(key);
      cases.push({ name: key, file: findingPath(finding, options), key });
    }
    add(key, finding);
  }

  let failures = 0;
  const body: string[] = [];
  for (const testCase of cases) {
    const findings = byPage.get(testCase.key) ?? [];
    const failing = findings.filter((finding) => finding.severity !== 'info');
    const infos = findings.filter((finding) => finding.severity === 'info');
    const attributes = `classname="linkworthy" name="${escapeXml(testCase.name)}"${testCase.file === undefined ? '' : ` file="${escapeXml(testCase.file)}"`}`;
    if (findings.length === 0) {
      body.push(`    <testcase ${attributes}/>`);
      continue;
    }
    body.push(`    <testcase ${attributes}>`);
    if (failing.length > 0) {
      failures++;
      const first = failing[0]!;
      const summary =
        failing.length === 1 ? first.message : `${first.message} (and ${failing.length - 1} more)`;
      body.push(
        `      <failure message="${escapeXml(summary)}" type="${escapeXml(first.ruleId)}">${escapeXml(failing.map((finding) => describe(finding, options)).join('\n'))}</failure>`,
      );
    }
    if (infos.length > 0) {
      body.push(
        `      <system-out>${escapeXml(infos.map((finding) => describe(finding, options)).join('\n'))}</system-out>`,
      );
    }
    body.push('    </testcase>');
  }
  const time = (report.summary.durationMs / 1000).toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${time}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="linkworthy" ${counts}>`,
    `  <testsuite name="linkworthy" ${counts}>`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function describe(finding: Finding, options: PathOptions): string {
  const file = findingPath(finding, options);
  const place =
    file === undefined
      ? ''
      : `${file}${finding.line === undefined ? '' : `:${finding.line}${finding.column === undefined ? '' : `:${finding.column}`}`} `;
  return `${place}${finding.severity} ${finding.message} (${finding.ruleId}, ${finding.docs})`;
}
