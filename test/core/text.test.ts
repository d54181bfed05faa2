import { describe, expect, it } from 'vitest';
import { collapseWhitespace, countWords } from '../../packages/core/src/extract/text.js';

describe('text helpers', () => {
  it('counts words with inner apostrophes and hyphens as one', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  one two\tthree\n')).toBe(3);
    expect(countWords("It's a well-known fact: 42 words.")).toBe(6);
    expect(countWords('It’s café crème, 2024–2025')).toBe(5);
    expect(countWords('trailing- hyphen -leading')).toBe(3);
    expect(countWords('日本語 テキスト')).toBe(2);
  });

  it('collapses white space', () => {
    expect(collapseWhitespace('  a \n\t b  ')).toBe('a b');
  });
});
