/**
 * Compiles a glob (`*` within a segment, `**` across segments, `?` one character) to a RegExp.
 * Patterns are matched against URL paths and file paths with `/` separators.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        index++;
        // `**/` also matches nothing, so `docs/**/a` matches `docs/a`.
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** A predicate that is true when a value matches any of the globs. */
export function matcher(globs: readonly string[]): (value: string) => boolean {
  if (globs.length === 0) return () => false;
  const patterns = globs.map(globToRegExp);
  return (value) => patterns.some((pattern) => pattern.test(value));
}
