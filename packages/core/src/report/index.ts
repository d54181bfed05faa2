import type { LintReport } from '../engine.js';
import {
  escapeData,
  escapeProperty,
  formatGithub,
  formatGithubSummary,
  workflowCommand,
} from './github.js';
import {
  escapeHtml,
  formatHtml,
  reportInfographics,
  reportLinks,
  scriptJson,
  siteInfographics,
  type HtmlOptions,
  type ReportInfographic,
} from './html.js';
import { escapeXml, formatJunit } from './junit.js';
import { formatJsonBytes } from './json-chunks.js';
import { formatJson, prepareScorecardJson } from './json.js';
import type { PathOptions } from './paths.js';
import { formatSarif, SARIF_SCHEMA, sarifLog, type SarifLog } from './sarif.js';
import { formatStylish, type StylishOptions } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'github', 'sarif', 'html', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Options of every format; each reads the ones it knows. */
export type FormatOptions = StylishOptions & PathOptions & HtmlOptions;

/** The report in the named format. Pure: `github`'s job summary is {@link formatGithubSummary}. */
export function format(report: LintReport, name: FormatName, options: FormatOptions = {}): string {
  switch (name) {
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report, options);
    case 'sarif':
      return formatSarif(report, options);
    case 'html':
      return formatHtml(report, options);
    case 'junit':
      return formatJunit(report, options);
    default:
      return formatStylish(report, options);
  }
}

export {
  escapeData,
  escapeHtml,
  escapeProperty,
  escapeXml,
  formatGithub,
  formatGithubSummary,
  formatHtml,
  formatJson,
  formatJsonBytes,
  prepareScorecardJson,
  formatJunit,
  formatSarif,
  formatStylish,
  reportInfographics,
  reportLinks,
  SARIF_SCHEMA,
  sarifLog,
  scriptJson,
  siteInfographics,
  workflowCommand,
  type HtmlOptions,
  type PathOptions,
  type ReportInfographic,
  type SarifLog,
  type StylishOptions,
};
