/**
 * Authoring aid: validates bank files and checks every code of their keys and options against
 * the official tables in ../shared/codesets (the same checks as the content tests).
 *   pnpm --filter @coderprep/content check-content [banks/cpc/some-file.json ...]
 * With no arguments it checks every file under banks/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bankDocumentSchema, createCodeSet, type Item } from '@coderprep/exam-engine';
import { auditItemCodes } from '../src/code-audit';
import { BANKS_DIR, readBankFiles } from '../src/loader';

const codesets = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'codesets');
const codeSet = createCodeSet();
codeSet.loadIcd10Cm(readFileSync(join(codesets, 'icd10cm-fy2026.tsv'), 'utf8'));
codeSet.loadIcd10Pcs(readFileSync(join(codesets, 'icd10pcs-fy2026.tsv'), 'utf8'));
codeSet.loadHcpcs(readFileSync(join(codesets, 'hcpcs-2025.tsv'), 'utf8'));

let problems = 0;
const report = (where: string, message: string) => {
  problems++;
  console.log(`${where}: ${message}`);
};

const args = process.argv.slice(2);
const files: { file: string; items: Item[] }[] = args.length
  ? args.flatMap((arg) => {
      const path = resolve(process.cwd(), arg);
      const parsed = bankDocumentSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return [{ file: relative(BANKS_DIR, path), items: parsed.data.items }];
      for (const issue of parsed.error.issues) report(`${arg} ${issue.path.join('.')}`, issue.message);
      return [];
    })
  : readBankFiles().map(({ file, document }) => ({ file, items: document.items }));

const stems = new Map<string, string>();
for (const { file, items } of files) {
  for (const item of items) {
    const stem = item.stem.trim().toLowerCase();
    if (stems.has(stem)) report(`${file} ${item.id}`, `duplicate stem of ${stems.get(stem)}`);
    stems.set(stem, item.id);
  }
  for (const problem of auditItemCodes(items, codeSet))
    report(`${file} ${problem.itemId} ${problem.where}`, problem.message);
}
const count = files.reduce((sum, f) => sum + f.items.length, 0);
console.log(`${count} items in ${files.length} files, ${problems} problems`);
process.exit(problems ? 1 : 0);
