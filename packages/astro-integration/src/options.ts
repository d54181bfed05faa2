import {
  closestMatches,
  ConfigError,
  resolveConfig,
  type ConfigIssue,
  type UserConfig,
} from '@linkworthy/core/setup';

/** When the build fails: on any error, on any error or warning, or never (report only). */
export type FailOn = 'error' | 'warn' | 'never';

/** Options of the Astro integration; they override `linkworthy.config.*` at the project root. */
export interface LinkworthyAstroOptions {
  /** Rule settings, as in `linkworthy.config.*`: `'off' | 'warn' | 'error'` or `[severity, options]`. */
  rules?: UserConfig['rules'];
  /** Globs of files (relative to the project root) whose findings are dropped. */
  ignore?: string[];
  /**
   * Folders of Markdown/MDX (relative to the project root) that built pages are traced back to.
   * Default: `src/content` and `src/pages` (those that exist, under Astro's `srcDir`).
   */
  sources?: string[];
  /** Fail the build when a finding of this severity (or worse) is found. Default `'error'`. */
  failOn?: FailOn;
  /**
   * Where to write the reports, relative to the project root (never inside the build output
   * unless a path there is given: it would be deployed). Default: `linkworthy-report.json` and
   * `linkworthy-report.html` at the project root. A string is the JSON report's path, with the
   * HTML report beside it (same name, `.html`); `false` writes neither; an object sets each
   * (`false` turns one off).
   */
  report?: string | false | ReportPaths;
  /**
   * A baseline from `linkworthy baseline` (relative to the project root): URLs and fragment ids
   * recorded there that the build no longer has are reported (`removed-url`, `removed-fragment`).
   */
  baseline?: string;
  /**
   * Infographic embeds (needs Astro's `site`, https): for every `<img data-infographic>`, and
   * every image a Markdown page declares in frontmatter `infographics:`, the build gets a stable image copy and oEmbed JSON under `/embed/`, and the page a discovery link,
   * `ImageObject` JSON-LD and a copy box with the embed code. `false` turns it off. Default on,
   * with the site's host as its name and followed links.
   */
  embeds?: false | EmbedSettings;
}

export interface ReportPaths {
  /** The JSON report (the CLI's `--format json`). Default `linkworthy-report.json`. */
  json?: string | false;
  /** The self-contained HTML report (`--format html`). Default `linkworthy-report.html`. */
  html?: string | false;
}

export const DEFAULT_REPORT = {
  json: 'linkworthy-report.json',
  html: 'linkworthy-report.html',
} as const;

export interface EmbedSettings {
  /** The site's name or brand, for the credit line and oEmbed `provider_name`. */
  siteName?: string;
  /** `rel` tokens for the embed code's links, e.g. `['nofollow']`. */
  rel?: string[];
}

export interface ResolvedOptions {
  config: Pick<UserConfig, 'rules' | 'ignore' | 'baseline'>;
  sources?: string[];
  failOn: FailOn;
  report: { json: string | false; html: string | false };
  embeds: false | EmbedSettings;
}

export const OPTIONS_ORIGIN = '@linkworthy/astro options';
const FAIL_ON: readonly FailOn[] = ['error', 'warn', 'never'];
const KNOWN_KEYS = [
  'rules',
  'ignore',
  'sources',
  'failOn',
  'report',
  'baseline',
  'embeds',
] as const;
/** Keys of `linkworthy.config.*` that the integration takes from the Astro config instead. */
const FROM_ASTRO: Readonly<Record<string, string>> = {
  site: 'the integration uses Astro’s `site` option; set it in your Astro config.',
  base: 'the integration uses Astro’s `base` option; set it in your Astro config.',
};

/**
 * Validates the integration's options strictly: an unknown key or a bad value throws a
 * `ConfigError` naming the key (with a did-you-mean), never a silent default. Rule ids and rule
 * options are checked by the core's own schema.
 */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (input === undefined || input === null) {
    return { config: {}, failOn: 'error', report: { ...DEFAULT_REPORT }, embeds: {} };
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(OPTIONS_ORIGIN, [
      { path: '', message: `expected an object of options, received ${describe(input)}.` },
    ]);
  }
  const options = input as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(options)) {
    if ((KNOWN_KEYS as readonly string[]).includes(key)) continue;
    const fromAstro = FROM_ASTRO[key];
    if (fromAstro !== undefined) {
      issues.push({ path: key, message: fromAstro });
      continue;
    }
    const [guess] = closestMatches(key, KNOWN_KEYS);
    issues.push({
      path: key,
      message: `unknown option.${guess ? ` Did you mean \`${guess}\`?` : ''} Known options: ${KNOWN_KEYS.map((known) => `\`${known}\``).join(', ')}.`,
    });
  }

  const { failOn = 'error' } = options;
  if (typeof failOn !== 'string' || !(FAIL_ON as readonly string[]).includes(failOn)) {
    issues.push({
      path: 'failOn',
      message: `expected one of ${FAIL_ON.map((value) => `'${value}'`).join(', ')}, received ${describe(failOn)}.`,
    });
  }
  const report = reportPaths(options.report, issues);
  const embeds = embedSettings(options.embeds, issues);
  if (issues.length > 0) throw new ConfigError(OPTIONS_ORIGIN, issues);

  const config: Pick<UserConfig, 'rules' | 'ignore' | 'baseline'> = {};
  if (options.rules !== undefined) config.rules = options.rules as UserConfig['rules'];
  if (options.ignore !== undefined) config.ignore = options.ignore as string[];
  if (options.baseline !== undefined) config.baseline = options.baseline as string;
  const sources = options.sources as string[] | undefined;
  // The core validates the shape of rules/ignore/sources, rule ids and each rule's options.
  resolveConfig([
    { origin: OPTIONS_ORIGIN, config: sources === undefined ? config : { ...config, sources } },
  ]);

  return {
    config,
    ...(sources === undefined ? {} : { sources }),
    failOn: failOn as FailOn,
    report,
    embeds,
  };
}

function reportPaths(value: unknown, issues: ConfigIssue[]): ResolvedOptions['report'] {
  if (value === undefined) return { ...DEFAULT_REPORT };
  if (value === false) return { json: false, html: false };
  if (typeof value === 'string' && value.trim() !== '') {
    // The JSON report's path, as before; the HTML report goes beside it.
    return {
      json: value,
      html: /\.json$/i.test(value) ? value.replace(/\.json$/i, '.html') : `${value}.html`,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({
      path: 'report',
      message: `expected a file path (relative to the project root), false, or { json?, html? }, received ${describe(value)}.`,
    });
    return { json: false, html: false };
  }
  const {
    json = DEFAULT_REPORT.json,
    html = DEFAULT_REPORT.html,
    ...rest
  } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    const [guess] = closestMatches(key, ['json', 'html']);
    issues.push({
      path: `report.${key}`,
      message: `unknown option.${guess ? ` Did you mean \`${guess}\`?` : ''} Known options: \`json\`, \`html\`.`,
    });
  }
  const path = (entry: unknown, key: 'json' | 'html'): string | false => {
    if (entry === false || (typeof entry === 'string' && entry.trim() !== '')) return entry;
    issues.push({
      path: `report.${key}`,
      message: `expected a file path (relative to the project root) or false, received ${describe(entry)}.`,
    });
    return false;
  };
  return { json: path(json, 'json'), html: path(html, 'html') };
}

function embedSettings(value: unknown, issues: ConfigIssue[]): false | EmbedSettings {
  if (value === undefined) return {};
  if (value === false) return false;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({
      path: 'embeds',
      message: `expected false or { siteName?, rel? }, received ${describe(value)}.`,
    });
    return false;
  }
  const { siteName, rel, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    issues.push({
      path: `embeds.${key}`,
      message: 'unknown option. Known options: `siteName`, `rel`.',
    });
  }
  if (siteName !== undefined && (typeof siteName !== 'string' || siteName.trim() === '')) {
    issues.push({
      path: 'embeds.siteName',
      message: `expected a name, received ${describe(siteName)}.`,
    });
  }
  const relOk =
    rel === undefined ||
    (Array.isArray(rel) &&
      rel.every((token) => typeof token === 'string' && /^[a-z]+$/.test(token)));
  if (!relOk) {
    issues.push({
      path: 'embeds.rel',
      message: `expected an array of rel tokens such as ['nofollow'], received ${describe(rel)}.`,
    });
  }
  return {
    ...(typeof siteName === 'string' ? { siteName } : {}),
    ...(Array.isArray(rel) ? { rel: rel as string[] } : {}),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `'${value}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
