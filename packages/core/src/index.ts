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
  extractShard,
  lint,
  prefetchBuild,
  type BuildPrefetch,
  placeInPage,
  runRules,
  TOOL,
  type LintEmbeds,
  type LintOptions,
  type CacheUse,
  type LintProgress,
  type LintReport,
  type PageSummary,
  type ExtractShardOptions,
} from './engine.js';
export { jsonReportBytes, jsonReportChunks } from './report/json-chunks.js';
export { PrefetchedFacts } from './extract/prefetch.js';
export {
  mergeShards,
  parseShard,
  readFactsShard,
  shardOf,
  writeFactsShard,
  type FactsShard,
} from './shard.js';
export {
  extractHtml,
  parseRefresh,
  urlForBuiltFile,
  type HtmlExtractOptions,
} from './extract/html.js';
export * from './model/facts.js';
export * from './linkability/index.js';
export { scorecardOptions } from './rules/linkability.js';
export * from './embed/index.js';
export type { Finding, Severity, SeveritySetting } from './model/finding.js';
export {
  defineRule,
  docsUrl,
  type FactField,
  type Rule,
  type RuleContext,
  type RuleMeta,
} from './model/rule.js';
export {
  escapeData,
  escapeHtml,
  escapeProperty,
  escapeXml,
  format,
  FORMATS,
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
  siteInfographics,
  SARIF_SCHEMA,
  sarifLog,
  scriptJson,
  workflowCommand,
  type FormatName,
  type FormatOptions,
  type HtmlOptions,
  type PathOptions,
  type ReportInfographic,
  type SarifLog,
} from './report/index.js';
export { rules } from './rules/index.js';
export { attributeSources, sourcePositionOfLink } from './site/attribution.js';
export { isSuppressed, parseControl } from './site/controls.js';
export { routeFiles, type Route } from './site/routes.js';
export {
  BASELINE_FILE,
  BASELINE_VERSION,
  BaselineError,
  baselineToText,
  createBaseline,
  parseBaseline,
  type Baseline,
  type BaselineEntry,
} from './site/baseline.js';
export {
  GRAPH_READS,
  graphStats,
  pagePosition,
  siteGraph,
  SiteGraph,
  type GraphLink,
  type PageGraphStats,
  type Reach,
} from './site/graph.js';
export {
  Site,
  type I18nOptions,
  type LinkOutcome,
  type PathResolution,
  type RedirectHop,
  type ResolvedLink,
  type SiteOptions,
  type TrailingSlash,
} from './site/site.js';
export {
  parseRedirects,
  RedirectTable,
  redirectsFromConfig,
  type RedirectMatch,
  type RedirectRule,
  type RedirectTarget,
} from './site/redirects.js';
export { parseRobots, Robots, type RobotsRule, type RobotsVerdict } from './site/robots.js';
export {
  canonicalElsewhere,
  notIndexable,
  parseSitemap,
  readSitemaps,
  type NotIndexable,
  type ParsedSitemap,
  type SitemapEntry,
  type Sitemaps,
} from './site/sitemap.js';
export {
  normalizeBase,
  pageKey,
  resolveFilePath,
  resolveHref,
  sourceFileCandidates,
  type HrefTarget,
} from './site/url.js';
export { globToRegExp, matcher } from './util/glob.js';
export { writeBuffers, writeFileBuffers } from './util/write.js';
export { closestByWords, closestMatches, editDistance, Suggester } from './util/did-you-mean.js';
