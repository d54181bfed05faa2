import type { LintReport } from '../engine.js';
import type { Finding } from '../model/finding.js';

export interface StylishOptions {
  /** ANSI colours; surfaces turn them on for a TTY without NO_COLOR. */
  color?: boolean;
}

const codes = {
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};
type Style = keyof typeof codes;

/**
 * ESLint-style text: findings grouped by file, one line each (`line:col  severity  message
 * ruleId`), the href and did-you-mean under it, and a count at the end.
 */
export function formatStylish(report: LintReport, options: StylishOptions = {}): string {
  const paint = (style: Style, text: string) =>
    options.color ? `\u001B[${codes[style][0]}m${text}\u001B[${codes[style][1]}m` : text;
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const key = finding.file ?? finding.url ?? '(site)';
    const list = groups.get(key) ?? [];
    list.push(finding);
    groups.set(key, list);
  }

  const lines: string[] = [];
  for (const [file, findings] of groups) {
    lines.push('', paint('underline', file));
    const width = Math.max(...findings.map((finding) => place(finding).length));
    for (const finding of findings) {
      const severity =
        finding.severity === 'error'
          ? paint('red', 'error')
          : finding.severity === 'warn'
            ? paint('yellow', 'warn ')
            : paint('blue', 'info ');
      lines.push(
        `  ${paint('dim', place(finding).padEnd(width))}  ${severity}  ${finding.message}  ${paint('dim', finding.ruleId)}`,
      );
      if (finding.url && finding.file !== undefined && !finding.file.endsWith('.html')) {
        lines.push(`  ${' '.repeat(width)}         ${paint('dim', `on ${finding.url}`)}`);
      }
    }
  }

  const { errors, warnings, infos, pages, links, durationMs } = report.summary;
  const problems = errors + warnings + infos;
  lines.push('');
  if (problems === 0) {
    lines.push(
      `✔ No problems in ${plural(pages, 'page')} and ${plural(links, 'link')} (${durationMs} ms)`,
    );
  } else {
    const summary = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${plural(infos, 'info')}` : ''}) in ${plural(pages, 'page')} and ${plural(links, 'link')} (${durationMs} ms)`;
    lines.push(paint('bold', errors > 0 ? paint('red', summary) : paint('yellow', summary)));
  }
  return `${lines.join('\n')}\n`;
}

function place(finding: Finding): string {
  return finding.line === undefined ? '-' : `${finding.line}:${finding.column ?? 1}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
