/**
 * Engine benchmarks (figures only, never a pass/fail):
 * - grading and scoring one 150-item attempt (target: median under 50 microseconds);
 * - item analysis of 10,000 attempts x 150 items (target: under 1 second).
 * Run: pnpm --filter @coderprep/exam-engine bench
 * The engine is bundled with esbuild first and run by plain node: tsx compiles with keepNames,
 * whose per-call __name() on inner functions would be measured instead of the engine.
 */
import { Bench } from 'tinybench';
import {
  type AnalysisAttempt,
  type AttemptItem,
  analyseItems,
  createRandom,
  gradeAttempt,
  type Item,
  parseItem,
  type Response,
} from '../src/index';

const random = createRandom('bench');
const DOMAINS = [
  'surgery-10000',
  'surgery-20000',
  'evaluation-management',
  'radiology',
  'icd-10-cm',
  'hcpcs-level-ii',
];

function item(input: unknown): Item {
  const parsed = parseItem(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.item;
}

/**
 * A 150-item attempt. `fillInEvery` = 15 mixes in 10 fill-in items (code list + procedure line) and
 * 10 multiple-response among multiple choice; 1 makes every item a fill-in (a CMC-style attempt).
 */
function attemptItems(fillInEvery: number): AttemptItem[] {
  return Array.from({ length: 150 }, (_, i): AttemptItem => {
    const domain = DOMAINS[i % DOMAINS.length]!;
    const options = ['A', 'B', 'C', 'D'].map((id) => ({ id, text: `Option ${id}`, rationale: `Why ${id}` }));
    const base = { id: `i${i}`, domain, codeSetYear: 2026, stem: `Stem ${i}`, rationale: 'Rationale' };
    let body: Item;
    let response: Response;
    if (i % fillInEvery === 0) {
      body = item({
        ...base,
        type: 'fill-in',
        partialCredit: 'proportional',
        blanks: [
          { id: 'dx', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
          { id: 'px', kind: 'procedure-line' },
        ],
        key: {
          dx: {
            kind: 'code-list',
            codes: [{ code: 'E11.22' }, { code: 'N18.31' }, { code: 'Z79.4', optional: true }],
          },
          px: { kind: 'procedure-line', accepted: [{ code: '20610', modifiers: ['RT'], units: 1 }] },
        },
      });
      response = {
        type: 'fill-in',
        blanks: { dx: ['e1122', 'N18.31'], px: { code: '20610', modifiers: 'rt', units: '1' } },
      };
    } else if (fillInEvery > 2 && i % fillInEvery === 1) {
      body = item({ ...base, type: 'multiple-response', options, key: ['A', 'C'], select: 2 });
      response = { type: 'multiple-response', choices: ['A', 'B'] };
    } else {
      body = item({ ...base, type: 'multiple-choice', options, key: 'B' });
      response = { type: 'multiple-choice', choice: ['A', 'B', 'C', 'D'][random.int(4)]! };
    }
    return {
      itemId: body.id,
      sectionId: 'part-1',
      item: body,
      scored: i < 145,
      response,
      timeSpentMs: 60_000,
    };
  });
}

/** 10,000 attempts x 150 items of 0/1 marks from a simple ability model, with choices. */
function analysisData(): { items: { itemId: string; maxMark: number }[]; attempts: AnalysisAttempt[] } {
  const items = Array.from({ length: 150 }, (_, i) => ({ itemId: `i${i}`, maxMark: 1 }));
  const difficulty = items.map(() => random.next());
  const attempts = Array.from({ length: 10_000 }, (): AnalysisAttempt => {
    const ability = random.next();
    const marks: number[] = [];
    const choices: string[] = [];
    for (let i = 0; i < 150; i++) {
      const right = random.next() < 0.3 + 0.6 * ability * (1 - difficulty[i]! / 2) ? 1 : 0;
      marks.push(right);
      choices.push(right ? 'B' : (['A', 'C', 'D'][random.int(3)] as string));
    }
    return { marks, choices };
  });
  return { items, attempts };
}

const micro = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;

/** Median and p99 of grading + scoring one attempt, in the benchmark's words. */
async function gradingFigures(label: string, attempt: AttemptItem[]) {
  const grading = new Bench({ time: 2000, warmupTime: 300 });
  grading.add(label, () => {
    gradeAttempt(attempt);
  });
  await grading.run();
  const g = grading.tasks[0]!.result;
  if (!g || !('latency' in g)) throw new Error('grading benchmark did not run');
  console.log(
    `${label}: median ${micro(g.latency.p50! * 1e6)}, p99 ${micro(g.latency.p99! * 1e6)} over ${g.latency.samplesCount} runs (target: median < 50 µs)`,
  );
}

async function main() {
  await gradingFigures(
    'grade + score one 150-item CPC-style attempt (all multiple choice)',
    attemptItems(1000),
  );
  await gradingFigures(
    'grade + score one 150-item mixed attempt (130 MC, 10 MR, 10 fill-in)',
    attemptItems(15),
  );
  await gradingFigures('grade + score one 150-item CMC-style attempt (all fill-in)', attemptItems(1));

  const data = analysisData();
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    analyseItems(data.items, data.attempts);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `item analysis of 10,000 attempts x 150 items: median ${runs[2]!.toFixed(0)} ms, best ${runs[0]!.toFixed(0)} ms over 5 runs (target: < 1000 ms)`,
  );
}

void main();
