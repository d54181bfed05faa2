/** Types of bench/generate.mjs, for the tests that generate a site. */
export interface GenerateResult {
  out: string;
  files: number;
  bytes: number;
  totals: {
    pages: number;
    links: number;
    contentLinks: number;
    ids: number;
    anchorNames: number;
    headings: number;
  };
  errors: number;
  decoys: number;
}

export const GENERATOR_VERSION: number;
export const BASE_URL: string;
export function mulberry32(seed: number): () => number;
export function generateSite(options: {
  pages?: number;
  linksPerPage?: number;
  seed?: number;
  out: string;
  /** `realistic`: pages of 30–80 kB (head, inline CSS/JS, prose, images); default `light`. */
  weight?: 'light' | 'realistic';
}): GenerateResult;
