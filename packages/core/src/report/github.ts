import type { LintReport } from '../engine.js';
import type { Finding, Severity } from '../model/finding.js';
import { findingPath, type PathOptions } from './paths.js';

/** GitHub's escaping of a workflow command's message (`@actions/core`, `escapeData`). */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** GitHub's escaping of a workflow command's property value (`escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export interface AnnotationProperties {
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

/**
 * One workflow command (`::error file=…,line=…,col=…,title=…::message`). Columns are sent only
 * when the annotation stays on one line, as GitHub requires.
 */
export function workflowCommand(
  command: 'error' | 'warning' | 'notice',
  properties: AnnotationProperties,
  message: string,
): string {
  const oneLine = properties.endLine === undefined || properties.endLine === properties.line;
  const entries: [string, string | number | undefined][] = [
    ['file', properties.file],
    ['line', properties.line],
    ['endLine', properties.endLine],
    ['col', oneLine && properties.line !== undefined ? properties.col : undefined],
    ['endColumn', oneLine && properties.line !== undefined ? properties.endColumn : undefined],
    ['title', properties.title],
  ];
  const props = entries
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

const COMMANDS: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warn: 'warning',
  info: 'notice',
};

/**
 * GitHub Actions workflow commands, one per finding: `error`, `warning`, or `notice` for `info`.
 * GitHub shows only 10 annotations of each kind per step; {@link formatGithubSummary} is the full
 * list for `$GITHUB_STEP_SUMMARY`.
 */
export function formatGithub(report: LintReport, options: PathOptions = {}): string {
  const lines = report.findings.map((finding) => {
    const file = findingPath(finding, options);
    const message = finding.note ? `${finding.message}\n${finding.note}` : finding.message;
    return workflowCommand(
      COMMANDS[finding.severity],
      {
        ...(file === undefined ? {} : { file }),
        ...(finding.line === undefined ? {} : { line: finding.line }),
        ...(finding.line === undefined || finding.column === undefined
          ? {}
          : { col: finding.column }),
        title: `linkworthy ${finding.ruleId}`,
      },
      message,
    );
  });
  const { errors, warnings, infos, pages } = report.summary;
  lines.push(
    `linkworthy: ${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'info')} in ${count(pages, 'page')}`,
  );
  return `${lines.join('\n')}\n`;
}

/** GitHub limits a step's summary to 1 MiB; stop listing findings well before that. */
const SUMMARY_LIMIT = 900_000;

/**
 * A Markdown job summary for `$GITHUB_STEP_SUMMARY`: the counts, then every finding grouped by
 * file (until the 1 MiB limit GitHub puts on a summary). Site values are escaped for Markdown
 * tables and for the HTML GitHub renders in them.
 */
export function formatGithubSummary(report: LintReport, options: PathOptions = {}): string {
  const { errors, warnings, infos, pages, links } = report.summary;
  const out: string[] = [
    '## linkworthy',
    '',
    `${errors === 0 ? '✅' : '❌'} **${errors}** errors, **${warnings}** warnings, **${infos}** infos in ${pages} pages and ${links} links.`,
    '',
  ];
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const key = findingPath(finding, options) ?? finding.url ?? '(site)';
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  }
  let size = out.join('\n').length;
  let shown = 0;
  outer: for (const [file, findings] of groups) {
    const header = [
      `### \`${cell(file).replaceAll('`', "'")}\``,
      '',
      '| line | severity | rule | message |',
      '| --- | --- | --- | --- |',
    ];
    out.push(...header);
    size += header.join('\n').length;
    for (const finding of findings) {
      const row = `| ${finding.line ?? ''} | ${finding.severity} | [${finding.ruleId}](${finding.docs}) | ${cell(finding.message)} |`;
      if (size + row.length > SUMMARY_LIMIT) break outer;
      out.push(row);
      size += row.length + 1;
      shown++;
    }
    out.push('');
  }
  if (shown < report.findings.length) {
    out.push(
      '',
      `… and ${report.findings.length - shown} more findings: GitHub limits a job summary to 1 MiB. Use \`--format json\` or \`--format html\` for the full list.`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Text for one Markdown table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

function count(value: number, word: string): string {
  return `${value} ${word}${value === 1 ? '' : 's'}`;
}
