/** The URL path a built file is served at: `a/index.html` → `/a/`, `a.html` → `/a.html`. */
export function urlForBuiltFile(file: string): string {
  const path = `/${file}`;
  const index = /(^|\/)index\.html?$/i.exec(path);
  return index ? path.slice(0, index.index + index[1]!.length) || '/' : path;
}
