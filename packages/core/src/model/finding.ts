import type { SourcePosition } from './facts.js';

export type Severity = 'error' | 'warn' | 'info';

/** A setting as users write it: a severity, or `off`. */
export type SeveritySetting = Severity | 'off';

/** One thing linkworthy found. The JSON report's `findings[]` are exactly these. */
export interface Finding {
  ruleId: string;
  /** Stable id of the message within the rule (what tests assert on). */
  messageId: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** Why it matters and what to do. */
  note?: string;
  /** URL path of the page the finding is about, when it has one. */
  url?: string;
  /** The file to fix, relative to the root: the Markdown source when known, else the built file. */
  file?: string;
  line?: number;
  column?: number;
  /** The href as written, for link findings. */
  target?: string;
  /** Replacements that would fix the finding (did-you-mean), best first. */
  suggestions?: string[];
  data?: Record<string, unknown>;
  /** URL of the rule's documentation. */
  docs: string;
}

export type { SourcePosition };

/** The order of findings in a report: by file, line, column, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
