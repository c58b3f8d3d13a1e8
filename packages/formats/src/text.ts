/**
 * Plain-text helpers shared by the formats: HTML to plain text, entity decoding, stem
 * normalisation for duplicate checks, slugs and stable ids.
 *
 * HTML is never interpreted: tags are dropped by pattern, script/style bodies removed, and the
 * result is plain text that the web app escapes like any other text.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  times: '\u00d7',
  deg: '\u00b0',
  plusmn: '\u00b1',
  le: '\u2264',
  ge: '\u2265',
  micro: '\u00b5',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  middot: '\u00b7',
  bull: '\u2022',
};

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function codePointText(n: number): string | null {
  if (!Number.isInteger(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
  return String.fromCodePoint(n);
}

/**
 * Decodes character references. `xmlOnly` keeps to the five XML entities (for XML text);
 * otherwise the common HTML names are known too. Unknown names stay as written.
 */
export function decodeEntities(s: string, xmlOnly = false): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,15});/g,
    (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const n = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return codePointText(n) ?? whole;
      }
      if (xmlOnly && !XML_ENTITIES.has(ref)) return whole;
      return NAMED_ENTITIES[ref] ?? whole;
    },
  );
}

/** Escapes text for HTML or XML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

const BLOCK_END = /^\/?(p|div|h[1-6]|ul|ol|table|tr|blockquote|pre|section|article|header|footer)$/i;

/**
 * HTML to plain text: paragraphs and <br> become line breaks, list items get "- ", script and
 * style bodies and comments are removed, every other tag is dropped, entities are decoded.
 * `keepNewlines` treats newlines in the source as line breaks (Moodle auto-format).
 */
export function htmlToText(html: string, keepNewlines = false): string {
  let s = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  if (!keepNewlines) s = s.replace(/[ \t\r\n]+/g, ' ');
  s = s.replace(/<\s*(\/?)\s*([A-Za-z][A-Za-z0-9]*)\b[^>]*>/g, (_tag, slash: string, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'br') return slash ? '' : '\n';
    if (lower === 'li') return slash ? '\n' : '\n- ';
    if (BLOCK_END.test(lower)) return '\n\n';
    if ((lower === 'td' || lower === 'th') && slash) return '\t';
    return '';
  });
  s = decodeEntities(s).replace(/\u00a0/g, ' ');
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True when a string looks like it carries HTML tags. */
export function looksLikeHtml(s: string): boolean {
  return /<\s*\/?\s*[A-Za-z][A-Za-z0-9]*\b[^>]*>/.test(s);
}

/** Plain text to simple HTML: paragraphs on blank lines, <br> on single line breaks. */
export function textToHtml(s: string): string {
  return s
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The stem compared for duplicates: case, white space and punctuation do not count. */
export function normaliseStem(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** True when `s` can be an engine item id as it is. */
export function isValidId(s: string): boolean {
  return s.length >= 1 && s.length <= 120 && ID_PATTERN.test(s);
}

/** A title turned into an id: runs of other characters become "-". Empty when nothing is left. */
export function idFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 100);
}

/** A lower-case slug (domain names): "Surgery 20000" -> "surgery-20000". */
export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** FNV-1a 32-bit hash as 8 hex digits: a stable id part derived from a stem. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Normalises line breaks to "\n". */
export function normaliseNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}
