import { isMap, isSeq, type Document, type Node } from 'yaml';
import type { DeclaredInfographicFact, PageFacts, SourcePosition } from '../model/facts.js';

const STRING_KEYS = [
  'src',
  'title',
  'alt',
  'description',
  'credit',
  'license',
  'acquireLicensePage',
] as const;
const KEYS = new Set<string>([...STRING_KEYS, 'sources']);

/**
 * Reads frontmatter `infographics:` (a list of `{ src, title, alt?, description?, credit?,
 * license?, acquireLicensePage?, sources? }`) into `page.declaredInfographics`. A malformed entry
 * becomes a page problem naming the key and what was expected, at its line; valid entries are kept.
 */
export function readFrontmatterInfographics(
  document: Document,
  value: string,
  firstLine: number,
  page: PageFacts,
): void {
  const root = document.contents;
  if (!isMap(root)) return;
  const pair = root.items.find(
    (item) => (item.key as { value?: unknown }).value === 'infographics',
  );
  if (!pair) return;
  const at = (node: unknown): SourcePosition => {
    const offset = (node as Node | null)?.range?.[0] ?? 0;
    const before = value.slice(0, offset);
    return {
      line: firstLine + before.split('\n').length - 1,
      column: offset - before.lastIndexOf('\n'),
    };
  };
  const problem = (node: unknown, message: string) =>
    page.problems.push({ message, position: at(node) });
  const list = pair.value;
  if (!isSeq(list)) {
    problem(
      list ?? pair.key,
      'Frontmatter `infographics` must be a list of `{ src, title }` entries (`- src: /chart.png`).',
    );
    return;
  }
  const declared: DeclaredInfographicFact[] = [];
  list.items.forEach((entry, index) => {
    const name = `infographics[${index}]`;
    if (!isMap(entry)) {
      problem(entry, `Frontmatter \`${name}\` must be a mapping with \`src\` and \`title\`.`);
      return;
    }
    const data = (entry.toJSON() ?? {}) as Record<string, unknown>;
    const nodeOf = (key: string) =>
      entry.items.find((item) => (item.key as { value?: unknown }).value === key)?.value ?? entry;
    let valid = true;
    for (const key of Object.keys(data)) {
      if (!KEYS.has(key)) {
        problem(
          nodeOf(key),
          `Frontmatter \`${name}.${key}\` is not a known key; expected one of ${[...KEYS].map((k) => `\`${k}\``).join(', ')}.`,
        );
        valid = false;
      }
    }
    for (const key of ['src', 'title'] as const) {
      if (data[key] === undefined || data[key] === null) {
        problem(entry, `Frontmatter \`${name}\` has no \`${key}\`; expected a non-empty string.`);
        valid = false;
      }
    }
    const fact: Partial<DeclaredInfographicFact> = { position: at(entry) };
    for (const key of STRING_KEYS) {
      const raw = data[key];
      if (raw === undefined || raw === null) continue;
      if (typeof raw !== 'string' || raw.trim() === '') {
        problem(
          nodeOf(key),
          `Frontmatter \`${name}.${key}\` must be a non-empty string, not \`${JSON.stringify(raw)}\`.`,
        );
        valid = false;
        continue;
      }
      fact[key] = raw.trim();
    }
    const sources = data.sources;
    if (sources !== undefined && sources !== null) {
      if (
        !Array.isArray(sources) ||
        !sources.every((item): item is string => typeof item === 'string' && item.trim() !== '')
      ) {
        problem(
          nodeOf('sources'),
          `Frontmatter \`${name}.sources\` must be a list of URLs (strings), not \`${JSON.stringify(sources)}\`.`,
        );
        valid = false;
      } else {
        fact.sources = sources.map((item) => item.trim());
      }
    }
    if (valid) declared.push(fact as DeclaredInfographicFact);
  });
  if (declared.length > 0) page.declaredInfographics = declared;
}
