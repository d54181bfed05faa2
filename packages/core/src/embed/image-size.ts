/** Intrinsic size of a PNG, GIF, JPEG, WebP or SVG image, read from its bytes; undefined if unknown. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, length: number) =>
    String.fromCharCode(...bytes.subarray(start, start + length));
  if (bytes.length >= 24 && ascii(1, 3) === 'PNG') {
    return positive(view.getUint32(16), view.getUint32(20));
  }
  if (bytes.length >= 10 && ascii(0, 3) === 'GIF') {
    return positive(view.getUint16(6, true), view.getUint16(8, true));
  }
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8X') {
      const w = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
      const hgt = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
      return positive(w, hgt);
    }
    if (chunk === 'VP8 ')
      return positive(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
    if (chunk === 'VP8L') {
      const b = view.getUint32(21, true);
      return positive((b & 0x3fff) + 1, ((b >> 14) & 0x3fff) + 1);
    }
    return undefined;
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      const length = view.getUint16(offset + 2);
      if (
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc
      ) {
        return positive(view.getUint16(offset + 7), view.getUint16(offset + 5));
      }
      offset += 2 + length;
    }
    return undefined;
  }
  return svgSize(new TextDecoder().decode(bytes.subarray(0, 4096)));
}

function svgSize(text: string): { width: number; height: number } | undefined {
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!tag) return undefined;
  const attribute = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
  const number = (value: string | undefined) =>
    value !== undefined && /^\s*\d+(\.\d+)?(px)?\s*$/.test(value)
      ? Math.round(parseFloat(value))
      : undefined;
  const width = number(attribute('width'));
  const height = number(attribute('height'));
  if (width && height) return positive(width, height);
  const box = attribute('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4) return positive(Math.round(box[2]!), Math.round(box[3]!));
  return undefined;
}

function positive(width: number, height: number): { width: number; height: number } | undefined {
  return width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height)
    ? { width, height }
    : undefined;
}
