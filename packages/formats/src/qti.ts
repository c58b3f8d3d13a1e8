/**
 * IMS QTI 2.1 content packages: a zip with `imsmanifest.xml` whose `imsqti_item_xmlv2p1`
 * resources point at one `assessmentItem` XML file each. A single assessmentItem XML file
 * (not zipped) is read too.
 *
 * Read: choiceInteraction (cardinality single: multiple choice; multiple: multiple response),
 * textEntryInteraction (a blank; accepted answers from correctResponse and the mapping), also
 * inlineChoiceInteraction (a blank whose answer is the right choice). An item with several
 * text entries is a multi-blank fill-in; an item with several interactions of which one is a
 * choice is a scenario: text before the first question is the case, each `div` (or block)
 * holding interactions a sub-item. feedbackInline in a choice is its rationale, modalFeedback
 * the item's (identifier RATIONALE_<sub-item> for a sub-item's). Manifest LOM keywords are tags;
 * `coderprep:k=v` keywords carry the rest (see meta.ts).
 *
 * Write: one assessmentItem per item (scenarios included) with response declarations, correct
 * responses, mappings for text entries, response processing that sets SCORE, and a manifest
 * listing each item as a resource with its file.
 */
import type { BlankKey, Item, SubItem } from '@coderprep/exam-engine';
import { answerTexts } from './answers';
import { applyItemMeta, type BlankSource, blankHintAt, type Choice, choiceBody, fillInBody } from './build';
import { encodeUtf8, toBytes } from './bytes';
import { FormatError } from './errors';
import { type Limits, resolveLimits } from './limits';
import {
  bodyMetaPairs,
  type ItemMeta,
  itemMetaPairs,
  META_PREFIX,
  type MetaPair,
  parseMetaPairs,
  readMeta,
} from './meta';
import { newCandidate, PreviewBuilder } from './preview';
import { escapeHtml, htmlToText, idFromTitle, isValidId } from './text';
import type {
  ExportOptions,
  ExportResult,
  ImportOptions,
  ImportPreview,
  Input,
  Issue,
  LeftOut,
} from './types';
import {
  child,
  elements,
  parseXml,
  tag,
  textContent,
  textTag,
  XML_DECLARATION,
  type XmlElement,
  type XmlNode,
  xmlEscape,
} from './xml';
import { normaliseEntryName, openZip, unsafeEntryName, writeZip } from './zip';

const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const QTI_XSD = 'http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const CP_NS = 'http://www.imsglobal.org/xsd/imscp_v1p1';
const MD_NS = 'http://www.imsglobal.org/xsd/imsmd_v1p2';
const ITEM_TYPE = 'imsqti_item_xmlv2p1';

const utf8 = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------- reading

const INTERACTIONS = new Set([
  'choiceInteraction',
  'textEntryInteraction',
  'inlineChoiceInteraction',
  'extendedTextInteraction',
  'orderInteraction',
  'matchInteraction',
  'associateInteraction',
  'gapMatchInteraction',
  'hotspotInteraction',
  'hottextInteraction',
  'sliderInteraction',
  'uploadInteraction',
  'drawingInteraction',
  'graphicOrderInteraction',
  'graphicAssociateInteraction',
  'graphicGapMatchInteraction',
  'selectPointInteraction',
  'positionObjectInteraction',
  'mediaInteraction',
  'customInteraction',
  'endAttemptInteraction',
]);
const SKIPPED = new Set([
  'feedbackInline',
  'feedbackBlock',
  'rubricBlock',
  'templateInline',
  'templateBlock',
  'modalFeedback',
]);

type Declaration = { cardinality: string; baseType: string; accepted: string[] };
type Reader = { fields: Record<string, unknown>; errors: string[]; warnings: string[] };

const isElement = (n: XmlNode): n is XmlElement => typeof n !== 'string';

function findAll(el: XmlElement, test: (e: XmlElement) => boolean, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (test(c)) out.push(c);
    else findAll(c, test, out);
  }
  return out;
}

/** XHTML below an element as an HTML string, interactions replaced by `replace`. */
function toHtml(node: XmlNode, replace: (el: XmlElement) => string | null, r: Reader): string {
  if (!isElement(node)) return escapeHtml(node);
  const replaced = replace(node);
  if (replaced !== null) return replaced;
  if (SKIPPED.has(node.name)) return '';
  if (node.name === 'img' || node.name === 'object') {
    r.warnings.push('images and media are not imported: their alt text is kept');
    return escapeHtml(` [image${node.attrs.alt ? `: ${node.attrs.alt}` : ''}] `);
  }
  return `<${node.name}>${node.children.map((c) => toHtml(c, replace, r)).join('')}</${node.name}>`;
}

const token = (n: number) => `\uE000${n}\uE001`;
const TOKEN = /\uE000([0-9]+)\uE001/g;

function plainText(
  el: XmlElement,
  r: Reader,
  replace: (el: XmlElement) => string | null = () => null,
): string {
  return htmlToText(el.children.map((c) => toHtml(c, replace, r)).join(''));
}

function declarations(root: XmlElement): Map<string, Declaration> {
  const map = new Map<string, Declaration>();
  for (const d of elements(root, 'responseDeclaration')) {
    const correct = elements(child(d, 'correctResponse'), 'value').map((v) => textContent(v).trim());
    const mapped = elements(child(d, 'mapping'), 'mapEntry')
      .filter((e) => Number(e.attrs.mappedValue ?? '0') > 0)
      .map((e) => (e.attrs.mapKey ?? '').trim());
    map.set(d.attrs.identifier ?? '', {
      cardinality: d.attrs.cardinality ?? 'single',
      baseType: d.attrs.baseType ?? 'string',
      accepted: [...new Set([...correct, ...mapped].filter((v) => v !== ''))],
    });
  }
  return map;
}

/** A question (item or sub-item body) from one group of interactions and its text. */
function readQuestion(
  group: XmlElement,
  interactions: XmlElement[],
  decls: Map<string, Declaration>,
  meta: ItemMeta,
  r: Reader,
  errors: string[],
): { stem: string; body: Record<string, unknown> } | null {
  const unsupported = interactions.find(
    (i) =>
      i.name !== 'choiceInteraction' &&
      i.name !== 'textEntryInteraction' &&
      i.name !== 'inlineChoiceInteraction',
  );
  if (unsupported) {
    errors.push(`${unsupported.name} is not supported`);
    return null;
  }
  const choice = interactions.filter((i) => i.name === 'choiceInteraction');
  if (choice.length > 0) {
    const interaction = choice[0] as XmlElement;
    if (interactions.length > 1) {
      errors.push('a choice interaction shares its block with other interactions');
      return null;
    }
    const stem = plainText(group, r, (el) =>
      el === interaction
        ? `<p>${escapeHtml(plainText(child(el, 'prompt') ?? el, r, (e) => (e.name === 'simpleChoice' ? '' : null)))}</p>`
        : null,
    );
    const decl = decls.get(interaction.attrs.responseIdentifier ?? '');
    if (!decl) errors.push(`no responseDeclaration for "${interaction.attrs.responseIdentifier ?? ''}"`);
    const correct = new Set(decl?.accepted ?? []);
    const choices: Choice[] = elements(interaction, 'simpleChoice').map((c) => ({
      id: c.attrs.identifier ?? '',
      text: plainText(c, r),
      rationale: elements(c, 'feedbackInline')
        .map((f) => plainText(f, r))
        .join('\n'),
      correct: correct.has(c.attrs.identifier ?? ''),
    }));
    const maxChoices = Number(interaction.attrs.maxChoices ?? '1');
    const multiple = decl ? decl.cardinality !== 'single' : maxChoices !== 1;
    if (!multiple && correct.size !== 1)
      errors.push(`a single-choice interaction needs one correct response, found ${correct.size}`);
    const body = choiceBody(choices, multiple, meta, r.warnings);
    if (
      multiple &&
      meta.select === undefined &&
      maxChoices > 0 &&
      maxChoices === correct.size &&
      maxChoices < choices.length
    )
      body.select = maxChoices;
    return { stem, body };
  }
  // Text entries (and inline choices): a fill-in with a blank each.
  const html = group.children
    .map((c) => toHtml(c, (el) => (interactions.includes(el) ? token(interactions.indexOf(el)) : null), r))
    .join('');
  const text = htmlToText(html);
  const labels = new Map<number, string>();
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([^\uE000]*)\uE000([0-9]+)\uE001$/.exec(line);
    if (m) labels.set(Number(m[2]), (m[1] ?? '').trim());
    else kept.push(line);
  }
  let stem = kept.join('\n').trim();
  if (stem === '') {
    labels.clear();
    stem = text;
  }
  stem = stem.replace(TOKEN, '_____').trim();
  const sources: BlankSource[] = interactions.map((interaction, i) => {
    const rid = interaction.attrs.responseIdentifier ?? '';
    const decl = decls.get(rid);
    let answers = decl?.accepted ?? [];
    if (!decl) errors.push(`no responseDeclaration for "${rid}"`);
    if (interaction.name === 'inlineChoiceInteraction') {
      r.warnings.push('an inline choice becomes a typed answer: its wrong choices are dropped');
      const ids = new Set(answers);
      answers = elements(interaction, 'inlineChoice')
        .filter((c) => ids.has(c.attrs.identifier ?? ''))
        .map((c) => plainText(c, r));
    }
    const { id: metaId, hint } = blankHintAt(meta, i, interactions.length);
    const stripped = rid.replace(/^RESPONSE_?/, '');
    const id =
      meta.blanks.length === interactions.length ? metaId : isValidId(stripped) ? stripped : `b${i + 1}`;
    const label = labels.get(i);
    const numeric = decl && (decl.baseType === 'float' || decl.baseType === 'integer');
    return {
      id,
      answers,
      hint: {
        ...hint,
        ...(label ? { label } : {}),
        ...(numeric && !hint.kind ? { kind: 'number' as const } : {}),
      },
    };
  });
  const ids = sources.map((s) => s.id);
  if (new Set(ids).size !== ids.length) for (const [i, s] of sources.entries()) s.id = `b${i + 1}`;
  return { stem, body: fillInBody(sources, meta, stem, errors) };
}

const isSubItem = (e: XmlElement) => (e.attrs.class ?? '').split(/\s+/).includes('sub-item');

/** The top-level groups of an item body: blocks holding interactions, and the text between them. */
function groupsOf(
  body: XmlElement,
  isInteraction: (e: XmlElement) => boolean,
): { text: XmlNode[]; group: XmlElement }[] {
  let container = body;
  for (;;) {
    const holders = container.children.filter(
      (c) => isElement(c) && (isInteraction(c) || findAll(c, isInteraction).length > 0),
    );
    const only = holders[0];
    if (holders.length === 1 && only && isElement(only) && only.name === 'div' && !isSubItem(only)) {
      const inner = only.children.filter(
        (c) => isElement(c) && (isInteraction(c) || findAll(c, isInteraction).length > 0),
      );
      if (inner.length > 1) {
        container = only;
        continue;
      }
    }
    break;
  }
  const groups: { text: XmlNode[]; group: XmlElement }[] = [];
  let pending: XmlNode[] = [];
  for (const c of container.children) {
    if (isElement(c) && (isInteraction(c) || findAll(c, isInteraction).length > 0)) {
      groups.push({
        text: pending,
        group: isInteraction(c) ? { name: 'div', attrs: {}, children: [c], line: c.line } : c,
      });
      pending = [];
    } else pending.push(c);
  }
  if (pending.length > 0 && groups.length > 0)
    groups.push({ text: pending, group: { name: 'div', attrs: {}, children: [], line: 0 } });
  return groups;
}

function readItem(root: XmlElement, keywords: string[], r: Reader): void {
  const f = r.fields;
  if (root.name !== 'assessmentItem') {
    r.errors.push(`the root element is <${root.name}>, not <assessmentItem>`);
    return;
  }
  const identifier = (root.attrs.identifier ?? '').trim();
  const id = isValidId(identifier) ? identifier : idFromTitle(identifier || (root.attrs.title ?? ''));
  if (id !== '') f.id = id;
  const pairs: MetaPair[] = [];
  const tags: string[] = [];
  for (const k of keywords) {
    if (k.startsWith(META_PREFIX)) pairs.push(...parseMetaPairs(k.slice(META_PREFIX.length)));
    else if (k !== '') tags.push(k);
  }
  if (tags.length > 0) f.tags = tags;
  const meta = readMeta(pairs, (m) => r.warnings.push(m));
  applyItemMeta(f, meta);
  if (meta.id !== undefined) f.id = meta.id;
  const decls = declarations(root);
  const feedback = new Map<string, string>();
  for (const m of elements(root, 'modalFeedback')) {
    const key = /^RATIONALE_(.+)$/.exec(m.attrs.identifier ?? '')?.[1] ?? '';
    feedback.set(key, [feedback.get(key), plainText(m, r)].filter((s) => s).join('\n\n'));
  }
  f.rationale = feedback.get('') ?? '';
  const body = child(root, 'itemBody');
  if (!body) {
    r.errors.push('the item has no itemBody');
    return;
  }
  const isInteraction = (e: XmlElement) => INTERACTIONS.has(e.name);
  const all = findAll(body, isInteraction);
  if (all.length === 0) {
    r.errors.push('the item has no interaction');
    return;
  }
  const onlyText = all.every((i) => i.name !== 'choiceInteraction');
  const subItemDivs = findAll(body, isSubItem);
  if (subItemDivs.length === 0 && (all.length === 1 || onlyText)) {
    const q = readQuestion(body, all, decls, meta, r, r.errors);
    if (q) Object.assign(f, q.body, { stem: q.stem });
    return;
  }
  // A scenario: the case, then one sub-item a group.
  const groups = groupsOf(body, isInteraction);
  const caseParts: XmlNode[] = [];
  const subItems: Record<string, unknown>[] = [];
  const questionGroups = groups.filter(
    ({ group }) => findAll(group, isInteraction).length > 0 || isInteraction(group),
  ).length;
  groups.forEach(({ text, group }, i) => {
    if (i === 0) caseParts.push(...text);
    const interactions = findAll(group, isInteraction).concat(isInteraction(group) ? [group] : []);
    if (interactions.length === 0) {
      caseParts.push(...text);
      return;
    }
    const divId = /^sub-(.+)$/.exec(group.attrs.id ?? '')?.[1] ?? group.attrs.id ?? '';
    const subId = isValidId(divId) ? divId : `q${subItems.length + 1}`;
    const subMeta = readMeta(pairs, () => {}, subId);
    const lead = i === 0 ? [] : text;
    const holder: XmlElement = {
      name: 'div',
      attrs: {},
      children: [...lead, ...group.children],
      line: group.line,
    };
    const errors: string[] = [];
    const q = readQuestion(holder, interactions, decls, subMeta, r, errors);
    for (const e of errors) r.errors.push(`sub-item ${subId}: ${e}`);
    const named = meta.subItemIds?.length === questionGroups ? meta.subItemIds[subItems.length] : undefined;
    if (q)
      subItems.push({ id: named ?? subId, stem: q.stem, rationale: feedback.get(subId) ?? '', ...q.body });
  });
  // Our own packages hold the scenario's stem in <div class="stem">; elsewhere it is the case's first line.
  const isStem = (n: XmlNode) => isElement(n) && (n.attrs.class ?? '').split(/\s+/).includes('stem');
  const stemPart = caseParts.find(isStem);
  const caseText = htmlToText(
    caseParts
      .filter((c) => !isStem(c))
      .map((c) => toHtml(c, () => null, r))
      .join(''),
  );
  f.type = 'scenario';
  f.caseText = caseText;
  f.stem = stemPart && isElement(stemPart) ? plainText(stemPart, r) : (caseText.split('\n')[0] ?? '');
  f.subItems = subItems;
}

function keywordsOf(resource: XmlElement): string[] {
  const metadata = child(resource, 'metadata');
  if (!metadata) return [];
  return findAll(metadata, (e) => e.name === 'keyword').map((k) => textContent(k).trim());
}

function readItemFile(
  bytes: Uint8Array,
  file: string,
  keywords: string[],
  preview: PreviewBuilder,
  limits: Limits,
): void {
  const candidate = newCandidate({ file });
  const r: Reader = { fields: candidate.fields, errors: candidate.errors, warnings: candidate.warnings };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    candidate.errors.push('the file is not valid UTF-8');
    preview.add(candidate);
    return;
  }
  try {
    readItem(parseXml(text, limits, file), keywords, r);
  } catch (error) {
    // A malformed item file is that item's error; unsafe XML refuses the whole package.
    if (error instanceof FormatError && error.code === 'malformed') candidate.errors.push(error.message);
    else throw error;
  }
  preview.add(candidate);
}

/** Resolves a manifest href to an entry name, or null when it leaves the package. */
function resolveHref(href: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(href.split('#')[0] ?? '');
  } catch {
    return null;
  }
  return unsafeEntryName(path) === null ? normaliseEntryName(path) : null;
}

/** Reads a QTI 2.1 package (or one assessmentItem XML file). */
export function parseQti(input: Input, options: ImportOptions = {}): ImportPreview {
  const limits = resolveLimits(options.limits);
  const bytes = toBytes(input, limits.maxFileBytes);
  const preview = new PreviewBuilder('qti', options, limits);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    readItemFile(bytes, 'item.xml', [], preview, limits);
    return preview.finish();
  }
  const zip = openZip(bytes, limits);
  if (!zip.has('imsmanifest.xml'))
    throw new FormatError('malformed', 'the package has no imsmanifest.xml at its top');
  let manifestText: string;
  try {
    manifestText = utf8.decode(zip.read('imsmanifest.xml'));
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError('not-utf8', 'imsmanifest.xml is not valid UTF-8', { file: 'imsmanifest.xml' });
  }
  const manifest = parseXml(manifestText, limits, 'imsmanifest.xml');
  if (manifest.name !== 'manifest')
    throw new FormatError('malformed', `imsmanifest.xml has <${manifest.name}> at its root, not <manifest>`, {
      file: 'imsmanifest.xml',
    });
  const resources = findAll(manifest, (e) => e.name === 'resource');
  let found = 0;
  for (const resource of resources) {
    const type = resource.attrs.type ?? '';
    if (!/^imsqti_item_xmlv2p[12]/.test(type)) continue;
    found++;
    preview.checkCount(found);
    const href = resource.attrs.href ?? child(resource, 'file')?.attrs.href ?? '';
    const path = resolveHref(href);
    if (path === null)
      throw new FormatError('unsafe-zip', `resource href "${href}" leaves the package`, { file: href });
    if (!zip.has(path)) {
      const missing = newCandidate({ file: path });
      missing.errors.push(`the manifest lists "${path}" but the package has no such file`);
      preview.add(missing);
      continue;
    }
    readItemFile(zip.read(path), path, keywordsOf(resource), preview, limits);
  }
  if (found === 0) preview.warn('the manifest lists no QTI item resources (type imsqti_item_xmlv2p1)');
  return preview.finish();
}

// ---------------------------------------------------------------- writing

/** Text as XHTML paragraphs (line breaks as <br/>). */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(xmlEscape).join('<br/>')}</p>`)
    .join('');
}

/** Text as inline XHTML (line breaks as <br/>). */
const inline = (text: string) => text.split('\n').map(xmlEscape).join('<br/>');

const ncName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
/** An item id as an NCName (what QTI tools expect of identifiers); the true id travels as meta. */
const qtiIdentifier = (id: string) => (/^[A-Za-z_][A-Za-z0-9._-]*$/.test(id) ? id : `I_${ncName(id)}`);
const choiceId = (id: string) => (/^[A-Za-z_]/.test(id) ? id : `C_${id}`);

type Parts = {
  declarations: string[];
  processing: string[];
  feedbackFrom: string[];
  modal: string[];
  warnings: string[];
};

function choiceXml(
  body: Extract<Item | SubItem, { type: 'multiple-choice' | 'multiple-response' }>,
  rid: string,
  parts: Parts,
): string {
  const keys = body.type === 'multiple-choice' ? [body.key] : body.key;
  const single = body.type === 'multiple-choice';
  parts.declarations.push(
    tag(
      'responseDeclaration',
      { identifier: rid, cardinality: single ? 'single' : 'multiple', baseType: 'identifier' },
      tag('correctResponse', {}, ...keys.map((k) => textTag('value', choiceId(k)))),
    ),
  );
  parts.processing.push(
    tag(
      'responseCondition',
      {},
      tag(
        'responseIf',
        {},
        tag('match', {}, tag('variable', { identifier: rid }), tag('correct', { identifier: rid })),
        tag(
          'setOutcomeValue',
          { identifier: 'SCORE' },
          tag(
            'sum',
            {},
            tag('variable', { identifier: 'SCORE' }),
            textTag('baseValue', '1', { baseType: 'float' }),
          ),
        ),
      ),
    ),
  );
  parts.feedbackFrom.push(rid);
  const maxChoices = single ? 1 : (body.select ?? 0);
  const choices = body.options.map((o) =>
    tag(
      'simpleChoice',
      { identifier: choiceId(o.id) },
      inline(o.text),
      ...(o.rationale.trim() === ''
        ? []
        : [
            tag(
              'feedbackInline',
              { outcomeIdentifier: 'FEEDBACK', identifier: choiceId(o.id), showHide: 'show' },
              inline(o.rationale),
            ),
          ]),
    ),
  );
  return tag('choiceInteraction', { responseIdentifier: rid, shuffle: 'false', maxChoices }, ...choices);
}

function blankXml(key: BlankKey, rid: string, label: string, parts: Parts): string {
  const numeric = key.kind === 'number';
  const answers = numeric ? key.accepted.map(String) : answerTexts(key);
  parts.declarations.push(
    tag(
      'responseDeclaration',
      { identifier: rid, cardinality: 'single', baseType: numeric ? 'float' : 'string' },
      tag('correctResponse', {}, textTag('value', answers[0] ?? '')),
      tag(
        'mapping',
        { defaultValue: 0 },
        ...answers.map((a) =>
          tag('mapEntry', { mapKey: a, mappedValue: 1, caseSensitive: numeric ? 'true' : 'false' }),
        ),
      ),
    ),
  );
  const add = (value: string) =>
    tag(
      'setOutcomeValue',
      { identifier: 'SCORE' },
      tag('sum', {}, tag('variable', { identifier: 'SCORE' }), value),
    );
  if (numeric && key.tolerance > 0)
    parts.processing.push(
      tag(
        'responseCondition',
        {},
        tag(
          'responseIf',
          {},
          tag(
            'equal',
            { toleranceMode: 'absolute', tolerance: `${key.tolerance} ${key.tolerance}` },
            tag('variable', { identifier: rid }),
            tag('correct', { identifier: rid }),
          ),
          add(textTag('baseValue', '1', { baseType: 'float' })),
        ),
      ),
    );
  else
    parts.processing.push(
      tag(
        'responseCondition',
        {},
        tag(
          'responseIf',
          {},
          tag('not', {}, tag('isNull', {}, tag('variable', { identifier: rid }))),
          add(tag('mapResponse', { identifier: rid })),
        ),
      ),
    );
  const expectedLength = Math.max(8, ...answers.map((a) => a.length));
  return `<p>${label === '' ? '' : `${xmlEscape(label)} `}${tag('textEntryInteraction', { responseIdentifier: rid, expectedLength })}</p>`;
}

/** Item body content of a question (item or sub-item) after its stem. */
function questionXml(body: Item | SubItem, ridBase: string, parts: Parts): string {
  if (body.type === 'multiple-choice' || body.type === 'multiple-response')
    return paragraphs(body.stem) + choiceXml(body, ridBase, parts);
  if (body.type === 'fill-in')
    return (
      paragraphs(body.stem) +
      body.blanks
        .map((b) => {
          const key = body.key[b.id];
          return key ? blankXml(key, `${ridBase}_${ncName(b.id)}`, b.label, parts) : '';
        })
        .join('')
    );
  return '';
}

function itemXml(item: Item, parts: Parts): string {
  let content: string;
  if (item.type === 'scenario') {
    const subs = item.subItems.map((sub, i) => {
      // Element ids cannot hold every sub-item id: number them; the ids travel as meta keywords.
      const safe = String(i + 1);
      if (sub.rationale.trim() !== '')
        parts.modal.push(
          tag(
            'modalFeedback',
            { outcomeIdentifier: 'FEEDBACK', identifier: `RATIONALE_${safe}`, showHide: 'hide' },
            paragraphs(sub.rationale),
          ),
        );
      return tag(
        'div',
        { id: `sub-${safe}`, class: 'sub-item' },
        questionXml(sub, `RESPONSE_${i + 1}`, parts),
      );
    });
    content =
      tag('div', { class: 'stem' }, paragraphs(item.stem)) +
      tag('div', { class: 'case' }, paragraphs(item.caseText)) +
      subs.join('');
  } else content = questionXml(item, 'RESPONSE', parts);
  const feedback =
    parts.feedbackFrom.length > 0
      ? [
          tag(
            'setOutcomeValue',
            { identifier: 'FEEDBACK' },
            tag('multiple', {}, ...parts.feedbackFrom.map((rid) => tag('variable', { identifier: rid }))),
          ),
        ]
      : [];
  return (
    XML_DECLARATION +
    tag(
      'assessmentItem',
      {
        xmlns: QTI_NS,
        'xmlns:xsi': XSI_NS,
        'xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`,
        identifier: qtiIdentifier(item.id),
        title: item.id,
        adaptive: 'false',
        timeDependent: 'false',
      },
      ...parts.declarations,
      tag(
        'outcomeDeclaration',
        { identifier: 'SCORE', cardinality: 'single', baseType: 'float' },
        tag('defaultValue', {}, textTag('value', '0')),
      ),
      tag('outcomeDeclaration', { identifier: 'FEEDBACK', cardinality: 'multiple', baseType: 'identifier' }),
      tag('itemBody', {}, content),
      tag('responseProcessing', {}, ...parts.processing, ...feedback),
      tag(
        'modalFeedback',
        {
          outcomeIdentifier: 'FEEDBACK',
          identifier: 'RATIONALE',
          showHide: 'hide',
        },
        paragraphs(item.rationale),
      ),
      ...parts.modal,
    ) +
    '\n'
  );
}

function metaPairsOf(item: Item): MetaPair[] {
  const pairs: MetaPair[] = [['domain', item.domain], ...itemMetaPairs(item)];
  if (qtiIdentifier(item.id) !== item.id) pairs.unshift(['id', item.id]);
  if (item.type === 'scenario') {
    pairs.push(['subItems', item.subItems.map((sub) => sub.id).join(',')]);
    for (const [i, sub] of item.subItems.entries()) pairs.push(...bodyMetaPairs(sub, String(i + 1)));
  }
  if (item.type === 'fill-in' || item.type === 'scenario') {
    const bodies: (Item | SubItem)[] = item.type === 'scenario' ? item.subItems : [item];
    for (const b of bodies)
      if (b.type === 'fill-in')
        for (const blank of b.blanks) {
          const key = b.key[blank.id];
          const at = b === item ? '' : `@${bodies.indexOf(b) + 1}`;
          if (key?.kind === 'number' && key.tolerance !== 0)
            pairs.push([`tolerance.${blank.id}${at}`, String(key.tolerance)]);
        }
  }
  return pairs;
}

function manifestXml(
  resources: { id: string; href: string; item: Item }[],
  bank: ExportOptions['bank'],
): string {
  const lom = (item: Item) => {
    const keywords = [...item.tags, ...metaPairsOf(item).map(([k, v]) => `${META_PREFIX}${k}=${v}`)];
    return tag(
      'metadata',
      {},
      tag(
        'imsmd:lom',
        {},
        tag(
          'imsmd:general',
          {},
          tag('imsmd:title', {}, textTag('imsmd:langstring', item.id, { 'xml:lang': 'en' })),
          ...keywords.map((k) =>
            tag('imsmd:keyword', {}, textTag('imsmd:langstring', k, { 'xml:lang': 'en' })),
          ),
        ),
      ),
    );
  };
  return (
    XML_DECLARATION +
    tag(
      'manifest',
      {
        xmlns: CP_NS,
        'xmlns:imsmd': MD_NS,
        'xmlns:xsi': XSI_NS,
        'xsi:schemaLocation': `${CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd ${MD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd`,
        identifier: `MANIFEST_${ncName(bank?.id ?? 'coderprep-export')}`,
      },
      tag('metadata', {}, textTag('schema', 'QTIv2.1 Package'), textTag('schemaversion', '1.0.0')),
      tag('organizations', {}),
      tag(
        'resources',
        {},
        ...resources.map((r) =>
          tag(
            'resource',
            { identifier: r.id, type: ITEM_TYPE, href: r.href },
            lom(r.item),
            tag('file', { href: r.href }),
          ),
        ),
      ),
    ) +
    '\n'
  );
}

/** Writes a QTI 2.1 package: imsmanifest.xml and items/<id>.xml, one per item. */
export function writeQti(items: readonly Item[], options: ExportOptions = {}): ExportResult {
  const leftOut: LeftOut[] = [];
  const warnings: Issue[] = [];
  const files: Record<string, Uint8Array> = {};
  const resources: { id: string; href: string; item: Item }[] = [];
  const used = new Set<string>();
  items.forEach((item, i) => {
    let file = ncName(item.id);
    while (used.has(file.toLowerCase())) file = `${file}_`;
    used.add(file.toLowerCase());
    const href = `items/${file}.xml`;
    const parts: Parts = { declarations: [], processing: [], feedbackFrom: [], modal: [], warnings: [] };
    files[href] = encodeUtf8(itemXml(item, parts));
    for (const message of parts.warnings) warnings.push({ itemId: item.id, message });
    resources.push({ id: `RES_${i + 1}`, href, item });
  });
  const manifest = encodeUtf8(manifestXml(resources, options.bank));
  return {
    data: writeZip({ 'imsmanifest.xml': manifest, ...files }),
    report: { written: resources.length, leftOut, warnings },
  };
}
