/** Types of bench/twin.mjs, for the tests that generate a twin site. */
export interface PlantedFinding {
  ruleId: string;
  /** The page the finding is about (public URL). */
  url?: string;
  /** The file it points at, when it is not a page (the sitemap). */
  file?: string;
  /** The href as written, or the sitemap `<loc>`. */
  target?: string;
  /** For a finding reported once per cluster: the cluster's pages. */
  members?: string[];
}

export interface TwinManifest {
  generator: string;
  version: number;
  params: { pages: number; seed: number; linksPerPage: number; weight?: 'realistic' };
  origin: string;
  pages: number;
  expected: PlantedFinding[];
  traps: { page: string; href: string }[];
  markdown: { expected: PlantedFinding[] };
}

export const TWIN_VERSION: number;
export const ORIGIN: string;
export function generateTwin(options: {
  pages?: number;
  seed?: number;
  out: string;
  linksPerPage?: number;
  /** `realistic`: 1,000–3,000 more words per page and 30 links (default `light`). */
  weight?: 'light' | 'realistic';
  /** `md`: write only the Markdown twin. */
  only?: 'md';
}): TwinManifest;
export function urlOf(path: string): string;
export function slug(text: string): string;
