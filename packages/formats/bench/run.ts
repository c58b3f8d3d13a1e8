/**
 * Parse-and-validate benchmark: a 5,000-item GIFT file and a 5,000-item CSV file (plus the other
 * formats for comparison). Prints the median of several runs; target under 1 second each.
 * Prints figures only; it asserts nothing.
 */
import type { Item } from '@coderprep/exam-engine';
import { type FormatName, parseBank, writeBank } from '../src/index';

const COUNT = 5000;
const RUNS = 7;

const ICD = ['E11.9', 'I10', 'N18.31', 'K35.30', 'S72.031A', 'J44.1', 'E78.5', 'Z79.4'];

/** A deterministic bank of multiple-choice, multiple-response and fill-in items. */
function makeItems(count: number): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const meta = {
      id: `bench-${i}`,
      version: 1,
      domain: ['icd-10-cm', 'surgery-20000', 'hcpcs', 'cpt-em'][i % 4] as string,
      tags: ['bench', `group-${i % 10}`],
      difficulty: (['easy', 'medium', 'hard'] as const)[i % 3] ?? 'medium',
      codeSetYear: 2026,
      scored: i % 10 !== 0,
      stem: `Item ${i}: a ${60 + (i % 30)}-year-old patient is seen for follow-up of type 2 diabetes and hypertension; which code is reported first for this encounter?`,
      rationale: `Rationale ${i}: ICD-10-CM Official Guidelines, Section I.C.4.a: code the type of diabetes and its complications; the dot is optional when typed.`,
    };
    const options = ['A', 'B', 'C', 'D', 'E'].map((id, k) => ({
      id,
      text: ICD[(i + k) % ICD.length] as string,
      rationale: k === 0 ? 'Right: the documented condition.' : 'Wrong: not documented.',
    }));
    if (i % 3 === 0) items.push({ ...meta, type: 'multiple-choice', options, key: 'A' });
    else if (i % 3 === 1)
      items.push({
        ...meta,
        type: 'multiple-response',
        options,
        key: ['A', 'C'],
        select: 2,
        partialCredit: 'all-or-nothing',
      });
    else
      items.push({
        ...meta,
        type: 'fill-in',
        blanks: [{ id: 'dx', label: '', kind: 'icd10cm' }],
        key: { dx: { kind: 'icd10cm', accepted: [ICD[i % ICD.length] as string] } },
        partialCredit: 'all-or-nothing',
      });
  }
  return items;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const items = makeItems(COUNT);
console.log(
  `parse + validate ${COUNT} items, median of ${RUNS} runs (target: under 1000 ms for GIFT and CSV)`,
);
for (const format of ['gift', 'csv', 'native', 'moodle-xml', 'qti', 'aiken'] as FormatName[]) {
  const { data } = writeBank(format, items);
  const size = typeof data === 'string' ? new TextEncoder().encode(data).length : data.length;
  parseBank(format, data); // warm-up
  const times: number[] = [];
  let parsed = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    parsed = parseBank(format, data).items.length;
    times.push(performance.now() - start);
  }
  console.log(
    `${format.padEnd(11)} ${String(parsed).padStart(5)} items  ${(size / 1024 / 1024).toFixed(2).padStart(5)} MiB  median ${median(times).toFixed(0).padStart(5)} ms`,
  );
}
