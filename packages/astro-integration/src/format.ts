import type { Finding, LintReport, Severity } from '@linkworthy/core';

/** The part of Astro's integration logger the integration uses (string messages only). */
export interface LoggerLike {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** One logger call: the findings of one severity in one file. */
export interface LogBlock {
  severity: Severity;
  file: string;
  message: string;
}

/**
 * Groups findings by file and severity, one block per pair, each line
 * `file:line:col  message  (ruleId)` with the locations padded to the same width.
 * Files keep the order of the report (sorted by the core); errors come before warnings.
 */
export function logBlocks(findings: readonly Finding[]): LogBlock[] {
  const groups = new Map<string, Map<Severity, Finding[]>>();
  for (const finding of findings) {
    const file = finding.file ?? finding.url ?? '(site)';
    const bySeverity = groups.get(file) ?? new Map<Severity, Finding[]>();
    const list = bySeverity.get(finding.severity) ?? [];
    list.push(finding);
    bySeverity.set(finding.severity, list);
    groups.set(file, bySeverity);
  }
  const blocks: LogBlock[] = [];
  for (const [file, bySeverity] of groups) {
    for (const severity of ['error', 'warn', 'info'] as const) {
      const list = bySeverity.get(severity);
      if (!list) continue;
      const locations = list.map((finding) => location(file, finding));
      const width = Math.max(...locations.map((text) => text.length));
      const lines = list.map(
        (finding, index) =>
          `${locations[index]!.padEnd(width)}  ${finding.message}  (${finding.ruleId})`,
      );
      blocks.push({ severity, file, message: lines.join('\n') });
    }
  }
  return blocks;
}

/** Logs the findings through Astro's logger: errors, warnings and infos at their own level. */
export function logFindings(logger: LoggerLike, report: LintReport): void {
  for (const block of logBlocks(report.findings)) {
    if (block.severity === 'error') logger.error(block.message);
    else if (block.severity === 'warn') logger.warn(block.message);
    else logger.info(block.message);
  }
}

/** The end of the output: the top pages to fix (when any), then the one-line summary. */
export function logSummary(logger: LoggerLike, report: LintReport): void {
  const top = topPages(report);
  if (top.length > 0) logger.info(topPagesText(top));
  logger.info(summaryLine(report));
}

/** A page with errors or warnings, and the file it is made from. */
export interface TopPage {
  url: string;
  /** The Markdown source or route file when known, else the built file. */
  file: string;
  errors: number;
  warnings: number;
}

/** Up to `count` pages with the most errors, then warnings (ties by URL). */
export function topPages(report: LintReport, count = 5): TopPage[] {
  const byUrl = new Map<string, TopPage>();
  const files = new Map<string, string>();
  for (const page of report.pages) {
    if (page.url !== null) files.set(page.url, page.source ?? page.file);
  }
  for (const finding of report.findings) {
    if (finding.url === undefined || finding.severity === 'info') continue;
    let entry = byUrl.get(finding.url);
    if (!entry) {
      const file = files.get(finding.url) ?? finding.file ?? finding.url;
      entry = { url: finding.url, file, errors: 0, warnings: 0 };
      byUrl.set(finding.url, entry);
    }
    if (finding.severity === 'error') entry.errors++;
    else entry.warnings++;
  }
  return [...byUrl.values()]
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.url.localeCompare(b.url))
    .slice(0, count);
}

/** `Top pages to fix:` and one line per page: `/url/  2 errors, 1 warning  src/…/post.md`. */
export function topPagesText(top: readonly TopPage[]): string {
  const urls = Math.max(...top.map((page) => page.url.length));
  const counts = top.map(
    (page) => `${plural(page.errors, 'error')}, ${plural(page.warnings, 'warning')}`,
  );
  const width = Math.max(...counts.map((text) => text.length));
  return [
    'Top pages to fix:',
    ...top.map(
      (page, index) => `  ${page.url.padEnd(urls)}  ${counts[index]!.padEnd(width)}  ${page.file}`,
    ),
  ].join('\n');
}

/** `linkworthy: 1 error, 0 warnings in 9 pages and 120 links (35 ms)`. */
export function summaryLine(report: LintReport): string {
  const { errors, warnings, infos, pages, links, durationMs } = report.summary;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) counts.push(plural(infos, 'info'));
  return `linkworthy: ${counts.join(', ')} in ${plural(pages, 'page')} and ${plural(links, 'link')} (${durationMs} ms)`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function location(file: string, finding: Finding): string {
  if (finding.line === undefined) return file;
  return `${file}:${finding.line}:${finding.column ?? 1}`;
}
