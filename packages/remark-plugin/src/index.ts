import { relative, resolve } from 'node:path';
import {
  docsUrl,
  isScorable,
  isSuppressed,
  linkabilityOf,
  loadConfigFile,
  matcher,
  pagePosition,
  placeInPage,
  resolveConfig,
  routeFiles,
  runRules,
  scorecardOptions,
  Site,
  topGains,
  type Finding,
  type Linkability,
  type PageFacts,
  type ResolvedConfig,
} from '@linkworthy/core';
import { extractMarkdown, extractMdast } from '@linkworthy/core/markdown';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { checkLinkedFiles, relativeToRoot, type ExistenceCache } from './files.js';
import { findSiteRoot, listMarkdownFiles, SiteCache, type DiskSite } from './site-context.js';
import { OPTIONS_ORIGIN, validateOptions, type Options } from './options.js';
import { reportFinding } from './report.js';

export type { Options } from './options.js';
export { SOURCE } from './report.js';
/**
 * remark-mdx as the core reads `.mdx` files with it: for a second config that lints MDX
 * (`remark . --ext mdx --rc-path .remarkrc.mdx.mjs`); never add it to the config for `.md`.
 */
export { remarkMdx } from '@linkworthy/core/markdown';

/** The name of a page without a path (stdin, a string given to `process`). */
const UNNAMED_FILE = '<stdin>.md';
const MARKDOWN_FILE = /\.(md|mdx|markdown)$/i;

/** Where the files of one site are checked together: the same root and the same options. */
export interface LintContext {
  /** Absolute path of the site root. */
  root: string;
  /** The `wholeSite` option, when given. */
  wholeSite?: boolean;
  /** The validated plugin options, without `root`. */
  config: Options;
  /** Files with equal keys are checked as one site. */
  key: string;
}

/** What the plugin stores on `file.data.linkworthy`. */
export interface LinkworthyData {
  /** The page's facts: plain data, the same the CLI and the Astro integration read. */
  page: PageFacts;
  /** Files that links of the page lead to and that exist, relative to the root. */
  existing: string[];
  /** The Markdown/MDX files among them, which the page's cross-file fragments are checked in. */
  linked?: string[];
  context: LintContext;
}

declare module 'vfile' {
  interface DataMap {
    linkworthy: LinkworthyData;
  }
}

/**
 * The part of unified-engine's `FileSet` the plugin uses (remark-cli, the language server and
 * `unified-engine` pass it as the attacher's second argument).
 */
export interface FileSetLike {
  valueOf(): VFile[];
  use(completer: Completer): unknown;
  add(file: VFile | string): unknown;
}

type Completer = ((set: FileSetLike) => Promise<undefined>) & { pluginId?: string };

/**
 * What one unified-engine run shares between its files, never kept longer (so an editor sees new
 * files and config changes at once): which files exist, each folder's site root, each site's
 * configuration.
 */
interface RunState {
  existence: ExistenceCache;
  roots: Map<string, string>;
  /** The Markdown/MDX files under each site root, listed once per run. */
  listings: Map<string, ReadonlySet<string>>;
  configs: Map<string, Promise<ResolvedConfig>>;
}
const runs = new WeakMap<FileSetLike, RunState>();

function runState(fileSet: FileSetLike): RunState {
  let state = runs.get(fileSet);
  if (!state) {
    state = { existence: new Map(), roots: new Map(), configs: new Map(), listings: new Map() };
    runs.set(fileSet, state);
  }
  return state;
}

/** The configuration of a site, read once per run (and once per file without a run). */
function configOf(context: LintContext, state: RunState | undefined): Promise<ResolvedConfig> {
  let config = state?.configs.get(context.key);
  if (!config) {
    config = configFor(context);
    state?.configs.set(context.key, config);
  }
  return config;
}

/**
 * remark plugin: broken links and fragments across Markdown files. Each file's facts go on
 * `file.data.linkworthy`; in remark-cli and the language server one completer checks all files
 * together once they are parsed, with the rest of the site read from disk (cached across runs).
 * Used alone (`unified().use(…).process(file)`) it checks the one file.
 */
export default function remarkLinkworthy(
  options?: Options | null,
  fileSet?: FileSetLike,
  // `Promise<void>`, not `Promise<undefined>`: unified's `.use()` then infers one processor type
  // (not a union of two), so TypeScript users can keep chaining `.use()`.
): (tree: Root, file: VFile) => Promise<void> {
  const settings = validateOptions(options);
  if (fileSet) fileSet.use(linkworthyCompleter);

  return async function transformer(tree, file) {
    const state = fileSet ? runState(fileSet) : undefined;
    let root: string;
    if (settings.root !== undefined) root = resolve(file.cwd, settings.root);
    else if (!file.path) root = resolve(file.cwd);
    else {
      const folder = resolve(file.cwd, file.path, '..');
      const known = state?.roots.get(`${file.cwd}\u0000${folder}`);
      root = known ?? findSiteRoot(file.cwd, file.path);
      state?.roots.set(`${file.cwd}\u0000${folder}`, root);
    }
    let name = UNNAMED_FILE;
    if (file.path) {
      const inside = relativeToRoot(root, resolve(file.cwd, file.path));
      // A file outside the site root is not part of the site: nothing to check it against.
      if (inside === undefined) return undefined;
      name = inside;
    }
    const context: LintContext = {
      root,
      ...(settings.wholeSite === undefined ? {} : { wholeSite: settings.wholeSite }),
      config: settings.config,
      key: `${root}\u0000${settings.key}`,
    };
    const config = configOf(context, state);
    // Terms (what a page is about) cost time and only `link-suggestion` reads them. A bad
    // configuration is reported once, by the completer.
    const terms = await config.then(
      (resolved) => resolved.rules.some(({ rule }) => rule.meta.needs?.includes('terms')),
      () => false,
    );
    const page = extractMdast(tree, { file: name, terms });
    const data: LinkworthyData = { page, existing: [], context };
    file.data.linkworthy = data;

    if (!fileSet || !state) {
      data.existing = (await checkLinkedFiles(page, root, new Map())).existing;
      lintSite([{ file, data }], context, await config, () => true, context.wholeSite ?? false);
      return undefined;
    }
    // Files added by this plugin (not given) are only link targets: their own links are not
    // reported, so they need no checks and pull in no further files.
    if (file.data.unifiedEngineGiven !== true) return undefined;
    // Markdown files found by one walk of the root need no disk check each (a run of 2,000 files
    // links to 20,000 of them); other files (images, files the walk skips) are checked on disk.
    let listing = state.listings.get(root);
    if (!listing) {
      // The language server's cache walked the root a moment ago: no need to walk it again.
      listing =
        siteCaches.get(`${root}\u0000false`)?.recentListing() ??
        siteCaches.get(`${root}\u0000true`)?.recentListing() ??
        new Set(listMarkdownFiles(root));
      state.listings.set(root, listing);
    }
    const walked = listing;
    const linked = await checkLinkedFiles(page, root, state.existence, (candidate) =>
      walked.has(candidate) ? true : undefined,
    );
    data.existing = linked.existing;
    data.linked = linked.markdown;
    // Unless `wholeSite` is given, the completer reads the rest of the site from disk (cached),
    // linked files included; else linked files join the run so their ids are known.
    if (settings.wholeSite !== undefined) {
      for (const target of linked.markdown) addFile(fileSet, file, resolve(root, target));
    }
    return undefined;
  };
}

/**
 * Runs once per unified-engine run, after every file (given or added) went through its pipeline:
 * a module-level function with a `pluginId`, because the engine attaches the plugin once per
 * file and only de-duplicates completers by identity or `pluginId`.
 */
const linkworthyCompleter: Completer = async function linkworthyCompleter(set) {
  const groups = new Map<string, { context: LintContext; entries: Entry[] }>();
  const others: VFile[] = [];
  for (const file of set.valueOf()) {
    const data = file.data.linkworthy;
    if (!data) {
      others.push(file);
      continue;
    }
    let group = groups.get(data.context.key);
    if (!group) {
      group = { context: data.context, entries: [] };
      groups.set(data.context.key, group);
    }
    group.entries.push({ file, data });
  }
  for (const { context, entries } of groups.values()) {
    const all = [...entries, ...unconfiguredPages(others, context)];
    const reportable = (entry: Entry) =>
      entry.file.data.unifiedEngineGiven === true && entry.file.data.linkworthy === entry.data;
    const given = entries.filter((entry) => entry.file.data.unifiedEngineGiven === true);
    if (context.wholeSite !== undefined || given.some((entry) => !entry.file.path)) {
      // `wholeSite` given: the files of the run are the site (true) or a part to check alone
      // (false). A file from stdin has no place in a site to read the rest of from.
      const config = await configOf(context, runState(set));
      lintSite(all, context, config, reportable, context.wholeSite ?? given.length > 1);
      continue;
    }
    // Read the rest of the site from disk (cached; only changed files are read again): in the
    // language server, which lints the open file alone, and when remark-cli is given part of a
    // site. The set's own files win over their copies on disk (the editor's unsaved text).
    const config = await configOf(context, runState(set));
    const terms = config.rules.some(({ rule }) => rule.meta.needs?.includes('terms'));
    const cacheKey = `${context.root}\u0000${terms}`;
    let cache = siteCaches.get(cacheKey);
    if (!cache) {
      cache = new SiteCache(context.root, { terms });
      siteCaches.set(cacheKey, cache);
    }
    const present = new Set(all.map((entry) => entry.data.page.file));
    const disk = cache.read(
      all.flatMap((entry) => entry.data.linked ?? []),
      present,
    );
    const rest = [...disk.pages.keys()].filter((file) => !present.has(file));
    lintSite(all, context, config, reportable, true, rest.length > 0 ? { disk, rest } : undefined);
  }
  return undefined;
};
linkworthyCompleter.pluginId = 'remark-linkworthy';

/** The pages on disk of each site root (and terms setting), across runs (the language server). */
const siteCaches = new Map<string, SiteCache>();

/** Findings of the rules that need the whole site, per root: recomputed when anything changes. */
const siteRuleCache = new Map<string, { key: string; findings: Finding[] }>();

interface Entry {
  file: VFile;
  data: LinkworthyData;
}

/** The site's pages that are not files of the run: read from disk, never reported on. */
interface RestOfSite {
  disk: DiskSite;
  /** Files of `disk.pages` that no entry stands for. */
  rest: string[];
}

/**
 * Builds one site from the entries (and the rest of the site from disk, when given), runs the
 * rules and reports findings on the files of the entries that `shouldReport`.
 */
function lintSite(
  entries: readonly Entry[],
  context: LintContext,
  resolved: ResolvedConfig,
  shouldReport: (entry: Entry) => boolean,
  wholeSite: boolean,
  restOfSite?: RestOfSite,
): void {
  const pageRules = resolved.rules.filter(({ rule }) => rule.meta.scope !== 'site');
  const siteRules = resolved.rules.filter(({ rule }) => rule.meta.scope === 'site');
  const existing = new Set(entries.flatMap((entry) => entry.data.existing));
  // The config's routes give pages their URLs, so root-relative links are checked too.
  const route = resolved.routes ? routeFiles(resolved.routes) : undefined;
  const withUrl = (page: PageFacts): PageFacts => {
    const url = route && page.url === undefined ? route(page.file) : undefined;
    return url === undefined ? page : { ...page, url };
  };
  for (const { data } of entries) data.page = withUrl(data.page);
  const siteOptions = {
    base: resolved.base,
    files: existing,
    ...(resolved.site ? { site: resolved.site } : {}),
  };
  const pages = entries.map((entry) => entry.data.page);

  let site: Site;
  let findings: Finding[];
  if (!restOfSite) {
    site = new Site(pages, siteOptions);
    findings = runRules(
      site,
      wholeSite ? resolved : { ...resolved, rules: pageRules },
      placeInPage,
    );
  } else {
    const { disk, rest } = restOfSite;
    // Rules about a page's own content run over the files of the run, with the rest of the site
    // as link targets only (stubs without links, images or text): the cost is the open file's,
    // not the site's.
    site = new Site([...pages, ...rest.map((file) => withUrl(disk.stubOf(file)!))], siteOptions);
    findings = runRules(site, { ...resolved, rules: pageRules }, placeInPage);
    if (wholeSite && siteRules.length > 0) {
      // Rules that need the whole graph run over every page in full, again only when a file on
      // disk or the configuration changed: what they say about a page hardly depends on its
      // unsaved text (who links to it, how deep it is), so typing does not re-run them.
      const key = JSON.stringify([
        disk.generation,
        context.key,
        resolved.base,
        resolved.site,
        resolved.routes,
        siteRules.map(({ rule, severity, options }) => [rule.id, severity, options]),
      ]);
      let cached = siteRuleCache.get(context.root);
      if (cached?.key !== key) {
        const full = new Site(
          [...pages, ...rest.map((file) => withUrl(disk.pages.get(file)!))],
          siteOptions,
        );
        cached = { key, findings: runRules(full, { ...resolved, rules: siteRules }, placeInPage) };
        siteRuleCache.set(context.root, cached);
      }
      findings = [...findings, ...cached.findings].sort(
        (a, b) =>
          (a.file ?? '').localeCompare(b.file ?? '') ||
          (a.line ?? 0) - (b.line ?? 0) ||
          (a.column ?? 0) - (b.column ?? 0) ||
          a.ruleId.localeCompare(b.ruleId),
      );
    }
  }

  const byFile = new Map<string, Entry>();
  for (const entry of entries) {
    if (shouldReport(entry) || !byFile.has(entry.data.page.file)) {
      byFile.set(entry.data.page.file, entry);
    }
  }
  const ignored = matcher(resolved.ignore);
  const scored = new Set<string>();
  for (const finding of findings) {
    if (finding.file === undefined || ignored(finding.file)) continue;
    const entry = byFile.get(finding.file);
    // Completers run after unified's message control: `<!-- lint disable … -->` is applied here.
    if (entry && shouldReport(entry) && !suppressed(entry, finding)) {
      reportFinding(entry.file, finding);
    }
    if (finding.ruleId === 'linkability') scored.add(finding.file);
  }
  const linkability = resolved.rules.find(({ rule }) => rule.id === 'linkability');
  if (!linkability) return;
  // One summary per file with the `linkability` rule on: the score and its top gains (info).
  const scorecard = scorecardOptions(site, linkability.options as { authorities: string[] });
  for (const entry of byFile.values()) {
    const { page } = entry.data;
    if (!shouldReport(entry) || scored.has(page.file) || ignored(page.file)) continue;
    if (!isScorable(page)) continue;
    const summary = linkabilitySummary(page, linkabilityOf(page, scorecard));
    if (!suppressed(entry, summary)) reportFinding(entry.file, summary);
  }
}

/** Whether a `lint disable|ignore` comment in the entry's file turns the finding off. */
function suppressed(entry: Entry, finding: Finding): boolean {
  return isSuppressed(entry.data.page.controls, finding.line, finding.ruleId);
}

/** The info message that sums up a file's scorecard. */
function linkabilitySummary(page: PageFacts, result: Linkability): Finding {
  const gains = result.signals.filter((signal) => signal.gain > 0).slice(0, 3);
  const position = pagePosition(page);
  return {
    ruleId: 'linkability',
    messageId: 'summary',
    severity: 'info',
    message: `Linkability \`${result.score}\`/100 (${result.profile}, ${result.band}).${gains.length > 0 ? ` Biggest gains: ${topGains(result)}.` : ''}`,
    note: `${gains.map((signal) => `${signal.id} (+${signal.gain}): ${signal.fix}`).join(' ')} The score measures readiness to be cited, not a prediction of links.`.trim(),
    file: page.file,
    line: position.line,
    column: position.column,
    data: { score: result.score, band: result.band, profile: result.profile },
    docs: docsUrl('linkability'),
  };
}

/** `linkworthy.config.*` in the root, overridden by the plugin's options; read on every run. */
async function configFor(context: LintContext): Promise<ResolvedConfig> {
  const layers: { origin: string; config: unknown }[] = [];
  const loaded = await loadConfigFile(context.root);
  if (loaded) layers.push({ origin: loaded.file, config: loaded.config });
  layers.push({ origin: OPTIONS_ORIGIN, config: context.config });
  return resolveConfig(layers);
}

/**
 * Markdown files in the set that this plugin did not see (a `.remarkrc` elsewhere in the tree
 * without it): read from their text so links into them are still checked. Never reported.
 */
function unconfiguredPages(files: readonly VFile[], context: LintContext): Entry[] {
  const entries: Entry[] = [];
  for (const file of files) {
    // Typed as always set, but unset on files that could not be read.
    const value: unknown = file.value;
    if (!file.path || !MARKDOWN_FILE.test(file.path) || value === undefined) continue;
    const name = relativeToRoot(context.root, resolve(file.cwd, file.path));
    if (name === undefined) continue;
    const page = extractMarkdown(String(file), { file: name });
    entries.push({ file, data: { page, existing: [], context } });
  }
  return entries;
}

/** Adds a linked file to the run unless a file of the set already is that file. */
function addFile(fileSet: FileSetLike, from: VFile, absolute: string): void {
  for (const file of fileSet.valueOf()) {
    if (file.path && resolve(file.cwd, file.path) === absolute) return;
  }
  // Relative to the cwd, like the paths unified-engine gives its files, so its own
  // de-duplication (by the first path) recognises the file too.
  fileSet.add(new VFile({ cwd: from.cwd, path: relative(from.cwd, absolute) }));
}
