import type { LintReport } from '../engine.js';

/** The report as JSON: the stable shape documented in ARCHITECTURE.md. */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
