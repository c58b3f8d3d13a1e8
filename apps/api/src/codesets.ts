/**
 * Loads the official code tables an operator supplies (CODESETS_DIR), so keys and answers are
 * checked against real codes. Without them the platform checks code formats only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeSet, createCodeSet } from '@coderprep/exam-engine';
import type { Logger } from 'pino';

/** Which loader a file name calls for. */
const LOADERS: [RegExp, 'loadIcd10Cm' | 'loadIcd10Pcs' | 'loadHcpcs'][] = [
  [/icd-?10-?cm/i, 'loadIcd10Cm'],
  [/icd-?10-?pcs/i, 'loadIcd10Pcs'],
  [/hcpcs|hcpc/i, 'loadHcpcs'],
];

export function loadCodeSetDir(dir: string | undefined, logger: Logger): CodeSet {
  const codeSet = createCodeSet();
  if (!dir) return codeSet;
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(tsv|txt)$/i.test(name) || /categories/i.test(name)) continue;
    const loader = LOADERS.find(([pattern]) => pattern.test(name))?.[1];
    if (!loader) continue;
    const result = codeSet[loader](readFileSync(join(dir, name), 'utf8'));
    logger.info({ file: name, result }, 'code table loaded');
  }
  return codeSet;
}
