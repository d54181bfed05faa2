import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import {
  attributeSources,
  ConfigError,
  extractHtml,
  generateEmbeds,
  isScorable,
  isSuppressed,
  linkabilityOf,
  loadConfigFile,
  matcher,
  normalizeBase,
  pageKey,
  placeInPage,
  resolveConfig,
  resolveHref,
  runRules,
  scorecardOptions,
  Site,
  sourcePositionOfLink,
  type Finding,
  type PageFacts,
  type Severity,
  type UserConfig,
} from '@linkworthy/core';
import type { EmbedSettings } from '../options.js';
import { toPosix } from '../paths.js';
import { pageSources, routeEntrypoint, type RouteInfo } from '../routes.js';
import { lintConfig } from '../site-config.js';

/** The toolbar app's id, and the prefix of its events (Astro asks apps to prefix theirs). */
export const TOOLBAR_APP_ID = 'linkworthy';
/** Client → server: `{ id, path }`, the page to analyse. */
export const REQUEST_EVENT = `${TOOLBAR_APP_ID}:request`;
/** Server → client: a {@link DevPageReport}. */
export const RESULT_EVENT = `${TOOLBAR_APP_ID}:result`;

/** What the dev analysis needs of the Astro project. */
export interface DevProject {
  root: string;
  site?: string;
  base: string;
  trailingSlash?: 'always' | 'never' | 'ignore';
  redirects?: NonNullable<UserConfig['redirects']>;
  i18n?: NonNullable<UserConfig['i18n']>;
}

export interface DevSettings {
  config: Pick<UserConfig, 'rules' | 'ignore' | 'baseline'>;
  /** Markdown folders, relative to the root. */
  sources: string[];
  embeds: false | EmbedSettings;
}

/** One response of the dev server. */
export interface Fetched {
  status: number;
  /** `content-type`, lower-cased. */
  type: string;
  body: Uint8Array;
  /** The path finally answered, after redirects. */
  path: string;
}

/** A finding as the toolbar shows it: plain JSON. */
export interface DevFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  note?: string;
  /** The file to edit: the Markdown source, or the route's `.astro` file. */
  file?: string;
  /** Line and column in `file` (Markdown sources); absent when only the served HTML has them. */
  line?: number;
  column?: number;
  /** Line in the HTML the dev server served, when the finding is not placed in a source. */
  htmlLine?: number;
  docs: string;
}

/** What the toolbar app receives for one page. */
export interface DevPageReport {
  /** The request's id, echoed. */
  id: string;
  path: string;
  /** The file the page is made from, when known (Markdown source or route file). */
  source?: string;
  findings: DevFinding[];
  counts: { errors: number; warnings: number; infos: number };
  linkability?: {
    score: number;
    band: string;
    profile: string;
    /** The three biggest gains: what to do first. */
    gains: { id: string; gain: number; fix: string }[];
  };
  /** Embed code of the page's infographics: in its copy boxes, or as the build will make it. */
  embeds: { title: string; code: string }[];
  /** Things the app should say: rules skipped in dev, embeds that cannot be made, errors. */
  notes: string[];
  error?: string;
  durationMs: number;
}

type Target =
  { kind: 'page'; page: PageFacts } | { kind: 'file'; file: string } | { kind: 'missing' };

const MARKDOWN_FILE = /\.(md|mdx|markdown)$/i;
const HTML_TYPE = /text\/html|application\/xhtml/;
/** At most this many link targets are fetched for one page. */
const MAX_TARGETS = 300;
const CONCURRENCY = 4;

/**
 * Lints one page of `astro dev` as the build would see it: the page's HTML as served, the pages
 * it links to (fetched from the dev server, cached until a file changes) and the Markdown sources
 * (extracted once, cached by content hash). Rules that judge a page by the whole site
 * (`scope: 'site'`: orphans, click depth…) are skipped: the dev server has no list of pages.
 */
export class DevAnalyzer {
  routes: RouteInfo[] = [];
  private readonly targets = new Map<string, Promise<Target>>();
  private readonly markdown = new Map<string, { hash: string; stamp: string; page: PageFacts }>();
  private configFile: Promise<{ origin: string; config: unknown } | undefined> | undefined;

  constructor(
    private readonly project: DevProject,
    private readonly settings: DevSettings,
    /** Fetches a path (with the base) from the dev server. */
    private readonly fetchPath: (path: string) => Promise<Fetched>,
  ) {}

  /** Forgets fetched pages (and the config, when it changed): a file of the project changed. */
  invalidate(file?: string): void {
    this.targets.clear();
    if (file === undefined || /linkworthy\.config\.[a-z]+$/.test(file)) this.configFile = undefined;
  }

  async analyze(id: string, path: string): Promise<DevPageReport> {
    const started = performance.now();
    const report: DevPageReport = {
      id,
      path,
      findings: [],
      counts: { errors: 0, warnings: 0, infos: 0 },
      embeds: [],
      notes: [],
      durationMs: 0,
    };
    try {
      await this.run(path, report);
    } catch (error) {
      report.error =
        error instanceof ConfigError
          ? error.message
          : `linkworthy could not analyse this page: ${error instanceof Error ? error.message : String(error)}`;
    }
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  private async run(path: string, report: DevPageReport): Promise<void> {
    const base = normalizeBase(this.project.base);
    const clean = path.split(/[?#]/)[0] ?? '/';
    if (!clean.startsWith(base) && `${clean}/` !== base) {
      report.error = `\`${clean}\` is outside the site's base path \`${base}\`.`;
      return;
    }
    const key = `/${clean.slice(base.length)}`;
    const served = await this.fetchPath(clean);
    if (served.status !== 200 || !HTML_TYPE.test(served.type)) {
      report.error = `The dev server answered \`${clean}\` with status ${served.status} (${served.type || 'no type'}); only HTML pages are analysed.`;
      return;
    }
    const file = builtFile(key);
    let page = extractHtml(served.body, { file });
    const sources = await this.sources();
    const explicit = pageSources(this.routes, { root: this.project.root, dir: '' });
    let source = attributeSources([page], sources, explicit).get(page);
    // The build makes infographics embeddable before it lints (copy box, discovery link,
    // JSON-LD, stable image): lint what the build will deploy, not the page as written.
    const embedded = await this.embed(page, source, served.body, clean, base, report);
    if (embedded) {
      page = extractHtml(embedded.html, { file });
      source = attributeSources([page], sources, explicit).get(page);
    }
    const config = await this.config();
    const rules = config.rules.filter(({ rule }) => rule.meta.scope !== 'site');
    const skipped = config.rules.length - rules.length;
    if (skipped > 0) {
      report.notes.push(
        `${skipped} rule${skipped === 1 ? '' : 's'} that need${skipped === 1 ? 's' : ''} the whole site (orphans, click depth…) run${skipped === 1 ? 's' : ''} in \`astro build\` only.`,
      );
    }
    const { pages, files } = await this.linkedPages(page, base);
    files.push(...(embedded?.files ?? []));
    const site = new Site([page, ...pages], {
      base,
      ...(config.site ? { site: config.site } : {}),
      ...(config.trailingSlash ? { trailingSlash: config.trailingSlash } : {}),
      ...(config.redirects ? { redirects: config.redirects } : {}),
      ...(config.i18n ? { i18n: config.i18n } : {}),
      ...(config.caseSensitive === undefined ? {} : { caseSensitive: config.caseSensitive }),
      ...(config.siteName === undefined ? {} : { siteName: config.siteName }),
      files,
      sources,
    });
    const route = routeEntrypoint(this.routes, key);
    const sourceFile = source?.file ?? route;
    if (sourceFile !== undefined) report.source = sourceFile;

    const publicUrl = site.publicUrl(page);
    const ignored = matcher(config.ignore);
    const traced = source;
    const found = runRules(site, { ...config, rules }, (reported, item) =>
      reported === page && traced ? placeInSource(page, traced, item) : placeInPage(reported, item),
    );
    for (const finding of found) {
      if (finding.url !== publicUrl) continue;
      const inSource = traced !== undefined && finding.file === traced.file;
      if (inSource && isSuppressed(traced.controls, finding.line, finding.ruleId)) continue;
      const shown = devFinding(finding, inSource ? undefined : sourceFile);
      if (shown.file !== undefined && ignored(shown.file)) continue;
      report.findings.push(shown);
    }
    for (const finding of report.findings) {
      if (finding.severity === 'error') report.counts.errors++;
      else if (finding.severity === 'warn') report.counts.warnings++;
      else report.counts.infos++;
    }

    if (isScorable(page)) {
      const configured = config.rules.find(({ rule }) => rule.id === 'linkability')?.options as
        { authorities?: string[] } | undefined;
      const scorecard = linkabilityOf(
        page,
        scorecardOptions(site, { authorities: configured?.authorities ?? [] }),
      );
      report.linkability = {
        score: scorecard.score,
        band: scorecard.band,
        profile: scorecard.profile,
        gains: scorecard.signals
          .filter((signal) => signal.gain > 0)
          .slice(0, 3)
          .map((signal) => ({ id: signal.id, gain: signal.gain, fix: signal.fix })),
      };
    }
    page.embedCodes?.forEach((item, index) => {
      if (item.code === undefined) return;
      const title = page.infographics?.[index]?.title ?? item.images[0]?.alt ?? page.title ?? clean;
      report.embeds.push({ title, code: item.code });
    });
  }

  /** The resolved config: `linkworthy.config.*` (read once), then the integration's options. */
  private async config() {
    this.configFile ??= loadConfigFile(this.project.root).then((loaded) =>
      loaded ? { origin: loaded.file, config: loaded.config } : undefined,
    );
    const file = await this.configFile;
    const embeds = this.settings.embeds;
    const options = lintConfig(
      this.settings.config,
      this.project,
      embeds ? embeds.siteName : undefined,
    );
    return resolveConfig([...(file ? [file] : []), { origin: 'options', config: options }]);
  }

  /** The Markdown sources, extracted again only when their content changed. */
  private async sources(): Promise<PageFacts[]> {
    const { extractMarkdown } = await import('@linkworthy/core/markdown');
    const seen = new Set<string>();
    const pages: PageFacts[] = [];
    for (const folder of this.settings.sources) {
      const absolute = resolve(this.project.root, folder);
      let entries: string[];
      try {
        entries = await readdir(absolute, { recursive: true });
      } catch {
        continue;
      }
      for (const entry of entries.sort()) {
        if (!MARKDOWN_FILE.test(entry)) continue;
        const file = toPosix(relative(this.project.root, join(absolute, entry)));
        const path = join(absolute, entry);
        let text: string;
        let stamp: string;
        try {
          const stats = await stat(path);
          stamp = `${stats.mtimeMs}:${stats.size}`;
          const cached = this.markdown.get(file);
          // Unchanged time and size: not even read again.
          if (cached?.stamp === stamp) {
            seen.add(file);
            pages.push(cached.page);
            continue;
          }
          text = await readFile(path, 'utf8');
        } catch {
          continue;
        }
        seen.add(file);
        const hash = createHash('sha1').update(text).digest('hex');
        const cached = this.markdown.get(file);
        if (cached?.hash === hash) {
          this.markdown.set(file, { ...cached, stamp });
          pages.push(cached.page);
          continue;
        }
        const page = extractMarkdown(text, { file, terms: false });
        this.markdown.set(file, { hash, stamp, page });
        pages.push(page);
      }
    }
    for (const file of this.markdown.keys()) if (!seen.has(file)) this.markdown.delete(file);
    return pages;
  }

  /** The pages and files the page links to, fetched from the dev server (cached). */
  private async linkedPages(
    page: PageFacts,
    base: string,
  ): Promise<{ pages: PageFacts[]; files: string[] }> {
    const origin = this.project.site ? new URL(this.project.site).origin : undefined;
    const paths = new Set<string>();
    for (const link of page.links) {
      const target = resolveHref(link.href, page.url, { base, ...(origin ? { origin } : {}) });
      if (target.kind !== 'internal' || target.samePage || target.outsideBase) continue;
      if (pageKey(target.path) === pageKey(page.url ?? '/')) continue;
      paths.add(target.path);
      if (paths.size >= MAX_TARGETS) break;
    }
    const list = [...paths];
    const results: Target[] = new Array<Target>(list.length);
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const index = next++;
        results[index] = await this.target(list[index]!, base);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const pages: PageFacts[] = [];
    const files: string[] = [];
    const keys = new Set<string>();
    for (const result of results) {
      if (result.kind === 'file') files.push(result.file);
      if (result.kind !== 'page' || keys.has(pageKey(result.page.url ?? ''))) continue;
      keys.add(pageKey(result.page.url ?? ''));
      pages.push(result.page);
    }
    return { pages, files };
  }

  private target(path: string, base: string): Promise<Target> {
    let cached = this.targets.get(path);
    if (!cached) {
      cached = this.fetchTarget(path, base).catch((): Target => ({ kind: 'missing' }));
      this.targets.set(path, cached);
    }
    return cached;
  }

  private async fetchTarget(path: string, base: string): Promise<Target> {
    const withBase = (site: string) => `${base}${encodeURI(site.replace(/^\/+/, ''))}`;
    let served = await this.fetchPath(withBase(path));
    if (served.status === 404 && !/\.[a-z0-9]+$/i.test(path)) {
      // The dev server may be strict about the trailing slash (`trailingSlash`): the build's
      // host redirects instead, which `redirected-link` reports.
      const other = path.endsWith('/') ? path.replace(/\/+$/, '') : `${path}/`;
      if (other !== '') served = await this.fetchPath(withBase(other));
    }
    if (served.status !== 200) return { kind: 'missing' };
    const finalPath = decodeURI(served.path);
    const key = finalPath.startsWith(base) ? `/${finalPath.slice(base.length)}` : finalPath;
    if (HTML_TYPE.test(served.type)) {
      return {
        kind: 'page',
        page: extractHtml(served.body, { file: builtFile(key), terms: false }),
      };
    }
    return { kind: 'file', file: key.replace(/^\/+/, '') };
  }

  /**
   * The page as the build will deploy it, when it has infographics to make embeddable: the
   * integration's own `generateEmbeds`, run on a copy of the page and its images in a temporary
   * folder. Returns the new HTML and the files the build would add (`embed/…`).
   */
  private async embed(
    page: PageFacts,
    source: PageFacts | undefined,
    html: Uint8Array,
    path: string,
    base: string,
    report: DevPageReport,
  ): Promise<{ html: Uint8Array; files: string[] } | undefined> {
    // Pages whose copy box a component already renders still get the head tags from the build.
    const wanted =
      (page.infographics?.length ?? 0) > 0 ||
      (source?.declaredInfographics?.length ?? 0) > 0 ||
      (page.embedCodes?.length ?? 0) > 0;
    if (!wanted || this.settings.embeds === false) return undefined;
    const site = this.project.site;
    if (!site?.startsWith('https://')) {
      report.notes.push(
        'Set `site` to the https URL of the site in the Astro config to see the embed code of this page’s infographics.',
      );
      return undefined;
    }
    const origin = new URL(site).origin;
    const folder = await mkdtemp(join(tmpdir(), 'linkworthy-dev-embeds-'));
    try {
      const file = join(folder, page.file);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, html);
      const images = new Set([
        ...(page.infographics ?? []).map((item) => item.src),
        ...(source?.declaredInfographics ?? []).map((item) => item.src),
      ]);
      for (const src of images) {
        let url: URL;
        try {
          url = new URL(src, new URL(path, origin));
        } catch {
          continue;
        }
        if (url.origin !== origin) continue;
        const image = await this.fetchPath(url.pathname + url.search).catch(() => undefined);
        if (image?.status !== 200) continue;
        let at = decodeURIComponent(url.pathname);
        if (at.startsWith(base)) at = at.slice(base.length);
        const target = join(folder, posix.normalize(at.replace(/^\/+/, '')));
        if (!target.startsWith(folder)) continue;
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, image.body);
      }
      const generated = await generateEmbeds({
        dir: folder,
        origin,
        siteName: this.settings.embeds.siteName ?? new URL(origin).host,
        base,
        ...(this.settings.embeds.rel ? { rel: this.settings.embeds.rel } : {}),
        root: this.project.root,
        ...(source ? { sourcePages: [source] } : {}),
        ...(source && page.url ? { pageSources: new Map([[page.url, source.file]]) } : {}),
      });
      for (const problem of generated.problems) {
        report.notes.push(`Infographic \`${problem.src}\`: ${problem.message}`);
      }
      const after = await readFile(file);
      if (Buffer.compare(after, html) === 0) return undefined;
      return {
        html: after,
        files: generated.embeds.flatMap((embed) => [embed.image, embed.oembed]),
      };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
}

/** `/blog/post/` → `blog/post/index.html`; `/page.html` stays a file. */
function builtFile(key: string): string {
  const path = key.replace(/^\/+/, '');
  if (/\.html?$/i.test(path)) return path;
  return path === '' ? 'index.html' : `${path.replace(/\/+$/, '')}/index.html`;
}

/** A link finding's line in the Markdown source, when the link can be found there. */
function placeInSource(
  page: PageFacts,
  source: PageFacts,
  item: Parameters<typeof placeInPage>[1],
): Pick<Finding, 'file' | 'line' | 'column'> {
  if (item.linkIndex !== undefined) {
    const position = sourcePositionOfLink(page, item.linkIndex, source);
    if (position) return { file: source.file, line: position.line, column: position.column };
  }
  return placeInPage(page, item);
}

function devFinding(finding: Finding, sourceFile: string | undefined): DevFinding {
  const inHtml = sourceFile !== undefined || finding.file?.endsWith('.html') === true;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(finding.note ? { note: finding.note } : {}),
    ...(inHtml
      ? {
          ...(sourceFile !== undefined ? { file: sourceFile } : {}),
          ...(finding.line !== undefined ? { htmlLine: finding.line } : {}),
        }
      : {
          ...(finding.file !== undefined ? { file: finding.file } : {}),
          ...(finding.line !== undefined ? { line: finding.line } : {}),
          ...(finding.column !== undefined ? { column: finding.column } : {}),
        }),
    docs: finding.docs,
  };
}
