import { open } from 'node:fs/promises';
import { writeBuffers } from '@linkworthy/core';

/** About this much text is written at once when a report comes in pieces. */
const BATCH_CHARS = 1 << 20;

/**
 * A report's text, or its pieces joined into batches of about 1 MB (never one huge string).
 * Pieces already in bytes (about as large) go through as they are.
 */
export function* batches(text: string | Iterable<string | Buffer>): Generator<string | Buffer> {
  if (typeof text === 'string') {
    yield text;
    return;
  }
  let batch: string[] = [];
  let size = 0;
  for (const chunk of text) {
    if (typeof chunk !== 'string') {
      if (batch.length > 0) yield batch.join('');
      batch = [];
      size = 0;
      yield chunk;
      continue;
    }
    batch.push(chunk);
    size += chunk.length;
    if (size >= BATCH_CHARS) {
      yield batch.join('');
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
}

/** About this many bytes are written at once (one `writev`) when a report comes in bytes. */
const BATCH_BYTES = 1 << 24;

/**
 * Writes a report (a string, or pieces of one) to `path`, batch by batch. Pieces in bytes are
 * written as they are, many at a time, never joined into one buffer first.
 */
export async function writeReport(
  path: string,
  text: string | Iterable<string | Buffer>,
): Promise<void> {
  const file = await open(path, 'w');
  try {
    let pending: Buffer[] = [];
    let size = 0;
    const flush = () => {
      writeBuffers(file.fd, pending);
      pending = [];
      size = 0;
    };
    for (const batch of batches(text)) {
      const bytes = typeof batch === 'string' ? Buffer.from(batch) : batch;
      pending.push(bytes);
      size += bytes.length;
      if (size >= BATCH_BYTES || pending.length >= 1024) flush();
    }
    flush();
  } finally {
    await file.close();
  }
}
