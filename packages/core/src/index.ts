export { ConfigError, CONFIG_DOCS_URL, type ConfigIssue } from './config/errors.js';
export { CONFIG_FILE_NAMES, loadConfigFile } from './config/load.js';
export {
  configSchema,
  defineConfig,
  resolveConfig,
  type ResolvedConfig,
  type ResolvedRule,
  type RuleSetting,
  type UserConfig,
} from './config/schema.js';
export {
  lint,
  placeInPage,
  runRules,
  TOOL,
  type LintOptions,
  type LintReport,
  type PageSummary,
} from './engine.js';
export { extractHtml, urlForBuiltFile, type HtmlExtractOptions } from './extract/html.js';
export {
  extractMarkdown,
  extractMdast,
  formatOfFile,
  type MarkdownExtractOptions,
} from './extract/markdown.js';
export * from './model/facts.js';
export type { Finding, Severity, SeveritySetting } from './model/finding.js';
export { defineRule, docsUrl, type Rule, type RuleContext, type RuleMeta } from './model/rule.js';
export { format, FORMATS, formatJson, formatStylish, type FormatName } from './report/index.js';
export { rules } from './rules/index.js';
export { attributeSources, sourcePositionOfLink } from './site/attribution.js';
export { graphStats, type PageGraphStats } from './site/graph.js';
export { Site, type ResolvedLink, type SiteOptions } from './site/site.js';
export {
  normalizeBase,
  pageKey,
  resolveFilePath,
  resolveHref,
  sourceFileCandidates,
  type HrefTarget,
} from './site/url.js';
export { globToRegExp, matcher } from './util/glob.js';
export { closestByWords, closestMatches, editDistance, Suggester } from './util/did-you-mean.js';
