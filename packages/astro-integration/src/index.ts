import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@linkworthy/core/setup';
import type { AstroConfig, AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
// Types only: the analysis (and the rest of linkworthy) loads on the analysis thread, or here
// only when that thread cannot run; the toolbar's server only in `astro dev`.
import type { BuildAnalysisInput, BuildFailure, ProjectConfig } from './build-analysis.js';
import { BuildThread, ThreadConfigError } from './build-thread.js';
import { embedsModule, type EmbedComponentSettings } from './embeds-settings.js';
import { toPosix } from './paths.js';
import { pageSources, routeFilesOfBuiltPages, type RouteInfo } from './routes.js';
import { resolveOptions, type LinkworthyAstroOptions } from './options.js';
import { buildLintConfig, isTrailingSlash } from './site-config.js';

export type { FailOn, LinkworthyAstroOptions } from './options.js';
export {
  logBlocks,
  summaryLine,
  topPages,
  topPagesText,
  type LogBlock,
  type LoggerLike,
  type TopPage,
} from './format.js';
export type { ReportPaths } from './options.js';
export type { DevFinding, DevPageReport } from './toolbar/server.js';

export const INTEGRATION_NAME = '@linkworthy/astro';

/**
 * The linkworthy Astro integration. It reads nothing while Astro builds: in `astro:build:done` it
 * lints the built HTML (so it works whatever the Markdown processor: Sätteri, unified, MDX),
 * traces pages back to their Markdown sources, logs findings through Astro's logger and fails
 * the build when `failOn` is met.
 */
export default function linkworthy(options?: LinkworthyAstroOptions): AstroIntegration {
  let resolved;
  try {
    resolved = resolveOptions(options);
  } catch (error) {
    throw asAstroError(error);
  }
  const { config: userConfig, sources, failOn, report: reportPath, embeds } = resolved;

  let project: ProjectConfig | undefined;
  /** `astro dev`: the project, for the Dev Toolbar app. */
  let devProject: ProjectConfig | undefined;
  let routes: RouteInfo[] = [];
  /** The analysis thread of the current build. */
  let thread: BuildThread | undefined;

  return {
    name: INTEGRATION_NAME,
    hooks: {
      'astro:config:setup': async (params) => {
        const { config, command } = params;
        // `astro sync` and `astro check` run this hook too; only a build is analysed.
        project = command === 'build' ? projectConfig(config) : undefined;
        // `astro dev`: the Dev Toolbar app shows the current page's findings.
        devProject = command === 'dev' ? projectConfig(config) : undefined;
        if (devProject) {
          const { registerToolbarApp } = await import('./toolbar/hooks.js');
          registerToolbarApp(params.addDevToolbarApp);
        }
        // `@linkworthy/astro/components/InfographicEmbed.astro` reads the embed settings here.
        // (Read defensively: stand-ins for Astro in tests may leave `updateConfig` out.)
        const { updateConfig } = params as { updateConfig?: typeof params.updateConfig };
        updateConfig?.({
          vite: { plugins: [embedsModule(embedComponentSettings(config, embeds))] },
        });
      },
      'astro:server:setup': async (params) => {
        if (!devProject) return;
        const dev = devProject;
        const { serveToolbar } = await import('./toolbar/hooks.js');
        serveToolbar(
          params,
          {
            root: dev.root,
            base: dev.base,
            ...(dev.site ? { site: dev.site } : {}),
            ...(isTrailingSlash(dev.trailingSlash) ? { trailingSlash: dev.trailingSlash } : {}),
            ...(dev.redirects ? { redirects: dev.redirects } : {}),
            ...(dev.i18n ? { i18n: dev.i18n } : {}),
          },
          { config: userConfig, sources: sources ?? defaultSources(dev), embeds },
          () => routes,
        );
      },
      // Fires more than once (before and after integrations add routes): keep the last list.
      'astro:routes:resolved': ({ routes: resolvedRoutes }) => {
        routes = resolvedRoutes.map((route) => ({
          pattern: route.pattern,
          entrypoint: route.entrypoint,
          type: route.type,
          origin: route.origin,
          pathname: route.pathname,
          patternRegex: route.patternRegex,
        }));
      },
      // The analysis thread starts with the build, to extract pages while Astro writes them.
      'astro:build:start': () => {
        if (!project) return;
        thread?.stop();
        thread = BuildThread.start({
          root: project.root,
          outDir: project.outDir,
          config: buildLintConfig({ project, config: userConfig, embeds }),
          sources: sources ?? defaultSources(project),
        });
      },
      'astro:build:done': async (params) => {
        if (!project) return;
        // First: the thread stops a rehearsal while the analysis input is made here.
        thread?.done();
        const { dir, logger } = params;
        // `assets` is new in Astro 5; feature-detect instead of trusting the installed types.
        const assets = (params as { assets?: Map<string, URL[]> }).assets;
        const dirPath = fileURLToPath(dir);
        const input: BuildAnalysisInput = {
          project,
          dirPath,
          sources: sources ?? defaultSources(project),
          config: userConfig,
          pageSources: pageSources(routes, { ...project, dir: dirPath, assets }),
          routeFiles: routeFilesOfBuiltPages(routes, { ...project, dir: dirPath, assets }),
          embeds,
          report: reportPath,
          failOn,
        };
        const analysis = thread;
        thread = undefined;
        let failure: BuildFailure | undefined;
        try {
          // Where the thread is missing or died, the analysis runs here.
          const answer = await analysis?.analyse(input, logger);
          failure = answer
            ? answer.failure
            : await (await import('./build-analysis.js')).analyseBuild(input, logger);
        } catch (error) {
          throw asAstroError(error);
        }
        if (failure) throw new AstroError(failure.message, failure.hint);
      },
    },
  };
}

function embedComponentSettings(
  config: AstroConfig,
  embeds: false | { siteName?: string; rel?: string[] },
): EmbedComponentSettings {
  const { publicDir } = config as { publicDir?: URL };
  return {
    enabled: embeds !== false,
    ...(config.site ? { site: config.site } : {}),
    base: `/${config.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/'),
    ...(embeds && embeds.siteName !== undefined ? { siteName: embeds.siteName } : {}),
    ...(embeds && embeds.rel ? { rel: embeds.rel } : {}),
    ...(publicDir ? { publicDir: fileURLToPath(publicDir) } : {}),
  };
}

function projectConfig(config: AstroConfig): ProjectConfig {
  const build = (config as { build?: { format?: unknown } }).build;
  return {
    root: fileURLToPath(config.root),
    srcDir: fileURLToPath(config.srcDir),
    ...(config.site ? { site: config.site } : {}),
    base: config.base.startsWith('/') ? config.base : `/${config.base}`,
    trailingSlash: config.trailingSlash,
    ...astroRedirectsAndI18n(config),
    outDir: fileURLToPath(config.outDir),
    ...(typeof build?.format === 'string' ? { buildFormat: build.format } : {}),
    // Read defensively: stand-ins for Astro in tests may leave it out.
    ...((config as { cacheDir?: URL }).cacheDir
      ? { cacheDir: fileURLToPath(config.cacheDir) }
      : {}),
  };
}

/**
 * Astro's `redirects` (keys with a leading slash, as the core expects) and `i18n` (locales,
 * default locale, `routing.prefixDefaultLocale`, and `fallback` — none given means none, as in
 * Astro). Read defensively: the shapes differ a little across Astro 5, 6 and 7.
 */
function astroRedirectsAndI18n(config: AstroConfig): Pick<ProjectConfig, 'redirects' | 'i18n'> {
  const { redirects: rawRedirects, i18n } = config as {
    redirects?: Record<string, unknown>;
    i18n?: {
      locales?: readonly (string | { path: string; codes?: readonly string[] })[];
      defaultLocale?: string;
      fallback?: Record<string, string>;
      routing?: unknown;
    };
  };
  const redirects: NonNullable<ProjectConfig['redirects']> = {};
  for (const [from, to] of Object.entries(rawRedirects ?? {})) {
    const key = from.startsWith('/') ? from : `/${from}`;
    if (typeof to === 'string') redirects[key] = to;
    else if (to && typeof to === 'object') {
      const { status, destination } = to as { status?: unknown; destination?: unknown };
      if (typeof destination !== 'string') continue;
      redirects[key] = { destination, ...(typeof status === 'number' ? { status } : {}) };
    }
  }
  const result: Pick<ProjectConfig, 'redirects' | 'i18n'> = {};
  if (Object.keys(redirects).length > 0) result.redirects = redirects;
  if (i18n?.locales && i18n.locales.length > 0 && i18n.defaultLocale) {
    const routing = i18n.routing as { prefixDefaultLocale?: unknown } | string | undefined;
    const prefix = typeof routing === 'object' ? routing.prefixDefaultLocale : undefined;
    result.i18n = {
      locales: i18n.locales.map((locale) =>
        typeof locale === 'string'
          ? locale
          : { path: locale.path, ...(locale.codes ? { codes: [...locale.codes] } : {}) },
      ),
      defaultLocale: i18n.defaultLocale,
      fallback: { ...i18n.fallback },
      ...(typeof prefix === 'boolean' ? { prefixDefaultLocale: prefix } : {}),
    };
  }
  return result;
}

/** The Markdown folders Astro projects keep content in: `src/content` and `src/pages`. */
function defaultSources(project: ProjectConfig): string[] {
  return ['content', 'pages']
    .map((folder) => resolve(project.srcDir, folder))
    .filter((folder) => existsSync(folder) && isInside(project.root, folder))
    .map((folder) => toPosix(relative(project.root, folder)));
}

/** Configuration errors become Astro errors with a hint; anything else is rethrown as is. */
function asAstroError(error: unknown): unknown {
  if (!isConfigError(error)) return error;
  // No `cause`: Astro would print the same message twice.
  return new AstroError(
    error.message,
    'Check the options passed to linkworthy() in your Astro config and linkworthy.config.* at the project root.',
  );
}

/**
 * A `ConfigError` of option validation here, of the analysis thread, or of the analysis on this
 * thread. The last is thrown by `@linkworthy/core` from `dist/`, while the package's bundle
 * holds a copy of the validation (`scripts/bundle-astro.mjs`): its class is another, its name the
 * same.
 */
function isConfigError(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof ThreadConfigError ||
    (error instanceof Error && error.name === 'LinkworthyConfigError')
  );
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
