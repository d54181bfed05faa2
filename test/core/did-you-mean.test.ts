import { closestByWords, closestMatches, editDistance } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

describe('did-you-mean', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('bsae', 'base')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('proposes close candidates, a case-only difference first', () => {
    expect(closestMatches('/blgo/', ['/blog/', '/about/'])).toEqual(['/blog/']);
    expect(closestMatches('Intro', ['intro', 'introd'])).toEqual(['intro']);
    expect(closestMatches('#1', ['_footnote_1', 'top'])).toEqual([]);
  });

  it('bridges renamed slugs by shared words', () => {
    const ids = ['taste-before-you-measure', 'grind-size', 'milk-temperature'];
    expect(closestByWords('taste-the-shot-first', ids)).toBe('taste-before-you-measure');
    expect(closestByWords('water-hardness', ids)).toBeUndefined();
    expect(closestByWords('the-and', ids)).toBeUndefined();
  });
});
