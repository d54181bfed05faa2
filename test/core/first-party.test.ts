import { extractHtml } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

/**
 * The phrases `researchPhrases` counts (`FIRST_PARTY` in extract/content.ts): the oracle a built
 * page's blocks are checked against, over each block's whole text, however inline markup cuts
 * it into text nodes.
 */
const FIRST_PARTY =
  /\b(?:(?:we|I) (?:analy[sz]ed|surveyed|measured|benchmarked|tested|collected|interviewed|studied|crawled|sampled|ran)|our (?:data|dataset|survey|study|analysis|research|benchmarks?|measurements?|results|findings)|methodology|how we (?:measured|tested|collected))\b/i;

const research = (body: string, terms: boolean) =>
  extractHtml(`<html><body><main>${body}</main></body></html>`, { file: 'p.html', terms }).content!
    .researchPhrases;

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('first-party phrases in built pages', () => {
  it.each([
    ['<p>We measured 40 tools.</p>', 1],
    ['<p><em>We</em> measured it.</p>', 1],
    ['<p>Our <b>data</b> says so.</p>', 1],
    ['<p>See the <b>metho</b>dology.</p>', 1],
    ['<p>See the <b>w</b>e measured part.</p>', 1],
    ['<p>Co-we measured it.</p>', 1],
    ['<p>Ewe measured it.</p>', 0],
    ['<p>éwe measured it.</p>', 1],
    ['<p><a href="/x">We</a> measured it.</p>', 1],
    ['<p>How <a href="/x">we <code>ran</code></a> it.</p>', 0],
    ['<p>Our methodology’s limits.</p><p>I tested it.</p><p>The weather is fine.</p>', 2],
    ['<p>The methodology is sound.</p>', 1],
    ['<p>Results &amp; how we tested them.</p>', 1],
    ['<h2>Methodology</h2><p>Nothing here.</p>', 1],
  ])('%s: %i', (body, count) => {
    expect(research(body, true)).toBe(count);
    expect(research(body, false)).toBe(count);
  });

  it('finds every phrase the pattern finds in the block, however inline markup splits it', () => {
    const words = [
      'we',
      'We',
      'I',
      'i',
      'our',
      'OUR',
      'how',
      'measured',
      'tested',
      'data',
      'results',
      'methodology',
      'Methodology’s',
      'ran',
      'four',
      'awe',
      'hi',
      'ewe',
      'co-we',
      'éwe',
      'wei',
      'the',
      'tool',
      '40%',
      'study',
      'surveyed',
      'findings',
      'a',
      'on',
    ];
    const tags = ['em', 'b', 'span', 'a'];
    const next = mulberry32(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    let paragraphs = '';
    let expected = 0;
    for (let paragraph = 0; paragraph < 400; paragraph++) {
      const text = Array.from({ length: 3 + Math.floor(next() * 6) }, () => pick(words)).join(' ');
      if (FIRST_PARTY.test(text)) expected++;
      // Cut the text in up to three places, inside words too, and wrap the middle piece.
      const cuts = [0, ...Array.from({ length: 2 }, () => Math.floor(next() * text.length))];
      cuts.sort((a, b) => a - b);
      const [, first, second] = cuts as [number, number, number];
      const tag = pick(tags);
      const open = tag === 'a' ? '<a href="/x">' : `<${tag}>`;
      paragraphs += `<p>${text.slice(0, first)}${open}${text.slice(first, second)}</${tag}>${text.slice(second)}</p>\n`;
    }
    expect(expected).toBeGreaterThan(40);
    expect(research(paragraphs, true)).toBe(expected);
    expect(research(paragraphs, false)).toBe(expected);
  });
});
