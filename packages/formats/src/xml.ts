/**
 * Safe XML: a document with a DOCTYPE or an ENTITY declaration is refused before any parsing,
 * so there is no DTD, no external entity (XXE) and no entity expansion (billion laughs). The
 * parser (fast-xml-parser) runs with entity processing off; only the five XML entities and
 * numeric character references are decoded, by this module. Nesting depth is bounded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineIndex } from './bytes';
import { FormatError, type FormatErrorLocation } from './errors';
import type { Limits } from './limits';
import { decodeEntities } from './text';

export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** 1-based line where the element starts. */
  line: number;
};
export type XmlNode = XmlElement | string;

const DTD = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;

/** Refuses any DTD or entity declaration outright. */
export function refuseDtd(text: string, where: FormatErrorLocation = {}): void {
  const m = DTD.exec(text);
  if (m)
    throw new FormatError(
      'unsafe-xml',
      `XML with a <!${m[1]?.toUpperCase()}> declaration is refused (no DTDs or entities are read)`,
      where,
    );
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parses XML into a small element tree. Throws FormatError for unsafe or malformed XML. */
export function parseXml(text: string, limits: Limits, file?: string): XmlElement {
  const where: FormatErrorLocation = file !== undefined ? { file } : {};
  refuseDtd(text, where);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true)
    throw new FormatError('malformed', `not well-formed XML: ${valid.err.msg}`, {
      ...where,
      line: valid.err.line,
    });
  let raw: unknown;
  try {
    raw = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      removeNSPrefix: true,
      cdataPropName: '#cdata',
      ignoreDeclaration: true,
      ignorePiTags: true,
      allowBooleanAttributes: true,
      captureMetaData: true,
      maxNestedTags: limits.maxXmlDepth,
    }).parse(text);
  } catch (error) {
    throw new FormatError(
      'malformed',
      `not readable as XML: ${error instanceof Error ? error.message : String(error)}`,
      where,
    );
  }
  const lineOf = lineIndex(text);
  const convert = (node: Raw, name: string, depth: number): XmlElement => {
    if (depth > limits.maxXmlDepth)
      throw new FormatError('malformed', `XML nested deeper than ${limits.maxXmlDepth} levels`, where);
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(node[':@'] ?? {})) attrs[k] = decodeEntities(String(v), true);
    const element: XmlElement = { name, attrs, children: [], line: lineOf(meta?.startIndex ?? 0) };
    const kids = node[name];
    if (Array.isArray(kids)) element.children = convertList(kids as Raw[], depth + 1);
    return element;
  };
  const convertList = (list: Raw[], depth: number): XmlNode[] => {
    const out: XmlNode[] = [];
    for (const node of list) {
      if ('#text' in node) out.push(decodeEntities(String(node['#text']), true));
      else if ('#cdata' in node) {
        const inner = node['#cdata'];
        if (Array.isArray(inner)) for (const t of inner as Raw[]) out.push(String(t['#text'] ?? ''));
      } else {
        const name = Object.keys(node).find((k) => k !== ':@');
        if (name !== undefined && !name.startsWith('?')) out.push(convert(node, name, depth));
      }
    }
    return out;
  };
  const top = Array.isArray(raw) ? convertList(raw as Raw[], 0) : [];
  const root = top.find((n): n is XmlElement => typeof n !== 'string');
  if (!root) throw new FormatError('malformed', 'the XML has no root element', where);
  return root;
}

/** Child elements, optionally of one name. */
export function elements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
  );
}

/** The first child element of a name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return elements(el, name)[0];
}

/** All text below an element, in document order. */
export function textContent(el: XmlElement | undefined): string {
  if (!el) return '';
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

// ---------------------------------------------------------------- writing

/** Drops characters XML 1.0 cannot hold: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
function xmlChars(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (c === 0xfffe || c === 0xffff) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    out += s.charAt(i);
  }
  return out;
}

/** Escapes text for XML content or an attribute value (characters XML cannot hold are dropped). */
export function xmlEscape(s: string): string {
  return xmlChars(s).replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** An element as text; attributes with undefined values are left out; children are raw XML. */
export function tag(
  name: string,
  attrs: Record<string, string | number | undefined>,
  ...children: string[]
): string {
  const a = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
  return children.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${children.join('')}</${name}>`;
}

/** A text-only element. */
export function textTag(
  name: string,
  text: string,
  attrs: Record<string, string | number | undefined> = {},
): string {
  return tag(name, attrs, xmlEscape(text));
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
