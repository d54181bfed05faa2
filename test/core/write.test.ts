import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBuffers, writeFileBuffers } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

/** More pieces than one `writev` call takes on Linux (1,024), empty ones among them. */
const pieces = Array.from({ length: 3000 }, (_, index) =>
  Buffer.from(index % 7 === 0 ? '' : `piece ${index}\n`),
);
const whole = Buffer.concat(pieces);

describe('writing buffers without joining them', () => {
  it('writeFileBuffers writes every piece in order, replacing the file', async () => {
    const root = tempSite({ 'report.json': 'an older and much longer report '.repeat(2000) });
    const path = join(root, 'report.json');
    await writeFileBuffers(path, pieces);
    expect(readFileSync(path).equals(whole)).toBe(true);
  });

  it('writeBuffers writes every piece in order, at a position', () => {
    const root = tempSite({ 'log.txt': 'head\n' });
    const path = join(root, 'log.txt');
    const fd = openSync(path, 'r+');
    try {
      expect(writeBuffers(fd, pieces, 5)).toBe(5 + whole.length);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path).equals(Buffer.concat([Buffer.from('head\n'), whole]))).toBe(true);
  });
});
