/**
 * A small element tree and the one serialiser every piece of embed markup goes through: user
 * values only ever become attribute values or text, escaped here, never spliced into markup.
 */

export interface TextNode {
  type: 'text';
  value: string;
}

/** JSON inside `<script type="application/ld+json">`: `<` and `>` are written as `\u003c`/`\u003e`. */
export interface JsonNode {
  type: 'json';
  value: unknown;
}

export interface ElementNode {
  type: 'element';
  name: string;
  /** In output order; `true` writes a bare boolean attribute. */
  attributes: [string, string | true][];
  children: EmbedNode[];
}

export type EmbedNode = ElementNode | TextNode | JsonNode;

const VOID_ELEMENTS = new Set(['img', 'link', 'meta', 'br', 'hr', 'source', 'input']);
const NAME = /^[a-z][a-z0-9-]*$/;

/** Builds an element; attributes whose value is `undefined` or `false` are left out. */
export function h(
  name: string,
  attributes: Record<string, string | number | boolean | undefined>,
  ...children: (EmbedNode | string)[]
): ElementNode {
  const list: [string, string | true][] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    list.push([key, value === true ? true : String(value)]);
  }
  return {
    type: 'element',
    name,
    attributes: list,
    children: children.map((child) =>
      typeof child === 'string' ? { type: 'text', value: child } : child,
    ),
  };
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/**
 * JSON that is safe inside a `<script>` element and inside HTML: no `<`, `>` or `&` (so no
 * `</script>` or `<!--`), and no U+2028/U+2029.
 */
export function scriptSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Serialises a tree to HTML. Throws on an element or attribute name that is not plain. */
export function toHtml(node: EmbedNode | readonly EmbedNode[]): string {
  if (Array.isArray(node)) return (node as readonly EmbedNode[]).map((n) => toHtml(n)).join('');
  const single = node as EmbedNode;
  if (single.type === 'text') return escapeText(single.value);
  if (single.type === 'json') return scriptSafeJson(single.value);
  if (!NAME.test(single.name)) throw new Error(`Invalid element name \`${single.name}\``);
  let html = `<${single.name}`;
  for (const [key, value] of single.attributes) {
    if (!NAME.test(key)) throw new Error(`Invalid attribute name \`${key}\``);
    html += value === true ? ` ${key}` : ` ${key}="${escapeAttribute(value)}"`;
  }
  html += '>';
  if (VOID_ELEMENTS.has(single.name)) return html;
  for (const child of single.children) {
    if (child.type === 'json' && single.name !== 'script') {
      throw new Error('JSON content is only allowed in <script>');
    }
    html += toHtml(child);
  }
  return `${html}</${single.name}>`;
}
