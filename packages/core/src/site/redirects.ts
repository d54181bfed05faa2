/**
 * Redirect rules: Netlify/Cloudflare `_redirects` files (`from to [status][!]`, with `*` splats
 * and `:placeholder` segments) and Astro's `redirects` config (`'/old': '/new'`, `[param]` and
 * `[...rest]` segments). Rules are matched against site paths in file order; the first match
 * wins, like the hosts do.
 */

export interface RedirectRule {
  /** The source path as written (`/blog/*`, `/:lang/old/`, `/old/[slug]`). */
  from: string;
  /** The destination as written, placeholders unreplaced. */
  to: string;
  /** 301, 302, 303, 307, 308 redirect; 200 rewrites (serves `to` at `from`); 404/410 and others answer with an error. */
  status: number;
  /** `301!`: applies even when a file exists at `from` (Netlify's "force"). */
  force: boolean;
  /** Where the rule comes from: `_redirects:12` or `config`. */
  origin: string;
  /**
   * The rule only applies to some requests (query parameters, `Country=`, `Language=`, `Role=`
   * conditions): never applied to links, which carry none of these.
   */
  conditional?: boolean;
}

export interface RedirectProblem {
  line: number;
  message: string;
}

/** The values of Astro's `redirects` config: a destination, or `{ status, destination }`. */
export type RedirectTarget = string | { status?: number; destination: string };

const STATUS = /^(\d{3})(!?)$/;

/** Parses a `_redirects` file. Lines it cannot read are returned as problems, not thrown. */
export function parseRedirects(
  text: string,
  file = '_redirects',
): { rules: RedirectRule[]; problems: RedirectProblem[] } {
  const rules: RedirectRule[] = [];
  const problems: RedirectProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const tokens = line.split(/\s+/);
      const from = tokens[0]!;
      let position = 1;
      let conditional = false;
      // Query-parameter conditions sit between `from` and `to` (`/store id=:id /blog/:id`).
      while (position < tokens.length && !isDestination(tokens[position]!)) {
        conditional = true;
        position++;
      }
      const to = tokens[position];
      if (to === undefined) {
        problems.push({ line: index + 1, message: `no destination for \`${from}\`` });
        return;
      }
      let status = 301;
      let force = false;
      const statusToken = STATUS.exec(tokens[position + 1] ?? '');
      if (statusToken) {
        status = Number(statusToken[1]);
        force = statusToken[2] === '!';
        position++;
      }
      // Anything after the status is a condition (`Country=us`, `Language=fr`, `Role=admin`).
      if (tokens.length > position + 1) conditional = true;
      rules.push({
        from,
        to,
        status,
        force,
        origin: `${file}:${index + 1}`,
        ...(conditional ? { conditional } : {}),
      });
    });
  return { rules, problems };
}

/** Astro's `redirects` config as rules (status 301 unless given, like Astro). */
export function redirectsFromConfig(
  redirects: Readonly<Record<string, RedirectTarget>>,
): RedirectRule[] {
  return Object.entries(redirects).map(([from, target]) => {
    const destination = typeof target === 'string' ? target : target.destination;
    const status = typeof target === 'string' ? 301 : (target.status ?? 301);
    return { from, to: destination, status, force: false, origin: 'config' };
  });
}

function isDestination(token: string): boolean {
  return token.startsWith('/') || /^[a-z][a-z\d+.-]*:\/\//i.test(token);
}

/** Where a rule is defined, for messages: `` `_redirects:3` ``, a redirect page's file, or the config. */
export function describeRedirectOrigin(origin: string): string {
  return origin === 'config' ? 'the `redirects` option' : `\`${origin}\``;
}

export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400;
}

/** The result of matching a path: the rule and its destination with placeholders filled in. */
export interface RedirectMatch {
  rule: RedirectRule;
  to: string;
}

interface CompiledRule {
  rule: RedirectRule;
  index: number;
  regex: RegExp;
}

export interface RedirectTableOptions {
  caseSensitive?: boolean;
  /**
   * Maps a rule's source as written to a site path (the base removed), or undefined when the
   * rule is for another host or outside the base. Identity when omitted.
   */
  toSitePath?: (from: string) => string | undefined;
}

/**
 * Rules indexed for lookup: exact sources in a map, patterns in a list (usually short). A path
 * matches a rule the way hosts match it: trailing slash and `index.html` do not matter.
 */
export class RedirectTable {
  readonly rules: readonly RedirectRule[];
  private readonly exact = new Map<string, CompiledRule>();
  private readonly patterns: CompiledRule[] = [];
  private readonly caseSensitive: boolean;
  readonly hasForced: boolean;

  constructor(rules: readonly RedirectRule[], options: RedirectTableOptions = {}) {
    this.rules = rules;
    this.caseSensitive = options.caseSensitive ?? true;
    rules.forEach((rule, index) => {
      if (rule.conditional) return;
      const path = options.toSitePath ? options.toSitePath(rule.from) : rule.from;
      if (path === undefined) return;
      const key = matchKey(path);
      if (!/[*:[]/.test(key)) {
        const exactKey = this.fold(key);
        if (!this.exact.has(exactKey)) {
          this.exact.set(exactKey, { rule, index, regex: /^$/ });
        }
        return;
      }
      this.patterns.push({ rule, index, regex: patternRegExp(key, this.caseSensitive) });
    });
    this.hasForced = rules.some((rule) => rule.force && !rule.conditional);
  }

  get size(): number {
    return this.exact.size + this.patterns.length;
  }

  /** The first rule (in file order) whose source matches the site path. */
  match(path: string, onlyForced = false): RedirectMatch | undefined {
    const key = matchKey(path);
    const exact = this.exact.get(this.fold(key));
    let best: { compiled: CompiledRule; groups: Record<string, string | undefined> } | undefined =
      exact && (!onlyForced || exact.rule.force) ? { compiled: exact, groups: {} } : undefined;
    for (const compiled of this.patterns) {
      if (best && compiled.index > best.compiled.index) break;
      if (onlyForced && !compiled.rule.force) continue;
      // Patterns see the trailing slash, so a splat keeps it (`/a/*` on `/a/b/` gives `b/`).
      const found = compiled.regex.exec(path.replace(INDEX_FILE, '$1'));
      if (found) {
        best = { compiled, groups: { ...found.groups } };
        break;
      }
    }
    if (!best) return undefined;
    return { rule: best.compiled.rule, to: fill(best.compiled.rule.to, best.groups) };
  }

  private fold(key: string): string {
    return this.caseSensitive ? key : key.toLowerCase();
  }
}

const INDEX_FILE = /(^|\/)index\.html?$/i;

/** `/a/`, `/a` and `/a/index.html` match the same rules. */
function matchKey(path: string): string {
  const key = path.replace(INDEX_FILE, '$1').replace(/\/+$/, '');
  return key === '' ? '/' : key;
}

/**
 * `/blog/*` → `^/blog(?:/(?<splat>.*))?$`; `/:lang/x` → `^/(?<lang>[^/]+)/x$`; Astro's
 * `/[slug]` and `/[...rest]` likewise. Named groups fill the destination.
 */
function patternRegExp(key: string, caseSensitive: boolean): RegExp {
  const segments = key.split('/').slice(1);
  let source = '';
  const names = new Set<string>();
  const group = (name: string, body: string) => {
    const safe = name.replace(/\W/g, '_');
    if (names.has(safe)) return `(?:${body})`;
    names.add(safe);
    return `(?<${safe}>${body})`;
  };
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const rest = /^\[\.\.\.(\w+)\]$/.exec(segment)?.[1];
    if ((segment === '*' || rest !== undefined) && last) {
      // A trailing splat also matches the folder itself (`/blog/*` matches `/blog`).
      source += `(?:/${group(rest ?? 'splat', '.*')})?`;
      return;
    }
    source += '/';
    if (segment === '*') source += group('splat', '.*');
    else if (rest !== undefined) source += group(rest, '.*');
    else {
      source += segment.replace(
        /\[(\w+)\]|:(\w+)|\*|([.+?^${}()|[\]\\])/g,
        (
          whole,
          bracket: string | undefined,
          colon: string | undefined,
          special: string | undefined,
        ) => {
          if (bracket !== undefined) return group(bracket, '[^/]+');
          if (colon !== undefined) return group(colon, '[^/]+');
          if (whole === '*') return group('splat', '.*');
          return `\\${special ?? whole}`;
        },
      );
    }
  });
  // Without a trailing splat, the slash is optional, as for exact rules.
  const endsInSplat = /(?:^|\/)(?:\*|\[\.\.\.\w+\])$/.test(key);
  return new RegExp(
    `^${source || '/'}${endsInSplat || !source ? '' : '/?'}$`,
    caseSensitive ? '' : 'i',
  );
}

/** Replaces `:name`, `:splat`, `[name]` and `[...name]` in a destination. */
function fill(to: string, groups: Readonly<Record<string, string | undefined>>): string {
  return to.replace(
    /\[(?:\.\.\.)?(\w+)\]|:(\w+)/g,
    (whole, bracket: string | undefined, colon: string | undefined) => {
      const name = (bracket ?? colon)!;
      // `https://` has a colon too: only the rule's own placeholders are replaced. A splat that
      // matched nothing (`/blog/*` for `/blog`) is empty.
      return Object.hasOwn(groups, name) ? (groups[name] ?? '') : whole;
    },
  );
}
