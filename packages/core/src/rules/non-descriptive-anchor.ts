import { z } from 'zod';
import type { LinkFact } from '../model/facts.js';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

/**
 * Link texts that say nothing about their target, by language. Matched against the whole text,
 * after lower-casing and removing punctuation, symbols and accents.
 */
const GENERIC_PHRASES = [
  // English
  'click here',
  'click',
  'here',
  'click this',
  'tap here',
  'read more',
  'read this',
  'more',
  'more info',
  'more information',
  'learn more',
  'find out more',
  'see more',
  'link',
  'this link',
  'this page',
  'this',
  'continue reading',
  'details',
  'follow this link',
  'go here',
  'see here',
  // German
  'hier',
  'hier klicken',
  'klicken sie hier',
  'klick hier',
  'mehr',
  'mehr lesen',
  'weiterlesen',
  'mehr erfahren',
  'mehr dazu',
  'mehr informationen',
  'mehr infos',
  'diese seite',
  'dieser link',
  'hier lesen',
  'hier entlang',
  // French
  'ici',
  'cliquez ici',
  'clique ici',
  'cliquer ici',
  'lire la suite',
  'lire plus',
  'en savoir plus',
  'voir plus',
  'lien',
  'ce lien',
  'cette page',
  'plus d infos',
  'plus d informations',
  // Spanish
  'aqui',
  'haz clic aqui',
  'haga clic aqui',
  'clic aqui',
  'pulsa aqui',
  'leer mas',
  'mas',
  'saber mas',
  'ver mas',
  'mas informacion',
  'enlace',
  'este enlace',
  'esta pagina',
  'seguir leyendo',
  'continuar leyendo',
  // Italian
  'qui',
  'clicca qui',
  'fai clic qui',
  'leggi di piu',
  'leggi tutto',
  'leggi',
  'di piu',
  'altro',
  'scopri di piu',
  'continua a leggere',
  'maggiori informazioni',
  'questa pagina',
  'questo link',
  // Portuguese
  'aqui',
  'clique aqui',
  'clica aqui',
  'leia mais',
  'ler mais',
  'saiba mais',
  'mais',
  'ver mais',
  'mais informacoes',
  'esta pagina',
  'este link',
  'continue lendo',
  'continuar lendo',
  // Dutch
  'hier',
  'klik hier',
  'lees meer',
  'lees verder',
  'meer',
  'meer informatie',
  'meer info',
  'verder lezen',
  'deze pagina',
  'deze link',
];

/**
 * ASCII words separated by single spaces: text that the normalisation below only lower-cases.
 * Most link texts are like this, and testing it costs far less than the Unicode passes.
 */
const PLAIN_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** Lower case, accents, punctuation and symbols removed, whitespace collapsed. */
export function normalizeAnchorText(text: string): string {
  if (PLAIN_WORDS.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BARE_URL = /^(?:(?:https?:)?\/\/|www\.)\S+$/i;

export default defineRule({
  id: 'non-descriptive-anchor',
  meta: {
    description:
      'Report links whose text says nothing about their target: "click here", "read more", a bare URL, or no text at all.',
    category: 'links',
    defaultSeverity: 'warn',
    recommended: true,
    reads: ['file', 'format', 'links', 'meta.refresh', 'partial', 'title', 'url'],
  },
  options: z.strictObject({
    /** More link texts to report, in any language (`"weiter"`). */
    phrases: z.array(z.string()).default([]),
    /** Link texts to allow, even though they are in the built-in list (`"more"`). */
    ignore: z.array(z.string()).default([]),
    /** Check links to other sites too. */
    checkExternal: z.boolean().default(false),
  }),
  check({ site, options, report }) {
    const allowed = new Set(options.ignore.map(normalizeAnchorText));
    const generic = new Set(
      [...GENERIC_PHRASES, ...options.phrases.map(normalizeAnchorText)].filter(
        (phrase) => phrase !== '' && !allowed.has(phrase),
      ),
    );
    const longestPhrase = Math.max(0, ...[...generic].map((phrase) => phrase.length));
    for (const page of site.pages) {
      const outcomes = site.outcomesOf(page);
      for (let index = 0; index < outcomes.length; index++) {
        const resolved = outcomes[index]!;
        const { status } = resolved;
        if (status === 'skipped') continue;
        if (status === 'external' && !options.checkExternal) continue;
        const link = page.links[index]!;
        const problem = classify(link, page.format === 'html', generic, allowed, longestPhrase);
        if (!problem) continue;
        const target =
          resolved.page && resolved.page !== page ? pageName(site, resolved.page) : link.href;
        const title = resolved.page && resolved.page !== page ? resolved.page.title : undefined;
        const hint = title ? `, such as \`${title}\`` : '';
        const messages = {
          generic: `Link text \`${link.text}\` does not say what \`${target}\` is about. Use words that describe the target${hint}.`,
          url: `Link text is a bare URL (\`${link.text}\`). Use words that describe \`${target}\`${hint}.`,
          empty: `Link to \`${target}\` has no text, image alt or \`aria-label\`. Give it text that describes the target${hint}.`,
        };
        report({
          page,
          messageId: problem,
          message: messages[problem],
          note: 'Anchor text is what search engines read as the topic of the target page, and what screen-reader users hear when they list the links of a page; "click here" tells neither anything.',
          linkIndex: index,
          target: link.href,
          data: { text: link.text },
        });
      }
    }
  },
});

function classify(
  link: LinkFact,
  isHtml: boolean,
  generic: ReadonlySet<string>,
  allowed: ReadonlySet<string>,
  longestPhrase: number,
): 'generic' | 'url' | 'empty' | undefined {
  const text = link.text.trim();
  if (text === '') {
    // A descriptive `aria-label` names the link for assistive technology.
    if (link.label !== undefined) return undefined;
    // Markdown's extractor cannot see the text of raw HTML links, so empty text proves nothing
    // there; and fragment-only links without text are heading permalinks that themes add.
    if (!isHtml || link.href.startsWith('#')) return undefined;
    return 'empty';
  }
  // Plain ASCII words are their own normal form once lower-cased, and never a bare URL: only a
  // phrase of their length can match, and most link texts are longer than any phrase.
  const plain = PLAIN_WORDS.test(text);
  if (plain && text.length > longestPhrase) return undefined;
  // Normalising only removes characters (accents, punctuation), so a much longer text cannot
  // be one of the phrases: skip the work for ordinary link texts.
  if (text.length > longestPhrase * 4) return isBareUrl(text, link.href) ? 'url' : undefined;
  const normalized = plain ? text.toLowerCase() : normalizeAnchorText(text);
  if (allowed.has(normalized)) return undefined;
  // `[link](#link)`, `<a href="#this"><code>this</code></a>`: the text is the target's name.
  if (generic.has(normalized) && normalized !== lastWordOf(link.href)) {
    const label = link.label === undefined ? undefined : normalizeAnchorText(link.label);
    // `<a aria-label="Read more about pricing">Read more</a>`: named for screen readers.
    return label !== undefined && label !== '' && !generic.has(label) ? undefined : 'generic';
  }
  return isBareUrl(text, link.href) ? 'url' : undefined;
}

/** `https://…`, `//…`, `www.…`, or the link's own root-relative href as its text. */
function isBareUrl(text: string, href: string): boolean {
  return BARE_URL.test(text) || (text === href && text.startsWith('/') && text.length > 1);
}

/** The last word of what an href names: its fragment, else its last path segment. */
function lastWordOf(href: string): string {
  const hash = href.indexOf('#');
  const named =
    hash !== -1 && hash < href.length - 1
      ? href.slice(hash + 1)
      : (href.split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? '');
  let decoded = named;
  try {
    decoded = decodeURIComponent(named);
  } catch {
    // Keep it as written.
  }
  const words = normalizeAnchorText(decoded.replace(/\.(?:html?|mdx?|php|aspx?)$/i, '')).split(' ');
  return words[words.length - 1] ?? '';
}
