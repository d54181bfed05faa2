import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * The attributes of an opening tag that the extractor reads, as fixed fields: one shape for every
 * tag, so reading them stays monomorphic, and nothing is allocated per tag. Only the attributes
 * {@link WANTED} lists for that tag are filled in; every other one reads as undefined (a `class`
 * is kept only where the extractor looks at it). One instance is reused from tag to tag: a
 * handler must copy what it keeps.
 */
export class TagAttributes {
  id: string | undefined = undefined;
  role: string | undefined = undefined;
  type: string | undefined = undefined;
  href: string | undefined = undefined;
  rel: string | undefined = undefined;
  name: string | undefined = undefined;
  alt: string | undefined = undefined;
  src: string | undefined = undefined;
  width: string | undefined = undefined;
  height: string | undefined = undefined;
  title: string | undefined = undefined;
  class: string | undefined = undefined;
  lang: string | undefined = undefined;
  content: string | undefined = undefined;
  property: string | undefined = undefined;
  hreflang: string | undefined = undefined;
  ariaLabel: string | undefined = undefined;
  dataInfographic: string | undefined = undefined;
  dataCredit: string | undefined = undefined;
  httpEquiv: string | undefined = undefined;
  readonly: string | undefined = undefined;
  dataLinkworthyEmbed: string | undefined = undefined;
  onclick: string | undefined = undefined;
  onfocus: string | undefined = undefined;
  /** Whether any field is set: most tags carry none the extractor reads. */
  private filled = false;

  /** Sets a field unless the tag already gave it (the first of duplicate attributes wins). */
  set(field: number, value: string): void {
    this.filled = true;
    switch (field) {
      case 0:
        this.id ??= value;
        break;
      case 1:
        this.role ??= value;
        break;
      case 2:
        this.type ??= value;
        break;
      case 3:
        this.href ??= value;
        break;
      case 4:
        this.rel ??= value;
        break;
      case 5:
        this.name ??= value;
        break;
      case 6:
        this.alt ??= value;
        break;
      case 7:
        this.src ??= value;
        break;
      case 8:
        this.width ??= value;
        break;
      case 9:
        this.height ??= value;
        break;
      case 10:
        this.title ??= value;
        break;
      case 11:
        this.class ??= value;
        break;
      case 12:
        this.lang ??= value;
        break;
      case 13:
        this.content ??= value;
        break;
      case 14:
        this.property ??= value;
        break;
      case 15:
        this.hreflang ??= value;
        break;
      case 16:
        this.ariaLabel ??= value;
        break;
      case 17:
        this.dataInfographic ??= value;
        break;
      case 18:
        this.dataCredit ??= value;
        break;
      case 19:
        this.httpEquiv ??= value;
        break;
      case 20:
        this.readonly ??= value;
        break;
      case 21:
        this.dataLinkworthyEmbed ??= value;
        break;
      case 22:
        this.onclick ??= value;
        break;
      default:
        this.onfocus ??= value;
    }
  }

  clear(): void {
    if (!this.filled) return;
    this.filled = false;
    this.id = this.role = this.type = this.href = this.rel = this.name = undefined;
    this.alt = this.src = this.width = this.height = this.title = this.class = undefined;
    this.lang = this.content = this.property = this.hreflang = this.ariaLabel = undefined;
    this.dataInfographic = this.dataCredit = this.httpEquiv = this.readonly = undefined;
    this.dataLinkworthyEmbed = this.onclick = this.onfocus = undefined;
  }
}

/** Attribute names (as written, lower-case) → field numbers of {@link TagAttributes.set}. */
const ATTRIBUTE_FIELDS = new Map<string, number>(
  [
    'id',
    'role',
    'type',
    'href',
    'rel',
    'name',
    'alt',
    'src',
    'width',
    'height',
    'title',
    'class',
    'lang',
    'content',
    'property',
    'hreflang',
    'aria-label',
    'data-infographic',
    'data-credit',
    'http-equiv',
    'readonly',
    'data-linkworthy-embed',
    'onclick',
    'onfocus',
  ].map((name, field) => [name, field]),
);

/** Which attributes the extractor reads on which tag (`*`: on every tag). */
export const WANTED: Record<string, readonly string[]> = {
  '*': ['id', 'role'],
  a: ['name', 'href', 'rel', 'aria-label'],
  area: ['name', 'href', 'rel', 'aria-label', 'alt'],
  img: ['alt', 'src', 'width', 'height', 'title', 'data-infographic', 'data-credit'],
  figure: ['data-infographic', 'data-credit'],
  html: ['lang'],
  meta: ['content', 'http-equiv', 'name', 'property'],
  link: ['rel', 'href', 'type', 'hreflang'],
  script: ['type'],
  sup: ['class'],
  textarea: ['readonly', 'data-linkworthy-embed', 'onclick', 'onfocus', 'class', 'name'],
};

// What htmlparser2's `Parser` (12.x, HTML mode) does with tag names, copied so that the events
// below are exactly the ones it gives (test/core/html-events.test.ts compares them).
const formTags = new Set([
  'input',
  'option',
  'optgroup',
  'select',
  'button',
  'datalist',
  'textarea',
]);
const pTag = new Set(['p']);
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const tableSectionTags = new Set(['thead', 'tbody']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', pTag],
  ['h1', headingTags],
  ['h2', headingTags],
  ['h3', headingTags],
  ['h4', headingTags],
  ['h5', headingTags],
  ['h6', headingTags],
  ['select', formTags],
  ['input', formTags],
  ['output', formTags],
  ['button', formTags],
  ['datalist', formTags],
  ['textarea', formTags],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddtTags],
  ['dt', ddtTags],
  ['address', pTag],
  ['article', pTag],
  ['aside', pTag],
  ['blockquote', pTag],
  ['details', pTag],
  ['div', pTag],
  ['dl', pTag],
  ['fieldset', pTag],
  ['figcaption', pTag],
  ['figure', pTag],
  ['footer', pTag],
  ['form', pTag],
  ['header', pTag],
  ['hr', pTag],
  ['main', pTag],
  ['nav', pTag],
  ['ol', pTag],
  ['pre', pTag],
  ['section', pTag],
  ['table', pTag],
  ['ul', pTag],
  ['rt', rtpTags],
  ['rp', rtpTags],
  ['tbody', tableSectionTags],
  ['tfoot', tableSectionTags],
]);
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements that hold HTML inside SVG or MathML (SVG-adjusted names, as `Parser` compares them). */
const HTML_INTEGRATION_ELEMENTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignObject',
  'desc',
  'title',
]);
const SVG_TAG_NAMES = new Map(
  [
    'altGlyph',
    'altGlyphDef',
    'altGlyphItem',
    'animateColor',
    'animateMotion',
    'animateTransform',
    'clipPath',
    'feBlend',
    'feColorMatrix',
    'feComponentTransfer',
    'feComposite',
    'feConvolveMatrix',
    'feDiffuseLighting',
    'feDisplacementMap',
    'feDistantLight',
    'feDropShadow',
    'feFlood',
    'feFuncA',
    'feFuncB',
    'feFuncG',
    'feFuncR',
    'feGaussianBlur',
    'feImage',
    'feMerge',
    'feMergeNode',
    'feMorphology',
    'feOffset',
    'fePointLight',
    'feSpecularLighting',
    'feSpotLight',
    'feTile',
    'feTurbulence',
    'foreignObject',
    'glyphRef',
    'linearGradient',
    'radialGradient',
    'textPath',
  ].map((name) => [name.toLowerCase(), name]),
);

const FOREIGN_NONE = 0;
const FOREIGN_SVG = 1;
const FOREIGN_MATH = 2;

/** What `Parser` decides from a tag's name, worked out once per name instead of per tag. */
class Tag {
  readonly void: boolean;
  readonly impliesClose: ReadonlySet<string> | undefined;
  /** The foreign context this element opens (-1: none; integration points open HTML again). */
  readonly opensContext: number;
  /** Attributes read on this tag, as a bit per field. */
  readonly wanted: number;
  /** Lengths of the names of {@link wanted}, as a bit per length: rules most names out unread. */
  readonly wantedLengths: number;
  /** This name as SVG spells it (`clippath` → `clipPath`), when it differs. */
  svg: Tag | undefined;

  constructor(readonly name: string) {
    this.void = VOID_ELEMENTS.has(name);
    this.impliesClose = OPEN_IMPLIES_CLOSE.get(name);
    this.opensContext =
      name === 'svg'
        ? FOREIGN_SVG
        : name === 'math'
          ? FOREIGN_MATH
          : HTML_INTEGRATION_ELEMENTS.has(name)
            ? FOREIGN_NONE
            : -1;
    let wanted = 0;
    let wantedLengths = 0;
    for (const attribute of [...WANTED['*']!, ...(WANTED[name] ?? [])]) {
      wanted |= 1 << ATTRIBUTE_FIELDS.get(attribute)!;
      wantedLengths |= 1 << attribute.length;
    }
    this.wanted = wanted;
    this.wantedLengths = wantedLengths;
  }
}

/** Tags by name, and by spelling as written (`DIV` → the tag `div`); shared by all pages. */
const TAGS = new Map<string, Tag>();
const SPELLINGS = new Map<string, Tag>();
/** A site full of made-up element names must not grow the maps without end. */
const MAX_TAGS = 10_000;

function tagNamed(name: string): Tag {
  let tag = TAGS.get(name);
  if (tag === undefined) {
    // An internalized name compares by pointer, and looks up as a property key without hashing.
    tag = new Tag(Object.keys({ [name]: 0 })[0]!);
    TAGS.set(name, tag);
    const svgName = SVG_TAG_NAMES.get(name);
    if (svgName !== undefined) tag.svg = tagNamed(svgName);
  }
  return tag;
}

function tagSpelled(spelling: string): Tag {
  let tag = SPELLINGS.get(spelling);
  if (tag === undefined) {
    tag = tagNamed(spelling.toLowerCase());
    SPELLINGS.set(spelling, tag);
  }
  return tag;
}

/**
 * The last spelling seen in each of a few slots (by first and last character and length), with
 * its tag: checking a name against the source in place finds most tags without slicing the name
 * out and hashing it.
 */
const RECENT_SPELLINGS = new Array<string>(1024).fill('');
const RECENT_TAGS = new Array<Tag | undefined>(1024).fill(undefined);

const IMG = tagNamed('img');
const P = tagNamed('p');
/** The name of a tag `Parser` ignores (a `<form>` inside a form): it matches nothing. */
const IGNORED = new Tag('');

/**
 * htmlparser2's `Tokenizer`, crossing runs of text and of quoted attribute values with `indexOf`
 * instead of one step of its state machine per character, and with `indexOf` in its own
 * `fastForwardTo` (comments, `<script>` and `<style>`). With entities decoded, only `<` and `&`
 * end a run of text, and only the quote and `&` a quoted value, so the events are the same
 * (test/core/html-events.test.ts compares them with the stock `Parser`'s). Measured on the
 * realistic pages: the tokenizer's time falls by about 60 %, from 40 % of the extractor's.
 * The methods replaced are private to htmlparser2 12: they are replaced on this subclass only, and
 * only if they exist, so a release that renames them is read with its own steps.
 */
class FastTokenizer extends Tokenizer {
  /** The first `&` at or after {@link ampersandFrom} in {@link ampersandBuffer} (none: its length). */
  ampersandAt = -1;
  ampersandFrom = 0;
  ampersandBuffer = '';
}

/** The members of htmlparser2's `Tokenizer` (12.x) the faster steps use and replace. */
interface TokenizerInternals {
  buffer: string;
  offset: number;
  index: number;
  ampersandAt: number;
  ampersandFrom: number;
  ampersandBuffer: string;
  stateText: (this: TokenizerInternals, code: number) => void;
  handleInAttributeValue: (this: TokenizerInternals, code: number, quote: number) => void;
  fastForwardTo: (this: TokenizerInternals, code: number) => boolean;
}

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;
const DOUBLE_QUOTE = 0x22;

const tokenizerSteps = FastTokenizer.prototype as unknown as TokenizerInternals;
const stockStateText = tokenizerSteps.stateText;
const stockAttributeValue = tokenizerSteps.handleInAttributeValue;
if (
  typeof stockStateText === 'function' &&
  typeof stockAttributeValue === 'function' &&
  typeof tokenizerSteps.fastForwardTo === 'function'
) {
  tokenizerSteps.stateText = function (this: TokenizerInternals, code: number): void {
    if (code === LESS_THAN || code === AMPERSAND) {
      stockStateText.call(this, code);
      return;
    }
    const { buffer } = this;
    const from = this.index - this.offset;
    let end = buffer.indexOf('<', from);
    if (end === -1) end = buffer.length;
    // The tokenizer steps past the character at `index` next.
    this.index = Math.min(end, nextAmpersand(this, buffer, from)) - 1 + this.offset;
  };
  tokenizerSteps.handleInAttributeValue = function (
    this: TokenizerInternals,
    code: number,
    quote: number,
  ): void {
    if (code === quote || code === AMPERSAND) {
      stockAttributeValue.call(this, code, quote);
      return;
    }
    const { buffer } = this;
    const from = this.index - this.offset;
    let end = buffer.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", from);
    if (end === -1) end = buffer.length;
    this.index = Math.min(end, nextAmpersand(this, buffer, from)) - 1 + this.offset;
  };
  tokenizerSteps.fastForwardTo = function (this: TokenizerInternals, code: number): boolean {
    const found = this.buffer.indexOf(String.fromCharCode(code), this.index - this.offset + 1);
    if (found === -1) {
      this.index = this.buffer.length + this.offset - 1;
      return false;
    }
    this.index = found + this.offset;
    return true;
  };
}

/** The first `&` at or after `from`, remembered: text and values between two `&` ask again. */
function nextAmpersand(tokenizer: TokenizerInternals, buffer: string, from: number): number {
  if (
    tokenizer.ampersandBuffer !== buffer ||
    from < tokenizer.ampersandFrom ||
    from > tokenizer.ampersandAt
  ) {
    const found = buffer.indexOf('&', from);
    tokenizer.ampersandAt = found === -1 ? buffer.length : found;
    tokenizer.ampersandFrom = from;
    tokenizer.ampersandBuffer = buffer;
  }
  return tokenizer.ampersandAt;
}

/** What the extractor is told, in document order. `offset` is `Parser.startIndex` at that point. */
export interface HtmlEventHandler {
  open(name: string, attributes: TagAttributes, offset: number): void;
  close(name: string, implied: boolean, offset: number): void;
  text(data: string, offset: number): void;
}

/**
 * Reads an HTML document with htmlparser2's `Tokenizer`, giving the open, close and text events
 * its `Parser` gives (`decodeEntities`, lower-cased names: implied end tags, void elements, SVG
 * and MathML, `</p>` and `</br>` without an opener, the same `startIndex`), but without what the
 * extractor never reads: an attribute object per tag with every attribute sliced and lower-cased,
 * comments, processing instructions, and a stack kept with `unshift`. On pages of the realistic
 * site this took extraction from about 600 to 480 ms of CPU per 1,000 pages (before the faster
 * tokenizer steps above).
 */
export function readHtmlEvents(text: string, handler: HtmlEventHandler): void {
  if (SPELLINGS.size > MAX_TAGS || TAGS.size > MAX_TAGS) {
    SPELLINGS.clear();
    TAGS.clear();
    RECENT_SPELLINGS.fill('');
  }
  const reader = new EventReader(text, handler);
  // Entities decoded: the faster steps of FastTokenizer depend on it.
  const tokenizer = new FastTokenizer({ decodeEntities: true }, reader);
  if (text) tokenizer.write(text);
  tokenizer.end();
}

class EventReader implements TokenizerCallbacks {
  /** `Parser.startIndex`: where the current event starts, as `Parser` keeps it. */
  private startIndex = 0;
  private openTagStart = 0;
  private readonly stack: Tag[] = [];
  /** Foreign contexts, innermost last, over a first entry for the HTML document. */
  private readonly contexts: number[] = [FOREIGN_NONE];
  /** The tag being opened, while its attributes are read. */
  private tag: Tag = IGNORED;
  /** Whether the tag being opened reports its attributes (`Parser.attribs` is set). */
  private collecting = false;
  private readonly attributes = new TagAttributes();
  /** The field the attribute being read fills, or -1 when it is not read. */
  private field = -1;
  private value = '';

  constructor(
    private readonly html: string,
    private readonly handler: HtmlEventHandler,
  ) {}

  isInForeignContext(): boolean {
    return this.contexts[this.contexts.length - 1] !== FOREIGN_NONE;
  }

  ontext(start: number, endIndex: number): void {
    this.handler.text(this.html.slice(start, endIndex), this.startIndex);
    this.startIndex = endIndex;
  }

  ontextentity(codepoint: number, endIndex: number): void {
    this.handler.text(String.fromCodePoint(codepoint), this.startIndex);
    this.startIndex = endIndex;
  }

  onopentagname(start: number, endIndex: number): void {
    this.emitOpenTag(this.readTagName(start, endIndex));
  }

  onopentagend(endIndex: number): void {
    this.endOpenTag();
    this.startIndex = endIndex + 1;
  }

  onclosetag(start: number, endIndex: number): void {
    const tag = this.readTagName(start, endIndex);
    if (!tag.void) {
      const stack = this.stack;
      let index = stack.length - 1;
      while (index >= 0 && stack[index]!.name !== tag.name) index--;
      if (index !== -1) {
        while (stack.length - 1 > index) this.popElement(true);
        this.popElement(false);
      } else if (tag.name === 'p') {
        // `</p>` without an opener: an empty paragraph, as browsers make.
        this.emitOpenTag(P);
        this.closeCurrentTag(true);
      }
    } else if (tag.name === 'br') {
      // `</br>` is read as `<br>`.
      this.attributes.clear();
      this.handler.open('br', this.attributes, this.startIndex);
      this.handler.close('br', false, this.startIndex);
    }
    this.startIndex = endIndex + 1;
  }

  onselfclosingtag(endIndex: number): void {
    if (this.isInForeignContext()) {
      this.closeCurrentTag(false);
      this.startIndex = endIndex + 1;
    } else {
      this.onopentagend(endIndex);
    }
  }

  onattribname(start: number, endIndex: number): void {
    this.startIndex = start;
    this.field = -1;
    const length = endIndex - start;
    if (!this.collecting || length > 30 || ((this.tag.wantedLengths >>> length) & 1) === 0) return;
    const name = this.html.slice(start, endIndex);
    let field = ATTRIBUTE_FIELDS.get(name);
    if (field === undefined) {
      const lower = name.toLowerCase();
      if (lower !== name) field = ATTRIBUTE_FIELDS.get(lower);
    }
    if (field !== undefined && ((this.tag.wanted >>> field) & 1) === 1) this.field = field;
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.field !== -1) this.value += this.html.slice(start, endIndex);
  }

  onattribentity(codepoint: number): void {
    if (this.field !== -1) this.value += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.field === -1) return;
    this.attributes.set(this.field, this.value);
    this.field = -1;
    this.value = '';
  }

  ondeclaration(_start: number, endIndex: number): void {
    this.startIndex = endIndex + 1;
  }

  onprocessinginstruction(_start: number, endIndex: number): void {
    this.startIndex = endIndex + 1;
  }

  oncomment(_start: number, endIndex: number): void {
    this.startIndex = endIndex + 1;
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    // HTML reads CDATA as text only inside SVG or MathML; elsewhere it is a comment.
    if (this.isInForeignContext()) {
      this.handler.text(this.html.slice(start, endIndex - endOffset), this.startIndex);
    }
    this.startIndex = endIndex + 1;
  }

  onend(): void {
    const stack = this.stack;
    for (let index = stack.length - 1; index >= 0; index--) {
      this.handler.close(stack[index]!.name, true, this.startIndex);
    }
  }

  /** The tag a name stands for, as `Parser.readTagName` adjusts it for SVG and `image`. */
  private readTagName(start: number, endIndex: number): Tag {
    const html = this.html;
    const slot =
      (html.charCodeAt(start) * 31 + html.charCodeAt(endIndex - 1) * 7 + endIndex - start) & 1023;
    const recent = RECENT_SPELLINGS[slot]!;
    let tag: Tag;
    if (recent.length === endIndex - start && html.startsWith(recent, start)) {
      tag = RECENT_TAGS[slot]!;
    } else {
      const spelling = html.slice(start, endIndex);
      tag = tagSpelled(spelling);
      RECENT_SPELLINGS[slot] = spelling;
      RECENT_TAGS[slot] = tag;
    }
    const context = this.contexts[this.contexts.length - 1];
    if (context === FOREIGN_SVG) return tag.svg ?? tag;
    // `</foreignObject>` inside its own HTML content.
    const svg = tag.svg;
    if (
      this.contexts.length > 1 &&
      svg !== undefined &&
      this.stack.some((open) => open.name === svg.name)
    ) {
      return svg;
    }
    if (context === FOREIGN_NONE) return tag.name === 'image' ? IMG : tag;
    return tag;
  }

  private emitOpenTag(tag: Tag): void {
    this.openTagStart = this.startIndex;
    this.tag = tag;
    // A second `<form>` inside a form is ignored altogether, as the HTML standard says.
    if (tag.name === 'form' && this.stack.some((open) => open.name === 'form')) {
      this.tag = IGNORED;
      return;
    }
    const closes = tag.impliesClose;
    if (closes !== undefined) {
      while (this.stack.length > 0 && closes.has(this.stack[this.stack.length - 1]!.name)) {
        this.popElement(true);
      }
    }
    if (!tag.void) {
      this.stack.push(tag);
      if (tag.opensContext !== -1) this.contexts.push(tag.opensContext);
    }
    this.attributes.clear();
    this.collecting = true;
  }

  private endOpenTag(): void {
    this.startIndex = this.openTagStart;
    const tag = this.tag;
    if (this.collecting) {
      this.collecting = false;
      this.handler.open(tag.name, this.attributes, this.startIndex);
    }
    if (tag.void) this.handler.close(tag.name, true, this.startIndex);
    this.tag = IGNORED;
  }

  private closeCurrentTag(openImplied: boolean): void {
    const tag = this.tag;
    this.endOpenTag();
    if (this.stack[this.stack.length - 1]?.name === tag.name) this.popElement(!openImplied);
  }

  private popElement(implied: boolean): void {
    const tag = this.stack.pop()!;
    if (tag.opensContext !== -1) this.contexts.pop();
    this.handler.close(tag.name, implied, this.startIndex);
  }
}
