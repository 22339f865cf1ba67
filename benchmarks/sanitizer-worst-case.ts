/**
 * Worst-case CPU time of the sanitizer on hostile input: for every target (each built-in detector, SQL
 * stripping, attribute keys, key globs) the slowest of its adversarial inputs and code paths, at 10, 100 and
 * 200 KB, with `maxValueLength` raised so the whole value is scanned. Linear code shows about 10x from 10 to
 * 100 KB and 2x from 100 to 200 KB; quadratic code shows 100x and 4x.
 *
 *   npx tsx benchmarks/sanitizer-worst-case.ts
 *   SIZES=10,50 RUNS=5 npx tsx benchmarks/sanitizer-worst-case.ts
 */
import { ADVERSARIAL_CASES } from '../__tests__/sanitize/adversarial-inputs';
import type { AdversarialTarget } from '../__tests__/sanitize/adversarial-inputs';
import { cpuMs, workloadsFor } from '../__tests__/sanitize/adversarial-workloads';

const sizesKb = (process.env.SIZES ?? '10,100,200').split(',').map(Number);
const runs = Math.max(1, Number(process.env.RUNS ?? 3));

interface Worst {
  ms: number;
  input: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The slowest (median of `runs`) input and path for each target at one size. */
function measure(size: number): Map<AdversarialTarget, Worst> {
  const worst = new Map<AdversarialTarget, Worst>();
  for (const kase of ADVERSARIAL_CASES) {
    for (const [path, work] of workloadsFor(kase.target, kase.make(size))) {
      const ms = median(Array.from({ length: runs }, () => cpuMs(work)));
      const current = worst.get(kase.target);
      if (current === undefined || ms > current.ms) worst.set(kase.target, { ms, input: `${kase.label} (${path})` });
    }
  }
  return worst;
}

// Warm-up: compile every pattern and fill the lazy tables, so the first size pays no set-up.
for (const kase of ADVERSARIAL_CASES) for (const [, work] of workloadsFor(kase.target, kase.make(1000))) work();

const results = sizesKb.map((kb) => measure(kb * 1000));
const targets = [...new Set(ADVERSARIAL_CASES.map((c) => c.target))];
const largest = results[results.length - 1];

console.log(`worst case CPU ms per input (median of ${runs} runs), node ${process.version}`);
console.log(`| target | ${sizesKb.map((kb) => `${kb} KB`).join(' | ')} | slowest input at ${sizesKb[sizesKb.length - 1]} KB |`);
console.log(`|---|${sizesKb.map(() => '---:').join('|')}|---|`);
for (const target of targets) {
  const cells = results.map((r) => (r.get(target)?.ms ?? 0).toFixed(1));
  console.log(`| ${target} | ${cells.join(' | ')} | ${largest?.get(target)?.input ?? ''} |`);
}
