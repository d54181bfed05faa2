import { writevSync } from 'node:fs';

/**
 * Writes the buffers in order with `writev` (never joined into one first), going on after short
 * writes: at `position` and on, else at the file's position. Returns where they end (with
 * `position`).
 */
export function writeBuffers(fd: number, buffers: readonly Buffer[], position?: number): number {
  let pending = buffers;
  let at = position;
  while (pending.length > 0) {
    let written = at === undefined ? writevSync(fd, pending) : writevSync(fd, pending, at);
    if (at !== undefined) at += written;
    let next = 0;
    while (next < pending.length && written >= pending[next]!.length) {
      written -= pending[next]!.length;
      next++;
    }
    pending = pending.slice(next);
    if (written > 0) pending = [pending[0]!.subarray(written), ...pending.slice(1)];
  }
  return at ?? 0;
}
