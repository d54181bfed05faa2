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
import { OPTIONS_ORIGIN, validateOptions, type Options } from './options.js';
import { reportFinding } from './report.js';

export type { Options } from './options.js';
export { SOURCE } from './report.js';

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

/** Per run: which files exist (never cached longer, so an editor sees new files at once). */
const existenceCaches = new WeakMap<FileSetLike, ExistenceCache>();

/**
 * remark plugin: broken links and fragments across Markdown files. Each file's facts go on
 * `file.data.linkworthy`; in remark-cli and the language server one completer checks all files
 * together once they are parsed, and reads linked files that were not given. Used alone
 * (`unified().use(…).process(file)`) it checks the one file.
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
    const root = resolve(file.cwd, settings.root ?? '.');
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
    const page = extractMdast(tree, { file: name });
    const data: LinkworthyData = { page, existing: [], context };
    file.data.linkworthy = data;

    if (!fileSet) {
      data.existing = (await checkLinkedFiles(page, root, new Map())).existing;
      await lintSite([{ file, data }], context, () => true, context.wholeSite ?? false);
      return undefined;
    }
    // Files added by this plugin (not given) are only link targets: their own links are not
    // reported, so they need no checks and pull in no further files.
    if (file.data.unifiedEngineGiven !== true) return undefined;
    let cache = existenceCaches.get(fileSet);
    if (!cache) {
      cache = new Map();
      existenceCaches.set(fileSet, cache);
    }
    const linked = await checkLinkedFiles(page, root, cache);
    data.existing = linked.existing;
    for (const target of linked.markdown) addFile(fileSet, file, resolve(root, target));
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
    const given = entries.filter((entry) => entry.file.data.unifiedEngineGiven === true).length;
    await lintSite(
      [...entries, ...unconfiguredPages(others, context)],
      context,
      (entry) =>
        entry.file.data.unifiedEngineGiven === true && entry.file.data.linkworthy === entry.data,
      // One file given is an editor (the language server) or a single-file check: the rest of
      // the site is not there, so rules that need it would report every page as an orphan.
      context.wholeSite ?? given > 1,
    );
  }
  return undefined;
};
linkworthyCompleter.pluginId = 'remark-linkworthy';

interface Entry {
  file: VFile;
  data: LinkworthyData;
}

/** Builds one site from the entries, runs the rules and reports findings on their files. */
async function lintSite(
  entries: readonly Entry[],
  context: LintContext,
  shouldReport: (entry: Entry) => boolean,
  wholeSite: boolean,
): Promise<void> {
  const resolved = await configFor(context);
  const config = wholeSite
    ? resolved
    : { ...resolved, rules: resolved.rules.filter(({ rule }) => rule.meta.scope !== 'site') };
  const existing = new Set(entries.flatMap((entry) => entry.data.existing));
  if (config.routes) {
    // The config's routes give pages their URLs, so root-relative links are checked too.
    const route = routeFiles(config.routes);
    for (const { data } of entries) {
      const url = data.page.url === undefined ? route(data.page.file) : undefined;
      if (url !== undefined) data.page.url = url;
    }
  }
  const site = new Site(
    entries.map((entry) => entry.data.page),
    { base: config.base, files: existing, ...(config.site ? { site: config.site } : {}) },
  );
  const byFile = new Map<string, Entry>();
  for (const entry of entries) {
    if (shouldReport(entry) || !byFile.has(entry.data.page.file)) {
      byFile.set(entry.data.page.file, entry);
    }
  }
  const ignored = matcher(config.ignore);
  const scored = new Set<string>();
  for (const finding of runRules(site, config, placeInPage)) {
    if (finding.file === undefined || ignored(finding.file)) continue;
    const entry = byFile.get(finding.file);
    // Completers run after unified's message control: `<!-- lint disable … -->` is applied here.
    if (entry && shouldReport(entry) && !suppressed(entry, finding)) {
      reportFinding(entry.file, finding);
    }
    if (finding.ruleId === 'linkability') scored.add(finding.file);
  }
  const linkability = config.rules.find(({ rule }) => rule.id === 'linkability');
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
