import { Parser } from 'htmlparser2';
import type { EmbedCodeFact } from '../model/facts.js';

const ACTIVE = new Set(['script', 'iframe', 'object', 'embed', 'style', 'form', 'base', 'meta']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Elements whose end tag HTML lets you leave out. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'tbody', 'thead']);
const ATTRIBUTE_NAME = /^[a-z_:][a-z0-9_.:-]*$/;
const HIDING_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$|!)|font-size\s*:\s*0(?:px|em|rem|%)?\s*(?:;|$|!))/i;

/** Does this text look like embed code (HTML with a link or an image)? */
export function looksLikeEmbedCode(text: string): boolean {
  return /<(a|img)\b/i.test(text);
}

function hides(attributes: Record<string, string>): boolean {
  if (attributes.hidden !== undefined || attributes['aria-hidden'] === 'true') return true;
  return HIDING_STYLE.test(attributes.style ?? '');
}

/** Reads embed code (the HTML in a copy box) into facts: its links, images and active elements. */
export function readEmbedCode(html: string): EmbedCodeFact {
  const fact: EmbedCodeFact = {
    bytes: new TextEncoder().encode(html).length,
    links: [],
    images: [],
    active: [],
  };
  const malformed: string[] = [];
  const stack: { name: string; hidden: boolean }[] = [];
  let link: EmbedCodeFact['links'][number] | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const hidden = (stack[stack.length - 1]?.hidden ?? false) || hides(attributes);
        if (!VOID.has(name)) stack.push({ name, hidden });
        if (ACTIVE.has(name)) fact.active.push(name);
        for (const key of Object.keys(attributes)) {
          if (key.startsWith('on')) fact.active.push(`${name}[${key}]`);
          else if (!ATTRIBUTE_NAME.test(key)) malformed.push(`attribute \`${key}\` on <${name}>`);
        }
        if (name === 'a' && attributes.href !== undefined) {
          link = {
            href: attributes.href.trim(),
            text: '',
            rel: (attributes.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
            ...(hidden ? { hidden: true } : {}),
          };
          fact.links.push(link);
        } else if (name === 'img') {
          const { src, alt, width, height } = attributes;
          fact.images.push({
            src: (src ?? '').trim(),
            ...(alt === undefined ? {} : { alt }),
            ...(width === undefined ? {} : { width }),
            ...(height === undefined ? {} : { height }),
          });
          if (link && alt) link.text += ` ${alt} `;
        }
      },
      ontext(text) {
        if (link) link.text += text;
      },
      onclosetag(name, isImplied) {
        if (!VOID.has(name)) {
          const index = stack.map((frame) => frame.name).lastIndexOf(name);
          if (index === -1) {
            malformed.push(`\`</${name}>\` with no open <${name}>`);
          } else {
            if (isImplied && !OPTIONAL_END.has(name)) malformed.push(`<${name}> is never closed`);
            stack.length = index;
          }
        }
        if (name === 'a' && link) {
          link.text = link.text.replace(/\s+/g, ' ').trim();
          link = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  if (malformed.length > 0) fact.malformed = [...new Set(malformed)];
  return fact;
}
