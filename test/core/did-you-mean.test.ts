import { closestByWords, closestMatches, editDistance, Suggester } from '@linkworthy/core';
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

  it('matches the words of the page name, not of the folder it is in', () => {
    const urls = [
      '/guides/grind-size/',
      '/guides/milk-temperature/',
      '/tips/taste-before-you-measure/',
    ];
    // `guides` is where the page was, not which one: no guess among the guides.
    expect(closestByWords('/guides/water-hardness/', urls)).toBeUndefined();
    expect(closestByWords('/guides/taste-the-shot-first/', urls)).toBe(
      '/tips/taste-before-you-measure/',
    );
  });

  it('does not take what every file name has for a shared word or a near miss', () => {
    const urls = ['/', '/blog/', '/passwd.html', '/docs/index.html', '/about.html'];
    const suggester = new Suggester(urls);
    // `html` and `index` are shared by file names, not by what the pages are about.
    expect(suggester.suggest('/missing.html')).toBeUndefined();
    expect(suggester.suggest('/guide/index.html')).toBeUndefined();
    // Slashes and the extension do not widen the spelling limit: `/pwd.html` is three edits
    // from `/passwd.html`, a third of `/pwd.html` but more than a third of `pwd`.
    expect(suggester.suggest('/pwd.html')).toBeUndefined();
    // Real near misses are still found.
    expect(suggester.suggest('/abuot.html')).toBe('/about.html');
    expect(suggester.suggest('/passwrd.html')).toBe('/passwd.html');
  });
});
