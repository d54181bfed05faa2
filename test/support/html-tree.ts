import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface Handlers {
  onopentag(name: string, attributes: Record<string, string>): void;
  onclosetag(name: string): void;
  ontext(data: string): void;
}
type ParserClass = new (
  handlers: Handlers,
  options: { decodeEntities: boolean; lowerCaseTags: boolean; lowerCaseAttributeNames: boolean },
) => { end(chunk: string): void };

// htmlparser2 is a dependency of @linkworthy/core, not of the workspace root: load core's copy.
const requireFromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { Parser } = (await import(pathToFileURL(requireFromCore.resolve('htmlparser2')).href)) as {
  Parser: ParserClass;
};

/** A parsed element: what a browser-like HTML parser makes of markup. */
export interface HtmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (HtmlElement | string)[];
}

/** Parses HTML (as browsers tokenize it: `textarea` and `script` contents are text) into trees. */
export function parseHtml(html: string): (HtmlElement | string)[] {
  const root: HtmlElement = { name: '#root', attributes: {}, children: [] };
  const stack = [root];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element: HtmlElement = { name, attributes: { ...attributes }, children: [] };
        stack[stack.length - 1]!.children.push(element);
        stack.push(element);
      },
      onclosetag(name) {
        let index = stack.length - 1;
        while (index > 0 && stack[index]!.name !== name) index--;
        if (index > 0) stack.length = index;
      },
      ontext(data) {
        const children = stack[stack.length - 1]!.children;
        const last = children[children.length - 1];
        if (typeof last === 'string') children[children.length - 1] = last + data;
        else children.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return root.children;
}
