/** Collapses runs of white space to one space and trims, as a browser shows text. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Counts words: runs of letters and digits, with inner apostrophes and hyphens (`it’s`,
 * `well-known` are one word). A character loop with an ASCII fast path: it runs over every text
 * node of every page.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let wordChar: boolean;
    if (code < 128) {
      wordChar =
        (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    } else {
      wordChar = LETTER_OR_DIGIT.test(text.charAt(index));
    }
    if (wordChar) {
      if (!inWord) count++;
      inWord = true;
    } else if (inWord && isJoiner(code) && isWordAt(text, index + 1)) {
      // An apostrophe or hyphen between two word characters keeps the word going.
    } else {
      inWord = false;
    }
  }
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
