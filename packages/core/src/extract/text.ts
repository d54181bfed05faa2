/** Collapses runs of white space to one space and trims, as a browser shows text. */
export function collapseWhitespace(text: string): string {
  // Most link texts and headings have nothing to collapse, and the replacement would copy them.
  if (isCollapsed(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

const WHITE_SPACE = /\s/;

/** Whether `text` has no white space but single spaces between other characters. */
function isCollapsed(text: string): boolean {
  let afterSpace = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (code < 128 ? code >= 9 && code <= 13 : WHITE_SPACE.test(text.charAt(index))) {
      return false;
    } else {
      afterSpace = false;
    }
  }
  return !afterSpace || text.length === 0;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * What {@link countWords} noticed on its way through a text, so that measurements of prose need
 * not scan it again (a regular expression over every block of prose of every page).
 */
export interface ProseSigns {
  /** An ASCII digit (what `/\d/` finds). */
  digit: boolean;
  /**
   * A word that could start a first-party phrase (`We measured`, `our data`, `methodology`): one
   * ending in `we`, `i` or `our` (any case) before a space or at the end of the text, or one with
   * `methodology` in it. Whatever `FIRST_PARTY` (content.ts) matches has one of these, so a text
   * without is not tested (a regular expression over all prose: 6 % of a worker's time).
   */
  firstParty: boolean;
}

/**
 * Counts words: runs of letters and digits, with inner apostrophes and hyphens (`it’s`,
 * `well-known` are one word). A character loop with an ASCII fast path: it runs over every text
 * node of every page. Given `signs`, it sets the ones it sees (and never clears one).
 */
export function countWords(text: string, signs?: ProseSigns): number {
  let count = 0;
  let inWord = false;
  let digit = false;
  let firstParty = false;
  let wordStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let wordChar: boolean;
    if (code >= 128) wordChar = LETTER_OR_DIGIT.test(text.charAt(index));
    else if (code >= 97) wordChar = code <= 122;
    else if (code >= 65) wordChar = code <= 90;
    else if (code >= 48 && code <= 57) wordChar = digit = true;
    else wordChar = false;
    if (wordChar) {
      if (!inWord) {
        count++;
        wordStart = index;
      }
      inWord = true;
    } else if (inWord && isJoiner(code) && isWordAt(text, index + 1)) {
      // An apostrophe or hyphen between two word characters keeps the word going.
    } else {
      if (inWord && !firstParty) firstParty = startsFirstParty(text, wordStart, index);
      inWord = false;
    }
  }
  if (inWord && !firstParty) firstParty = startsFirstParty(text, wordStart, text.length);
  if (signs) {
    if (digit) signs.digit = true;
    if (firstParty) signs.firstParty = true;
  }
  return count;
}

/**
 * Whether the word `text[start, end)` could begin a first-party phrase ({@link ProseSigns}):
 * `we`, `i` or `our` at its end (as `FIRST_PARTY_HINT` finds them, it needs no word boundary),
 * followed by a space or the end of the text (the next text node may start with the space), or
 * `methodology` anywhere in it. Letters are compared in ASCII lower case (`| 32`), as the
 * expression's `i` flag does without `u`.
 */
export function startsFirstParty(text: string, start: number, end: number): boolean {
  if (end < text.length && text.charCodeAt(end) !== 32) return hasMethodology(text, start, end);
  const last = text.charCodeAt(end - 1) | 32;
  if (last === 105 /* i */) return true;
  if (end - start >= 2) {
    const before = text.charCodeAt(end - 2) | 32;
    if (last === 101 /* e */ && before === 119 /* w */) return true;
    if (
      last === 114 /* r */ &&
      before === 117 /* u */ &&
      end - start >= 3 &&
      (text.charCodeAt(end - 3) | 32) === 111 /* o */
    ) {
      return true;
    }
  }
  return hasMethodology(text, start, end);
}

function hasMethodology(text: string, start: number, end: number): boolean {
  return end - start >= 11 && text.slice(start, end).toLowerCase().includes('methodology');
}

/** Whether `text` starts with a word character (a letter or digit, as words are counted). */
export function startsInWord(text: string): boolean {
  return isWordAt(text, 0);
}

/** Whether `text` ends with a word character (a letter or digit, as words are counted). */
export function endsInWord(text: string): boolean {
  return text.length > 0 && isWordAt(text, text.length - 1);
}

function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45;
}

function isWordAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  return LETTER_OR_DIGIT.test(text.charAt(index));
}
