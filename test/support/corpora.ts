import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared corpora of real sites, beside the checkout; tests skip cleanly without them. */
export const CORPORA_DIR = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

export function corpus(name: string): { path: string; present: boolean } {
  const path = `${CORPORA_DIR}${name}`;
  return { path, present: existsSync(path) };
}

/** The corpora were stripped of images and binaries: a link to a missing asset is not a finding. */
export function isMissingAsset(target: string | undefined): boolean {
  if (target === undefined) return false;
  const path = target.split(/[?#]/)[0]!;
  return /\.[a-z0-9]{2,5}$/i.test(path) && !/\.html?$/i.test(path);
}
