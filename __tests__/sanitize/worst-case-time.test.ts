import { Sanitizer } from '../../src/sanitize';
import { ADVERSARIAL_CASES } from './adversarial-inputs';
import { cpuMs, workloadsFor } from './adversarial-workloads';

/**
 * Every detector, SQL stripping, the key policy and key globs must stay linear (or bounded) on hostile input:
 * they run synchronously when a span ends. Each input is 100 KB and `maxValueLength` is raised so the whole
 * value is scanned. The bound is generous (the worst case measures tens of milliseconds; the quadratic code
 * this replaced took seconds) and counts the CPU time of this process only, the least of three runs: a busy machine
 * slows a run down (shared caches, a collection that happens to fall inside it) but not every one of three, while
 * super-linear code is slow every time.
 */
const SIZE = 100_000;
const BOUND_MS = 250;
const RUNS = 3;

function leastCpuMs(work: () => unknown): number {
  let least = Infinity;
  for (let i = 0; i < RUNS; i++) least = Math.min(least, cpuMs(work));
  return least;
}

const rows = ADVERSARIAL_CASES.flatMap((kase) =>
  workloadsFor(kase.target, kase.make(SIZE)).map(([path, work]) => [kase.target, kase.label, path, work] as const),
);

beforeAll(() => {
  // Compile every pattern and fill the lazy tables once, so the first measured case pays no set-up.
  for (const kase of ADVERSARIAL_CASES) for (const [, work] of workloadsFor(kase.target, kase.make(200))) work();
});

test.each(rows)('%s: %s, %s, stays under the bound', (_target, _label, _path, work) => {
  expect(leastCpuMs(work)).toBeLessThan(BOUND_MS);
});

const LARGE = 300_000;
const defaultLimitRows = ADVERSARIAL_CASES.filter((k) => k.target === 'sql' || k.target === 'key').map((k) => [k.target, k.label, k] as const);

test.each(defaultLimitRows)(
  '%s: %s, 300 KB with the default limits, stays under the bound',
  (target, _label, kase) => {
    const text = kase.make(LARGE);
    const attributes = target === 'sql' ? { 'db.statement': text } : { [text]: 1 };
    // A new sanitizer per run: a second run on the same one would find the key's decision cached.
    expect(leastCpuMs(() => new Sanitizer({ allowAll: true }).sanitizeAttributes(attributes))).toBeLessThan(BOUND_MS);
  },
);

test('the inputs are as large as announced', () => {
  for (const kase of ADVERSARIAL_CASES) {
    expect({ label: kase.label, length: kase.make(SIZE).length }).toEqual({ label: kase.label, length: SIZE });
  }
});
