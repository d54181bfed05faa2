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
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let wordChar: boolean;
    if (code >= 128) wordChar = LETTER_OR_DIGIT.test(text.charAt(index));
    else if (code >= 97) wordChar = code <= 122;
    else if (code >= 65) wordChar = code <= 90;
    else if (code >= 48 && code <= 57) wordChar = digit = true;
    else wordChar = false;
    if (wordChar) {
      if (!inWord) count++;
      inWord = true;
    } else if (inWord && isJoiner(code) && isWordAt(text, index + 1)) {
      // An apostrophe or hyphen between two word characters keeps the word going.
    } else {
      inWord = false;
    }
  }
  if (digit && signs) signs.digit = true;
  return count;
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
