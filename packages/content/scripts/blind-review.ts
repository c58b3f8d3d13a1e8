/**
 * The blind review of the bundled content.
 *   tsx scripts/blind-review.ts export <out-dir> [items-per-packet]
 *     writes review packets: every item as a student sees it (no key, no rationale), so a
 *     reviewer answers without the key;
 *   tsx scripts/blind-review.ts compare <answers.json ...>
 *     grades the reviewer's answers with the engine and lists every disagreement with the key.
 * Answers: { "<itemId>": { "response": <engine Response>, "confidence": "high|medium|low", "note": "..." } }
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeResponse, type Item, responseSchema, studentView } from '@coderprep/exam-engine';
import { loadBundledBanks } from '../src/loader';

const [command, ...args] = process.argv.slice(2);
const items = loadBundledBanks().flatMap((bank) => bank.items.map((item) => ({ bank: bank.bank.id, item })));
const byId = new Map<string, Item>(items.map(({ item }) => [item.id, item]));

if (command === 'export') {
  const [outDir = 'review', size = '150'] = args;
  mkdirSync(outDir, { recursive: true });
  const perPacket = Number(size);
  for (const bank of new Set(items.map((i) => i.bank))) {
    const inBank = items.filter((i) => i.bank === bank).map(({ item }) => studentView(item));
    for (let start = 0, n = 1; start < inBank.length; start += perPacket, n++) {
      const file = join(outDir, `${bank}-${n}.json`);
      writeFileSync(file, `${JSON.stringify(inBank.slice(start, start + perPacket), null, 1)}\n`);
      console.log(`${file}: ${Math.min(perPacket, inBank.length - start)} items`);
    }
  }
} else if (command === 'compare') {
  let answered = 0;
  let agreed = 0;
  const disagreements: unknown[] = [];
  for (const file of args) {
    const answers = JSON.parse(readFileSync(file, 'utf8')) as Record<
      string,
      { response: unknown; note?: string; confidence?: string }
    >;
    for (const [id, answer] of Object.entries(answers)) {
      const item = byId.get(id);
      const response = responseSchema.safeParse(answer.response);
      if (!item || !response.success) {
        console.error(`${file}: ${id}: ${item ? 'unreadable response' : 'no such item'}`);
        continue;
      }
      answered++;
      let score = 0;
      try {
        score = gradeResponse(item, response.data).score;
      } catch (error) {
        console.error(`${file}: ${id}: ${(error as Error).message}`);
      }
      if (score === 1) agreed++;
      else
        disagreements.push({
          id,
          score,
          reviewer: answer.response,
          confidence: answer.confidence,
          note: answer.note,
        });
    }
  }
  console.log(JSON.stringify(disagreements, null, 1));
  console.log(
    `answered ${answered} of ${items.length}; agreed ${agreed} (${((100 * agreed) / Math.max(1, answered)).toFixed(1)}%)`,
  );
} else {
  console.error('usage: blind-review.ts export <out-dir> [items-per-packet] | compare <answers.json ...>');
  process.exit(2);
}
