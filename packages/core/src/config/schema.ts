import { z } from 'zod';
import type { Severity, SeveritySetting } from '../model/finding.js';
import type { Rule } from '../model/rule.js';
import { rules as allRules } from '../rules/index.js';
import type { RedirectTarget } from '../site/redirects.js';
import type { Route } from '../site/routes.js';
import type { I18nOptions, TrailingSlash } from '../site/site.js';
import { closestMatches } from '../util/did-you-mean.js';
import { ConfigError, type ConfigIssue } from './errors.js';

/**
 * How configs are parsed: zod's eval-compiled fast path pays for many parses of one schema, and
 * a run parses each schema once or twice; compiling them cost 3–7 ms of every run (CLI re-runs,
 * `astro build`). Per parse, not `z.config`: that would change zod for the host's code too.
 */
export const ONCE = { jitless: true } as const;

const SEVERITIES = ['off', 'info', 'warn', 'error'] as const;
const severitySchema = z.enum(SEVERITIES);
const ruleSettingSchema = z.union(
  [severitySchema, z.tuple([severitySchema]), z.tuple([severitySchema, z.unknown()])],
  {
    error: (issue) =>
      `expected a severity (${SEVERITIES.map((value) => `'${value}'`).join(', ')}) or [severity, options], received ${JSON.stringify(issue.input)}`,
  },
);

/** The shape of `linkworthy.config.*` and of the options every surface takes. */
export const configSchema = z.strictObject({
  /** The deployed origin, e.g. `https://example.com`: absolute links to it are internal. */
  site: z.url({ protocol: /^https?$/ }).optional(),
  /** The base path the site is served under, e.g. `/docs/`. */
  base: z.string().startsWith('/').optional(),
  /** Rule settings: `'off' | 'warn' | 'error'` or `[severity, options]`. */
  rules: z.record(z.string(), ruleSettingSchema).optional(),
  /** Globs of files (relative to the root) whose findings are not reported. */
  ignore: z.array(z.string()).optional(),
  /** Folders of Markdown/MDX sources (relative to the root) that built pages are traced back to. */
  sources: z.array(z.string()).optional(),
  /**
   * Where source files are served, for root-relative links in source mode: the first route whose
   * `pattern` (a glob relative to the root) matches gives the URL; `[slug]` is the path under the
   * glob's base without extension (`index` → the folder).
   */
  routes: z
    .array(
      z.strictObject({
        pattern: z.string().min(1),
        url: z
          .string()
          .startsWith('/')
          .regex(/^[^?#]*$/, 'expected a URL path without `?` or `#`'),
      }),
    )
    .optional(),
  /** A baseline file (relative to the root) from `linkworthy baseline`: removed URLs and ids are reported. */
  baseline: z.string().min(1).optional(),
  /** How the host treats a trailing slash (Astro's `trailingSlash`); `'ignore'` by default. */
  trailingSlash: z.enum(['always', 'never', 'ignore']).optional(),
  /** Redirects, as in Astro's `redirects`: source path → destination or `{ status, destination }`. */
  redirects: z
    .record(
      z.string().startsWith('/'),
      z.union([
        z.string().min(1),
        z.strictObject({
          status: z.number().int().min(300).max(399).optional(),
          destination: z.string().min(1),
        }),
      ]),
    )
    .optional(),
  /** Locales and fallbacks, as in Astro's `i18n`: links into untranslated pages fall back. */
  i18n: z
    .strictObject({
      locales: z
        .array(
          z.union([
            z.string().min(1),
            z.strictObject({ path: z.string().min(1), codes: z.array(z.string()).optional() }),
          ]),
        )
        .min(1),
      defaultLocale: z.string().min(1),
      fallback: z.record(z.string(), z.string()).optional(),
      prefixDefaultLocale: z.boolean().optional(),
    })
    .optional(),
  /** Whether the host matches URL paths case-sensitively (Linux hosts do); `true` by default. */
  caseSensitive: z.boolean().optional(),
  /** The site's name as readers know it (the brand): embed code may link with it. */
  siteName: z.string().trim().min(1).optional(),
});

export type UserConfig = z.input<typeof configSchema>;
export type RuleSetting = SeveritySetting | [SeveritySetting] | [SeveritySetting, unknown];

export interface ResolvedRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

export interface ResolvedConfig {
  site?: string;
  base: string;
  ignore: string[];
  sources: string[];
  /** Routing conventions for source files (`routes`). */
  routes?: Route[];
  /** The baseline file, relative to the root. */
  baseline?: string;
  trailingSlash?: TrailingSlash;
  redirects?: Record<string, RedirectTarget>;
  i18n?: I18nOptions;
  caseSensitive?: boolean;
  siteName?: string;
  /** The rules that are on, with their validated options. */
  rules: ResolvedRule[];
}

/** Typed helper for `linkworthy.config.ts`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

/**
 * Validates and merges configurations, later ones winning (file, then surface options), in two
 * passes like ESLint: the shape first, then each rule's options against that rule's schema.
 * A later entry with only a severity keeps the options given earlier.
 */
export function resolveConfig(
  layers: readonly { origin: string; config: unknown }[],
  ruleSet: ReadonlyMap<string, Rule> = allRules,
): ResolvedConfig {
  const settings = new Map<string, { severity: SeveritySetting; options?: unknown }>();
  for (const rule of ruleSet.values()) {
    settings.set(rule.id, { severity: rule.meta.recommended ? rule.meta.defaultSeverity : 'off' });
  }
  const resolved: Omit<ResolvedConfig, 'rules'> = { base: '/', ignore: [], sources: [] };

  for (const { origin, config } of layers) {
    const parsed = configSchema.safeParse(config ?? {}, ONCE);
    if (!parsed.success)
      throw new ConfigError(
        origin,
        parsed.error.issues.map((issue) => toIssue(issue)),
      );
    const value = parsed.data;
    if (value.site !== undefined) resolved.site = value.site;
    if (value.base !== undefined) resolved.base = value.base;
    if (value.ignore) resolved.ignore = [...resolved.ignore, ...value.ignore];
    if (value.sources) resolved.sources = value.sources;
    if (value.routes) resolved.routes = value.routes;
    if (value.baseline !== undefined) resolved.baseline = value.baseline;
    if (value.trailingSlash !== undefined) resolved.trailingSlash = value.trailingSlash;
    if (value.caseSensitive !== undefined) resolved.caseSensitive = value.caseSensitive;
    if (value.siteName !== undefined) resolved.siteName = value.siteName;
    if (value.i18n !== undefined) resolved.i18n = value.i18n as I18nOptions;
    if (value.redirects !== undefined) {
      resolved.redirects = {
        ...resolved.redirects,
        ...(value.redirects as Record<string, RedirectTarget>),
      };
    }

    const issues: ConfigIssue[] = [];
    for (const [id, setting] of Object.entries(value.rules ?? {})) {
      if (!ruleSet.has(id)) {
        const [guess] = closestMatches(id, ruleSet.keys());
        issues.push({
          path: `rules.${id}`,
          message: `unknown rule.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
        });
        continue;
      }
      const [severity, options] = typeof setting === 'string' ? [setting] : setting;
      const previous = settings.get(id)!;
      settings.set(id, {
        severity,
        ...(options !== undefined
          ? { options }
          : previous.options !== undefined
            ? { options: previous.options }
            : {}),
      });
    }
    if (issues.length > 0) throw new ConfigError(origin, issues);
  }

  const rules: ResolvedRule[] = [];
  const issues: ConfigIssue[] = [];
  for (const [id, setting] of settings) {
    if (setting.severity === 'off') continue;
    const rule = ruleSet.get(id)!;
    const parsed = rule.options.safeParse(setting.options ?? {}, ONCE);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((issue) => toIssue(issue, `rules.${id}[1]`)));
      continue;
    }
    rules.push({ rule, severity: setting.severity, options: parsed.data });
  }
  if (issues.length > 0) throw new ConfigError(layers.at(-1)?.origin ?? 'options', issues);
  return { ...resolved, rules };
}

function toIssue(issue: z.core.$ZodIssue, prefix = ''): ConfigIssue {
  const path = formatPath(prefix, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(prefix, issue.path);
    return {
      path,
      message: issue.keys
        .map((key) => {
          const [guess] = closestMatches(key, known);
          return `unknown option \`${key}\`.${guess ? ` Did you mean \`${guess}\`?` : ''}`;
        })
        .join(' '),
    };
  }
  return { path, message: `${issue.message}.` };
}

function knownKeysAt(prefix: string, path: readonly PropertyKey[]): string[] {
  if (prefix === '' && path.length === 0) return Object.keys(configSchema.shape);
  return [];
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let result = prefix;
  for (const key of path) {
    if (typeof key === 'number') result += `[${key}]`;
    else result += result ? `.${String(key)}` : String(key);
  }
  return result;
}
