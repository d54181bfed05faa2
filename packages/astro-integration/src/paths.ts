import { sep } from 'node:path';

/** A platform path with `/` separators, as the core's reports use. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
