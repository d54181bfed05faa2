import type { EmbedNode } from '@linkworthy/core';
import type { HtmlElement } from './html-tree.js';

/**
 * Hostile inputs for the property tests of embed markup (snippet, copy box, the Astro component
 * and the remark transform): quotes, `</textarea>`, `<script>`, `javascript:`, unicode.
 */

/** Deterministic PRNG (the bench's mulberry32): every run sees the same hostile strings. */
export { mulberry32 as random } from '../../bench/generate.mjs';

export const PIECES = [
  '"',
  "'",
  '`',
  '<',
  '>',
  '&',
  '&amp;',
  '&quot;',
  '&#x27;',
  '&lt;/textarea&gt;',
  '</textarea>',
  '</TEXTAREA >',
  '<script>alert(1)</script>',
  '</script>',
  '<!--',
  '-->',
  ']]>',
  'javascript:alert(1)',
  ' onerror="alert(1)" ',
  '<img src=x onerror=alert(1)>',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\u202e',
  'e\u0301',
  '☕',
  '🧋',
  '日本語',
  'مرحبا',
  '\\',
  '\\u003c',
  '${x}',
  'Coffee',
  ' by ',
  'numbers',
];

export function hostile(next: () => number): string {
  const length = 1 + Math.floor(next() * 6);
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)]!;
  return text;
}

/** An intended tree in the shape the parser gives (attribute values as strings, text merged). */
export function intended(node: EmbedNode): HtmlElement | string {
  if (node.type === 'text') return node.value;
  if (node.type === 'json') return JSON.stringify(node.value);
  return {
    name: node.name,
    attributes: Object.fromEntries(
      node.attributes.map(([key, value]) => [key, value === true ? '' : value]),
    ),
    children: node.children.map(intended),
  };
}
