import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface XmlHandlers {
  onopentag(name: string, attributes: Record<string, string>): void;
  onclosetag(name: string): void;
  ontext(data: string): void;
  onerror(error: Error): void;
}
interface XmlParser {
  write(chunk: string): void;
  end(): void;
}
type ParserClass = new (
  handlers: XmlHandlers,
  options: { xmlMode: boolean; decodeEntities: boolean },
) => XmlParser;

// htmlparser2 is a dependency of @linkworthy/core, not of the workspace root: load core's copy.
const requireFromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { Parser } = (await import(pathToFileURL(requireFromCore.resolve('htmlparser2')).href)) as {
  Parser: ParserClass;
};

export interface ParsedXml {
  /** Unbalanced, unclosed or unparsable markup. */
  errors: string[];
  elements: { name: string; attributes: Record<string, string> }[];
  text: string;
}

/** Parses XML with htmlparser2 in xmlMode, strictly enough to catch unbalanced or unescaped markup. */
export function parseXml(xml: string): ParsedXml {
  const stack: string[] = [];
  const result: ParsedXml = { errors: [], elements: [], text: '' };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        stack.push(name);
        result.elements.push({ name, attributes });
      },
      onclosetag(name) {
        if (stack.pop() !== name) result.errors.push(`unbalanced </${name}>`);
      },
      ontext(data) {
        result.text += data;
      },
      onerror(error) {
        result.errors.push(error.message);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (stack.length > 0) result.errors.push(`unclosed ${stack.join(', ')}`);
  return result;
}
