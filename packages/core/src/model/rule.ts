import type { z } from 'zod';
import type { ContentFacts, PageFacts, PageMeta, SourcePosition } from './facts.js';
import type { Severity } from './finding.js';
import type { Site } from '../site/site.js';

export const DOCS_BASE_URL = 'https://github.com/linkworthy/linkworthy/blob/main/docs/rules/';

export type RuleCategory = 'links' | 'graph' | 'linkability' | 'embeds' | 'input';

export interface RuleMeta {
  /** One line; the first line of the rule's doc repeats it. */
  description: string;
  category: RuleCategory;
  /** Severity when the rule is on and the user did not give one. */
  defaultSeverity: Severity;
  /** On in the default configuration. */
  recommended: boolean;
  /** Facts that cost time and are extracted only when a rule that reads them is on. */
  needs?: readonly 'terms'[];
  /**
   * `site`: the rule judges a page by the rest of the site (who links to it, what the baseline
   * had), so it needs every page; surfaces that see only part of a site (one file open in an
   * editor) skip it rather than report every page as an orphan. Default `page`.
   */
  scope?: 'page' | 'site';
  /**
   * What the rule's findings depend on, so that a run with the cache can keep them when pages
   * change (see `RunCache`); the site's settings, files and non-page files (sitemaps,
   * `robots.txt`) are always depended on. `'page'`: a finding about a page depends on that page's
   * facts alone, so only changed pages are checked again. A list: the facts, of any page, the
   * rule reads; a change to none of them keeps every finding, any other change runs the analysis
   * again in full. Absent: every fact. `test/core/rule-docs.test.ts` holds rules to what they say.
   */
  reads?: 'page' | readonly FactField[];
}

/** A page fact, as rules' `reads` name it: a field of the page's facts, or of its `meta` or `content`. */
export type FactField =
  | Exclude<keyof PageFacts, 'meta' | 'content'>
  | `meta.${keyof PageMeta}`
  | `content.${keyof ContentFacts}`;

/** What a rule reports; the engine adds rule id, severity, docs and the source location. */
export interface Report {
  /** The page the finding is about; omitted only for findings placed by `location`. */
  page?: PageFacts;
  /**
   * For findings about something that is no current page (a URL recorded in the baseline that
   * is gone): the file to point at, relative to the root, its line, and the URL concerned. Wins
   * over the page's placement.
   */
  location?: { file: string; line: number; column?: number; url?: string };
  messageId: string;
  message: string;
  note?: string;
  /** Position in the page's file; the engine maps built pages back to their Markdown source. */
  at?: SourcePosition;
  /** The link's index in `page.links`, for link findings: lets the engine find the source line. */
  linkIndex?: number;
  target?: string;
  suggestions?: string[];
  data?: Record<string, unknown>;
}

export interface RuleContext<Options> {
  site: Site;
  options: Options;
  report: (report: Report) => void;
}

export interface Rule<Schema extends z.ZodType = z.ZodType> {
  id: string;
  meta: RuleMeta;
  /** The options schema, with defaults; users' options are validated against it. */
  options: Schema;
  /** Pure: reads the site, never changes it, reports through the context. */
  check(context: RuleContext<z.output<Schema>>): void;
}

/** Declares a rule; typing `check`'s options from the schema. */
export function defineRule<Schema extends z.ZodType>(rule: Rule<Schema>): Rule<Schema> {
  return rule;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
