import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DOCS_DIR = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

export interface DocBlock {
  lang: string;
  /**
   * `file=…`: the page this block is (`html`, `md`, `mdx`), or a file of the site that is not a
   * page for any other language (`xml file=sitemap.xml`, `txt file=robots.txt`, `txt file=_redirects`).
   */
  file?: string;
  /** `expect=3:missing,7:missingHere`: the findings the rule must report in this file. */
  expect: { line: number; messageId: string }[];
  /**
   * `json site` or `json config` blocks carry settings instead of a page; a `json baseline` block
   * (with `file=`) is a baseline file from `linkworthy baseline`, handed to the site.
   */
  role?: 'site' | 'config' | 'baseline';
  text: string;
  /** Line of the opening fence in the doc, for failure messages. */
  docLine: number;
}

export interface DocExample {
  kind: 'invalid' | 'valid';
  title: string;
  blocks: DocBlock[];
}

export interface RuleDoc {
  id: string;
  path: string;
  title: string;
  /** The first paragraph after the title: must equal `meta.description`. */
  description: string;
  examples: DocExample[];
  /** `### \`name\`` headings under `## Options`. */
  optionHeadings: string[];
  /** `json` blocks under `## Options`: each must be valid options for the rule. */
  optionSamples: { text: string; docLine: number }[];
  sections: string[];
}

/**
 * Reads a rule doc: `## Examples` → `### Invalid` / `### Valid` → optional `#### title` per
 * example, each a group of fenced blocks with `file=` and `expect=` in the info string.
 */
export function parseRuleDoc(id: string): RuleDoc {
  const path = `${DOCS_DIR}${id}.md`;
  const lines = readFileSync(path, 'utf8').split('\n');
  const doc: RuleDoc = {
    id,
    path,
    title: '',
    description: '',
    examples: [],
    optionHeadings: [],
    optionSamples: [],
    sections: [],
  };
  let section = '';
  let kind: DocExample['kind'] | undefined;
  let example: DocExample | undefined;
  let descriptionLines: string[] | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^(`{3,})(\S*)\s*(.*)$/.exec(line);
    if (fence) {
      const body: string[] = [];
      let end = index + 1;
      while (end < lines.length && !lines[end]!.startsWith(fence[1]!)) body.push(lines[end++]!);
      const block = parseInfo(fence[2]!, fence[3]!, body.join('\n'), index + 1);
      if (section === 'Options' && block.lang === 'json' && !block.role) {
        doc.optionSamples.push({ text: block.text, docLine: block.docLine });
      } else if (section === 'Examples' && kind) {
        if (!example) {
          example = { kind, title: kind, blocks: [] };
          doc.examples.push(example);
        }
        example.blocks.push(block);
      }
      index = end;
      continue;
    }
    const heading = /^(#{1,4}) (.*)$/.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      const text = heading[2]!.trim();
      descriptionLines = undefined;
      if (depth === 1) {
        doc.title = text;
        descriptionLines = [];
      } else if (depth === 2) {
        section = text;
        doc.sections.push(text);
        kind = undefined;
        example = undefined;
      } else if (depth === 3 && section === 'Examples') {
        kind = text.toLowerCase() === 'invalid' ? 'invalid' : 'valid';
        example = undefined;
      } else if (depth === 3 && section === 'Options') {
        const name = /^`([^`]+)`$/.exec(text)?.[1];
        if (name) doc.optionHeadings.push(name);
      } else if (depth === 4 && kind) {
        example = { kind, title: text, blocks: [] };
        doc.examples.push(example);
      }
      continue;
    }
    if (descriptionLines) {
      if (line.trim() === '' && descriptionLines.length > 0) {
        doc.description = descriptionLines.join(' ');
        descriptionLines = undefined;
      } else if (line.trim() !== '') {
        descriptionLines.push(line.trim());
      }
    }
  }
  return doc;
}

function parseInfo(lang: string, meta: string, text: string, docLine: number): DocBlock {
  const block: DocBlock = { lang, expect: [], text, docLine };
  for (const token of meta.split(/\s+/).filter(Boolean)) {
    const [key, value] = token.split('=', 2) as [string, string | undefined];
    if (key === 'file' && value) block.file = value;
    else if (key === 'expect' && value) {
      block.expect = value.split(',').map((entry) => {
        const [line, messageId] = entry.split(':');
        return { line: Number(line), messageId: messageId ?? '' };
      });
    } else if (key === 'site' || key === 'config' || key === 'baseline') block.role = key;
  }
  return block;
}

export function ruleDocIds(): string[] {
  return readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();
}
