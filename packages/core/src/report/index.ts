import type { LintReport } from '../engine.js';
import { formatJson } from './json.js';
import { formatStylish, type StylishOptions } from './stylish.js';

export const FORMATS = ['stylish', 'json'] as const;
export type FormatName = (typeof FORMATS)[number];

export function format(report: LintReport, name: FormatName, options: StylishOptions = {}): string {
  return name === 'json' ? formatJson(report) : formatStylish(report, options);
}

export { formatJson, formatStylish, type StylishOptions };
