/**
 * robots.txt, read the way Google reads it (RFC 9309 and Google's documentation): groups of
 * `user-agent` lines with their `allow`/`disallow` rules, `*` and `$` in paths, the longest
 * matching rule wins and, between an allow and a disallow of the same length, allow wins.
 * `sitemap:` lines belong to no group.
 */

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written. */
  pattern: string;
  /** 1-based line in robots.txt. */
  line: number;
}

export interface RobotsGroup {
  /** Product tokens of the group's `user-agent` lines, lower-cased (`*` for any). */
  agents: string[];
  rules: RobotsRule[];
}

export interface RobotsVerdict {
  allowed: boolean;
  /** The rule that decided, when one matched. */
  rule?: RobotsRule;
}

interface CompiledRule extends RobotsRule {
  regex: RegExp;
  /** The pattern's length once percent-encoded: what "longest match" compares. */
  length: number;
}

/** Keys Google accepts besides the standard ones (common misspellings). */
const KEY_ALIASES: Readonly<Record<string, string>> = {
  'user-agent': 'user-agent',
  useragent: 'user-agent',
  'user agent': 'user-agent',
  allow: 'allow',
  disallow: 'disallow',
  dissallow: 'disallow',
  dissalow: 'disallow',
  disalow: 'disallow',
  diasllow: 'disallow',
  disallaw: 'disallow',
  sitemap: 'sitemap',
  'site-map': 'sitemap',
};

export class Robots {
  readonly groups: readonly RobotsGroup[];
  /** URLs of `Sitemap:` lines, as written. */
  readonly sitemaps: readonly string[];
  private readonly compiled = new Map<string, CompiledRule[] | undefined>();

  private constructor(groups: RobotsGroup[], sitemaps: string[]) {
    this.groups = groups;
    this.sitemaps = sitemaps;
  }

  /** Parses robots.txt. Never throws: lines it does not understand are ignored, as crawlers do. */
  static parse(text: string): Robots {
    const groups: RobotsGroup[] = [];
    const sitemaps: string[] = [];
    let current: RobotsGroup | undefined;
    // A group's `user-agent` lines are consecutive; a rule after them closes the list.
    let collectingAgents = false;
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    lines.forEach((raw, index) => {
      const line = raw.replace(/#.*$/, '').trim();
      const colon = line.indexOf(':');
      if (colon === -1) return;
      const key = KEY_ALIASES[line.slice(0, colon).trim().toLowerCase()];
      const value = line.slice(colon + 1).trim();
      if (key === 'sitemap') {
        if (value) sitemaps.push(value);
        return;
      }
      if (key === 'user-agent') {
        if (!collectingAgents || !current) {
          current = { agents: [], rules: [] };
          groups.push(current);
          collectingAgents = true;
        }
        current.agents.push(productToken(value));
        return;
      }
      if (key === 'allow' || key === 'disallow') {
        collectingAgents = false;
        // Rules before any `user-agent` line belong to no group; an empty path means nothing.
        if (!current || value === '') return;
        current.rules.push({ allow: key === 'allow', pattern: value, line: index + 1 });
      }
    });
    return new Robots(groups, sitemaps);
  }

  /**
   * The rules that apply to a crawler: every group naming its product token (merged), else every
   * `*` group. Matching is case-insensitive on the token (`Googlebot` matches `googlebot`).
   */
  rulesFor(userAgent: string): readonly RobotsRule[] {
    return this.compiledFor(userAgent) ?? [];
  }

  /**
   * Whether `userAgent` may crawl `path` (a URL path, optionally with `?query`). Unmatched paths
   * and `/robots.txt` itself are allowed.
   */
  verdict(path: string, userAgent = '*'): RobotsVerdict {
    const target = normalizeForMatch(path);
    if (target === '/robots.txt') return { allowed: true };
    const rules = this.compiledFor(userAgent);
    if (!rules) return { allowed: true };
    let best: CompiledRule | undefined;
    for (const rule of rules) {
      if (!rule.regex.test(target)) continue;
      if (
        !best ||
        rule.length > best.length ||
        (rule.length === best.length && rule.allow && !best.allow)
      ) {
        best = rule;
      }
    }
    if (!best) return { allowed: true };
    return {
      allowed: best.allow,
      rule: { allow: best.allow, pattern: best.pattern, line: best.line },
    };
  }

  isAllowed(path: string, userAgent = '*'): boolean {
    return this.verdict(path, userAgent).allowed;
  }

  private compiledFor(userAgent: string): CompiledRule[] | undefined {
    const token = productToken(userAgent);
    if (this.compiled.has(token)) return this.compiled.get(token);
    let groups = this.groups.filter((group) => group.agents.includes(token));
    if (groups.length === 0) groups = this.groups.filter((group) => group.agents.includes('*'));
    const rules =
      groups.length === 0
        ? undefined
        : groups.flatMap((group) =>
            group.rules.map((rule) => {
              const pattern = normalizeForMatch(rule.pattern);
              return { ...rule, regex: patternToRegExp(pattern), length: pattern.length };
            }),
          );
    this.compiled.set(token, rules);
    return rules;
  }
}

export function parseRobots(text: string): Robots {
  return Robots.parse(text);
}

/** The product token of a user-agent value: `Googlebot/2.1 (+http://…)` → `googlebot`. */
function productToken(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('*')) return '*';
  return (/^[A-Za-z_-]+/.exec(trimmed)?.[0] ?? trimmed).toLowerCase();
}

/**
 * Percent-encodes what a URL would encode (non-ASCII, spaces, controls) and upper-cases existing
 * escapes, so a pattern written with `é` matches a path written with `%C3%A9` and vice versa.
 */
function normalizeForMatch(value: string): string {
  let result = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === '%' && /^[0-9a-fA-F]{2}$/.test(value.slice(index + 1, index + 3))) {
      result += `%${value.slice(index + 1, index + 3).toUpperCase()}`;
      index += 2;
      continue;
    }
    const code = char.charCodeAt(0);
    if (code > 0x20 && code < 0x7f) {
      result += char;
      continue;
    }
    // Keep surrogate pairs together.
    const codePoint = value.codePointAt(index)!;
    const whole = String.fromCodePoint(codePoint);
    index += whole.length - 1;
    result += encodeURIComponent(whole);
  }
  return result;
}

/** `*` is any run of characters; a final `$` anchors the end; everything else is literal. */
function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}
