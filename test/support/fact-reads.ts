import type { FactField, PageFacts } from '@linkworthy/core';

/** Fields whose own fields are told apart (`meta.robots`, `content.lead`). */
const NESTED = new Set(['meta', 'content']);

/**
 * The pages behind proxies that record which facts are read (`links`, `meta.robots`), and the
 * record: to hold rules to the facts their `reads` declares.
 */
export function recordingPages(pages: readonly PageFacts[]): {
  pages: PageFacts[];
  read: Set<FactField>;
} {
  const read = new Set<FactField>();
  const wrap = (page: PageFacts): PageFacts =>
    new Proxy(page, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return value;
        if (NESTED.has(key) && value !== null && typeof value === 'object') {
          return new Proxy(value, {
            get(nested, field, nestedReceiver) {
              if (typeof field === 'string') read.add(`${key}.${field}` as FactField);
              return Reflect.get(nested, field, nestedReceiver) as unknown;
            },
          });
        }
        read.add(key as FactField);
        return value;
      },
    });
  return { pages: pages.map(wrap), read };
}

/** The facts read that `reads` does not declare (a declared `meta` would cover `meta.robots`). */
export function undeclared(read: Iterable<FactField>, declared: readonly FactField[]): string[] {
  const covered = new Set<string>(declared);
  return [...read].filter((field) => !covered.has(field) && !covered.has(field.split('.')[0]!));
}
