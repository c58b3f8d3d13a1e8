/**
 * Authoring aid: validates bank files (structure via the engine's schema) and looks up every
 * code-shaped token of keys and options in the official tables in ../shared/codesets.
 *   pnpm --filter @coderprep/content check-content [banks/cpc/some-file.json ...]
 * With no arguments it checks every file under banks/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bankDocumentSchema } from '@coderprep/exam-engine';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const codesets = join(pkg, '../../../shared/codesets');

function table(file: string, billableColumn: number | null): Map<string, boolean> {
  const map = new Map<string, boolean>();
  const lines = readFileSync(join(codesets, file), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line) continue;
    const cols = line.split('\t');
    map.set(cols[0]!, billableColumn === null ? true : cols[billableColumn] === '1');
  }
  return map;
}
const cm = table('icd10cm-fy2026.tsv', 1);
const pcs = table('icd10pcs-fy2026.tsv', null);
const hcpcs = table('hcpcs-2025.tsv', null);

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => join(process.cwd(), f))
  : walk(join(pkg, 'banks'));
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.json') ? [path] : [];
  });
}

let problems = 0;
let items = 0;
const report = (where: string, message: string) => {
  problems++;
  console.log(`${where}: ${message}`);
};
/** Checks one code-shaped token; `keyed` tokens must be billable/valid, others only well-formed. */
function checkToken(where: string, token: string, keyed: boolean) {
  const t = token.toUpperCase();
  if (/^[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}$/.test(t)) {
    const b = cm.get(t.replace('.', ''));
    if (b === undefined) report(where, `ICD-10-CM ${t} does not exist in FY2026`);
    else if (keyed && !b) report(where, `ICD-10-CM ${t} is a header, not billable`);
  } else if (/^[0-9A-HJ-NP-Z]{7}$/.test(t) && /[0-9]/.test(t) && /^[0-9BCDFGHX]/.test(t)) {
    if (!pcs.has(t)) report(where, `ICD-10-PCS ${t} is not a valid FY2026 code`);
  } else if (/^[A-CE-V][0-9]{4}$/.test(t)) {
    if (!hcpcs.has(t)) report(where, `HCPCS ${t} is not in the 2025 table`);
  } else if (/^D[0-9]{4}$/.test(t)) {
    report(where, `HCPCS D-code ${t} is ADA CDT: not allowed`);
  }
}
const TOKEN = /\b[A-Z0-9][A-Z0-9]{2}(?:\.[A-Z0-9]{1,4})?\b|\b[0-9A-Z]{7}\b/gi;
const CODE_LIST = /^[A-Z0-9.]+(?:[\s,;]+[A-Z0-9.]+)*$/i;
function checkText(where: string, text: string, keyed: boolean) {
  const codeOnly = CODE_LIST.test(text.trim());
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0].toUpperCase();
    // A bare 3-character category ("E11") is checked only where the text is a list of codes,
    // so prose such as "the T12 vertebra" is left alone.
    if (/^[A-Z][0-9][0-9A-Z]$/.test(t)) {
      if (!codeOnly) continue;
      const b = cm.get(t);
      if (b === undefined) report(where, `ICD-10-CM ${t} does not exist in FY2026`);
      else if (keyed && !b) report(where, `ICD-10-CM ${t} is a category with subcodes, not billable`);
      continue;
    }
    checkToken(where, t, keyed);
  }
}

const stems = new Map<string, string>();
for (const file of files) {
  const rel = relative(pkg, file);
  const parsed = bankDocumentSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(`${rel} ${issue.path.join('.')}`, issue.message);
    continue;
  }
  for (const item of parsed.data.items) {
    items++;
    const where = `${rel} ${item.id}`;
    const stem = item.stem.trim().toLowerCase();
    if (stems.has(stem)) report(where, `duplicate stem of ${stems.get(stem)}`);
    stems.set(stem, item.id);
    const questions = item.type === 'scenario' ? item.subItems : [item];
    for (const q of questions) {
      if (q.type === 'multiple-choice' || q.type === 'multiple-response') {
        const keys = new Set(q.type === 'multiple-choice' ? [q.key] : q.key);
        for (const o of q.options) checkText(`${where} option ${o.id}`, o.text, keys.has(o.id));
      } else {
        for (const [blank, key] of Object.entries(q.key)) {
          const codes =
            key.kind === 'code-list'
              ? key.codes.map((c) => c.code)
              : key.kind === 'procedure-line'
                ? key.accepted.map((l) => l.code)
                : key.kind === 'number' || key.kind === 'text' || key.kind === 'modifier'
                  ? []
                  : key.accepted;
          for (const code of codes) checkText(`${where} blank ${blank}`, code, true);
        }
      }
    }
  }
}
console.log(`${items} items in ${files.length} files, ${problems} problems`);
process.exit(problems ? 1 : 0);
