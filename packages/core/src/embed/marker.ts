/**
 * The inline infographic marker for Markdown: an image whose title starts with `Infographic:`,
 * `![18 g in, 36 g out](/img/espresso.svg "Infographic: Espresso by the numbers")`. Every
 * Markdown tool renders it as a plain image (the marker is only its tooltip); linkworthy reads
 * it as an infographic titled with the rest of the title.
 */
const MARKER = /^\s*infographic\s*:/i;

/**
 * The infographic's title when an image title carries the marker (`''` when nothing follows it:
 * the alt is the title then), else undefined.
 */
export function infographicTitleMarker(title: string | null | undefined): string | undefined {
  if (!title || !MARKER.test(title)) return undefined;
  return title.replace(MARKER, '').replace(/\s+/g, ' ').trim();
}
