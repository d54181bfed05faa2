import { ConfigError, resolveConfig, type UserConfig } from '@linkworthy/core';

/** The origin named in configuration errors about the plugin's own options. */
export const OPTIONS_ORIGIN = 'remark-linkworthy options';

/**
 * Options of `remark-linkworthy`: a linkworthy configuration (`rules`, `site`, `base`, `ignore`)
 * plus the site root. They override `linkworthy.config.*` found in the root.
 */
export type Options = UserConfig & {
  /**
   * The site root: file paths, file-relative links and `ignore` globs are relative to it, and
   * nothing outside it is read. Relative to the file's `cwd`; default: the nearest folder, from
   * the file's own up to its `cwd` (the folder remark-cli runs in, the workspace folder in the
   * language server), with a `linkworthy.config.*`, a `.remarkrc*` or a `package.json`, else the
   * `cwd`.
   */
  root?: string;
  /**
   * Whether the files checked together are the whole site. Default: neither; the rest of the
   * site is read from disk (cached), so rules that judge a page by the rest of the site
   * (`orphan-page`, `click-depth`, `removed-url`…) run in remark-cli and the language server
   * alike. `true`: the files of the run are the site, nothing is read from disk. `false`: they
   * are a part checked alone; those rules are skipped.
   */
  wholeSite?: boolean;
};

export interface ValidatedOptions {
  /** `root` as given (resolved against each file's cwd later). */
  root?: string;
  /** `wholeSite` as given; undefined lets the run decide. */
  wholeSite?: boolean;
  /** The linkworthy part of the options, already validated. */
  config: UserConfig;
  /** A stable key of `config`, so files attached with equal options share one site. */
  key: string;
}

const validated = new WeakMap<object, ValidatedOptions>();
const NO_OPTIONS: ValidatedOptions = { config: {}, key: '{}' };

/**
 * Validates the plugin's options (shape, rule ids, rule options) and throws `ConfigError` with
 * the key path when they are wrong. unified-engine attaches the plugin once per file, so the
 * result is kept per options object.
 */
export function validateOptions(options: unknown): ValidatedOptions {
  if (options === undefined || options === null) return NO_OPTIONS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(OPTIONS_ORIGIN, [
      {
        path: '',
        message: `expected an object of options (\`{ rules, site, base, ignore, root, wholeSite }\`), got ${describe(options)}.`,
      },
    ]);
  }
  const cached = validated.get(options);
  if (cached) return cached;

  const { root, wholeSite, ...config } = options as Record<string, unknown>;
  if (wholeSite !== undefined && typeof wholeSite !== 'boolean') {
    throw new ConfigError(OPTIONS_ORIGIN, [
      { path: 'wholeSite', message: `expected true or false, got ${describe(wholeSite)}.` },
    ]);
  }
  if (root !== undefined && (typeof root !== 'string' || root === '')) {
    throw new ConfigError(OPTIONS_ORIGIN, [
      {
        path: 'root',
        message: `expected a path to the site root (a non-empty string), got ${describe(root)}.`,
      },
    ]);
  }
  // Throws `ConfigError` naming the key path (`rules.broken-link[1].ignore`).
  resolveConfig([{ origin: OPTIONS_ORIGIN, config }]);
  const result: ValidatedOptions = {
    ...(root === undefined ? {} : { root }),
    ...(wholeSite === undefined ? {} : { wholeSite }),
    config,
    key: JSON.stringify(config),
  };
  validated.set(options, result);
  return result;
}

function describe(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string \`${value}\``;
  return `a ${typeof value}`;
}
