import { open } from 'node:fs/promises';

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

/** Writes a report (a string, or pieces of one) to `path`, batch by batch. */
export async function writeReport(
  path: string,
  text: string | Iterable<string | Buffer>,
): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (const batch of batches(text)) await file.writeFile(batch);
  } finally {
    await file.close();
  }
}
