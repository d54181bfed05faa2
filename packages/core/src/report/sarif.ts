import type { LintReport } from '../engine.js';
import type { Severity } from '../model/finding.js';
import { docsUrl } from '../model/rule.js';
import { rules as registry } from '../rules/index.js';
import { findingPath, type PathOptions } from './paths.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warn: 'warning',
  info: 'note',
};

const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  error: 'error',
  warn: 'warning',
  info: 'recommendation',
};

/** One rule as SARIF's `reportingDescriptor`. */
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision: 'high'; 'problem.severity': string };
}

/** The subset of SARIF 2.1.0 linkworthy writes (what GitHub code scanning reads). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        semanticVersion: string;
        informationUri: string;
        rules: SarifRule[];
      };
    };
    automationDetails: { id: string };
    columnKind: 'utf16CodeUnits';
    results: {
      ruleId: string;
      ruleIndex: number;
      level: 'error' | 'warning' | 'note';
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region?: { startLine: number; startColumn?: number };
        };
      }[];
      properties?: Record<string, unknown>;
    }[];
  }[];
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return (match ? match[1]! : text).slice(0, 1024);
}

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule of linkworthy with its description, help
 * and documentation link, and one result per finding located in a repository-relative file.
 */
export function sarifLog(report: LintReport, options: PathOptions = {}): SarifLog {
  const rules: SarifRule[] = [];
  const indexOf = new Map<string, number>();
  const add = (id: string, description: string, severity: Severity, category: string) => {
    indexOf.set(id, rules.length);
    const docs = docsUrl(id);
    rules.push({
      id,
      name: id,
      shortDescription: { text: firstSentence(description) },
      fullDescription: { text: description.slice(0, 1024) },
      help: {
        text: `${description}\n\nDocumentation: ${docs}`,
        markdown: `${description}\n\n[Documentation of \`${id}\`](${docs})`,
      },
      helpUri: docs,
      defaultConfiguration: { level: LEVELS[severity] },
      properties: {
        tags: ['seo', category],
        precision: 'high',
        'problem.severity': PROBLEM_SEVERITY[severity],
      },
    });
  };
  for (const [id, rule] of registry) {
    add(id, rule.meta.description, rule.meta.defaultSeverity, rule.meta.category);
  }
  for (const finding of report.findings) {
    if (!indexOf.has(finding.ruleId)) {
      add(finding.ruleId, `linkworthy rule \`${finding.ruleId}\`.`, finding.severity, 'links');
    }
  }

  const results = report.findings.map((finding) => {
    const uri = findingPath(finding, options) ?? '.';
    const region =
      finding.line === undefined
        ? undefined
        : {
            startLine: finding.line,
            ...(finding.column === undefined ? {} : { startColumn: finding.column }),
          };
    const properties: Record<string, unknown> = {};
    if (finding.url !== undefined) properties.url = finding.url;
    if (finding.target !== undefined) properties.target = finding.target;
    if (finding.suggestions?.length) properties.suggestions = finding.suggestions;
    return {
      ruleId: finding.ruleId,
      ruleIndex: indexOf.get(finding.ruleId)!,
      level: LEVELS[finding.severity],
      message: { text: finding.note ? `${finding.message}\n\n${finding.note}` : finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(uri) },
            ...(region ? { region } : {}),
          },
        },
      ],
      ...(Object.keys(properties).length ? { properties } : {}),
    };
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            semanticVersion: report.tool.version,
            informationUri: 'https://github.com/linkworthy/linkworthy',
            rules,
          },
        },
        automationDetails: { id: 'linkworthy/' },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(report: LintReport, options: PathOptions = {}): string {
  return `${JSON.stringify(sarifLog(report, options), null, 2)}\n`;
}
