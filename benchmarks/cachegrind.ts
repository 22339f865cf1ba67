/**
 * Reads Valgrind cachegrind output files and turns two runs of one mode (a small and a large number of jobs) into
 * instructions and simulated instruction-cache misses per job, grouped by what ran them: JIT-compiled JavaScript,
 * V8's builtins and inline-cache stubs, its runtime, garbage collection, compilation, libc, Node and libuv.
 *
 * Why two runs: everything a run does once (start-up, loading, warm-up, the heap probe) is the same in both, so
 * the difference divided by the difference in jobs is what one more job costs. Used by instruction-counts.ts.
 */
import { readFileSync } from 'node:fs';

/** Ir (instructions executed) and I1mr (first-level instruction-cache misses) of one function or category. */
export interface Counts {
  ir: number;
  i1Misses: number;
}

/** Per-function counts of one cachegrind run. */
export type FunctionCounts = Map<string, Counts>;

/**
 * Parses the text of a cachegrind output file (`--cachegrind-out-file`): `events:` names the columns, `fn=` starts
 * a function, and each line that starts with a digit is a source line's counts, which are summed per function.
 * @throws Error when the text has no `events:` line or lacks the Ir or I1mr column (run with `--cache-sim=yes`).
 */
export function parseCachegrind(text: string): FunctionCounts {
  const counts: FunctionCounts = new Map();
  let irColumn = -1;
  let i1Column = -1;
  let current: Counts | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) {
      const events = line.slice('events:'.length).trim().split(/\s+/);
      irColumn = events.indexOf('Ir');
      i1Column = events.indexOf('I1mr');
      if (irColumn < 0 || i1Column < 0) throw new Error('cachegrind output lacks the Ir or I1mr event (run with --cache-sim=yes)');
    } else if (line.startsWith('fn=')) {
      const name = line.slice(3);
      current = counts.get(name);
      if (!current) counts.set(name, (current = { ir: 0, i1Misses: 0 }));
    } else if (current && line.charCodeAt(0) >= 48 && line.charCodeAt(0) <= 57) {
      // "<line number> <event counts ...>": the line number comes first, then the events in order.
      const fields = line.split(' ');
      current.ir += Number(fields[irColumn + 1] ?? 0);
      current.i1Misses += Number(fields[i1Column + 1] ?? 0);
    }
  }
  if (irColumn < 0) throw new Error('not a cachegrind output file: no events line');
  return counts;
}

/** Reads and parses one cachegrind output file. */
export function readCachegrind(path: string): FunctionCounts {
  return parseCachegrind(readFileSync(path, 'utf8'));
}

/** The categories, in the order reports print them. */
export const CATEGORIES = ['jit', 'builtins', 'ic-stubs', 'runtime', 'gc', 'compile', 'parse', 'libc', 'node', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

const RULES: ReadonlyArray<readonly [Category, RegExp]> = [
  ['compile', /compiler::|Maglev|maglev|Turbofan|TurboFan|RegisterAllocat|InstructionSelector|OptimizedCompilationJob/],
  ['gc', /Scaveng|Marking|MarkCompact|Sweep|heap::|Heap::|Evacuat|Remembered|SlotSet|Pretenuring|GCTracer|MemoryChunk|BodyDescriptor|ConcurrentMark/],
  ['ic-stubs', /^Builtins_\w*IC/],
  ['builtins', /^Builtins_/],
  ['runtime', /Runtime_|IC::|LookupIterator|FeedbackNexus|Map::|JSObject::|TransitionsAccessor|Deoptimizer/],
  ['parse', /Scanner|Parser|AstValue|Preparse|BytecodeGenerator|interpreter::/],
  ['libc', /malloc|free|memcpy|memmove|memset|sysdeps/],
  ['node', /uv_|uv__|node::/],
];

/**
 * The category of a function as cachegrind names it. JIT-compiled JavaScript has no symbol (`???`); V8's embedded
 * builtins are `Builtins_*`, its inline-cache stubs among them.
 */
export function categoryOf(fn: string): Category {
  if (fn === '???') return 'jit';
  for (const [category, pattern] of RULES) if (pattern.test(fn)) return category;
  return 'other';
}

/** What one more job costs, by category and by function: (large run − small run) / (difference in jobs). */
export interface PerJob {
  byCategory: Record<Category, Counts>;
  byFunction: FunctionCounts;
  total: Counts;
}

/**
 * Per-job counts from a run of `largeJobs` and one of `smallJobs` of the same mode.
 * @throws RangeError when `largeJobs` is not above `smallJobs`.
 */
export function perJob(large: FunctionCounts, small: FunctionCounts, largeJobs: number, smallJobs: number): PerJob {
  const jobs = largeJobs - smallJobs;
  if (!(jobs > 0)) throw new RangeError(`the large run needs more jobs than the small one (${largeJobs} vs ${smallJobs})`);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { ir: 0, i1Misses: 0 }])) as Record<Category, Counts>;
  const byFunction: FunctionCounts = new Map();
  const total: Counts = { ir: 0, i1Misses: 0 };
  for (const name of new Set([...large.keys(), ...small.keys()])) {
    const a = large.get(name);
    const b = small.get(name);
    const counts = { ir: ((a?.ir ?? 0) - (b?.ir ?? 0)) / jobs, i1Misses: ((a?.i1Misses ?? 0) - (b?.i1Misses ?? 0)) / jobs };
    byFunction.set(name, counts);
    const category = byCategory[categoryOf(name)];
    category.ir += counts.ir;
    category.i1Misses += counts.i1Misses;
    total.ir += counts.ir;
    total.i1Misses += counts.i1Misses;
  }
  return { byCategory, byFunction, total };
}

/**
 * The total without garbage collection and compilation: under Valgrind, whose threads take turns on one core,
 * V8's background compiler and collector fall behind and catch up at other moments, so these two move by tens
 * of percent between runs of the same build. What is left moved by about 2% either way (instruction-cache misses by
 * 1%) between repeated runs of the same build.
 */
export function steadyTotal(cost: PerJob): Counts {
  const { gc, compile } = cost.byCategory;
  return { ir: cost.total.ir - gc.ir - compile.ir, i1Misses: cost.total.i1Misses - gc.i1Misses - compile.i1Misses };
}
