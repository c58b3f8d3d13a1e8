/**
 * The bundled banks: every JSON file under banks/ is a native bank document; files that share a
 * bank id make up one bank.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BankDocument, bankDocumentSchema } from '@coderprep/exam-engine';

export const BANKS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'banks');

export interface BankFile {
  /** Path relative to the banks folder, e.g. "cpc/radiology.json". */
  file: string;
  document: BankDocument;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFiles(path);
      return entry.name.endsWith('.json') ? [path] : [];
    })
    .sort();
}

/** Reads and validates every bank file; throws naming the file and field of the first problem. */
export function readBankFiles(dir = BANKS_DIR): BankFile[] {
  return jsonFiles(dir).map((path) => {
    const file = relative(dir, path);
    const result = bankDocumentSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return { file, document: result.data };
  });
}

/** The bundled banks, one document per bank id, items in file order. */
export function loadBundledBanks(dir = BANKS_DIR): BankDocument[] {
  const banks = new Map<string, BankDocument>();
  for (const { document } of readBankFiles(dir)) {
    const bank = banks.get(document.bank.id);
    if (bank) bank.items.push(...document.items);
    else banks.set(document.bank.id, { ...document, items: [...document.items] });
  }
  return [...banks.values()];
}
