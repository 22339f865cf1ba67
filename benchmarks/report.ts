import type { RunResult } from './mode-runner';
import { median, pairedRatios } from './stats';
import type { Spread } from './stats';

/** Per-mode figures of the final table: medians over rounds, ratios paired with the baseline. */
export interface ModeSummary {
  mode: string;
  addMicros: number;
  processMicros: number;
  totalRatio: Spread;
  addRatio: Spread;
  processRatio: Spread;
  peakHeapMb: number;
  peakRssMb: number;
  inflightBytes: number;
  /** Bytes allocated per job, add and process phases together. */
  allocatedBytesPerJob: number;
  hashBytes: number;
  listpackShare: number;
  usedMemoryPerJob: number;
  spansPerJob: number;
  jobsPerSecond: number;
}

const total = (r: RunResult): number => r.add.cpuMicros + r.process.cpuMicros;

/** Summarises the rounds of every mode against the rounds of `baseline`. */
export function summarise(runs: Map<string, RunResult[]>, baseline: string): ModeSummary[] {
  const base = runs.get(baseline) ?? [];
  const baseInflight = median(base.map((r) => r.inflightHeapPerJob));
  return [...runs].map(([mode, rounds]) => {
    const perJob = (pick: (r: RunResult) => number): number => median(rounds.map((r) => pick(r) / r.jobs));
    return {
      mode,
      addMicros: perJob((r) => r.add.cpuMicros),
      processMicros: perJob((r) => r.process.cpuMicros),
      totalRatio: pairedRatios(rounds.map(total), base.map(total)),
      addRatio: pairedRatios(rounds.map((r) => r.add.cpuMicros), base.map((r) => r.add.cpuMicros)),
      processRatio: pairedRatios(rounds.map((r) => r.process.cpuMicros), base.map((r) => r.process.cpuMicros)),
      peakHeapMb: median(rounds.map((r) => r.peakHeap)) / 2 ** 20,
      peakRssMb: median(rounds.map((r) => r.peakRss)) / 2 ** 20,
      inflightBytes: median(rounds.map((r) => r.inflightHeapPerJob)) - baseInflight,
      allocatedBytesPerJob: perJob((r) => r.add.allocatedBytes + r.process.allocatedBytes),
      hashBytes: median(rounds.map((r) => r.jobMemory.hashBytes)),
      listpackShare: median(rounds.map((r) => r.jobMemory.listpackShare)),
      usedMemoryPerJob: perJob((r) => r.usedMemoryPerJob * r.jobs),
      spansPerJob: perJob((r) => r.spans),
      jobsPerSecond: median(rounds.map((r) => r.jobs / (r.process.wallMs / 1000))),
    };
  });
}

const ratio = (s: Spread): string => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const fixed = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** The per-mode table as Markdown. */
export function modeTable(summaries: readonly ModeSummary[]): string {
  const head = [
    'mode', 'add µs/job', 'process µs/job', 'CPU ratio (min–max)', 'add ratio', 'process ratio',
    'peak heap MB', 'peak RSS MB', 'allocated KB/job', 'heap/in-flight job B', 'job hash B', 'listpack', 'used_memory B/job',
    'spans/job', 'jobs/s',
  ];
  const rows = summaries.map((s) => [
    s.mode, fixed(s.addMicros, 1), fixed(s.processMicros, 1), ratio(s.totalRatio), ratio(s.addRatio), ratio(s.processRatio),
    fixed(s.peakHeapMb, 1), fixed(s.peakRssMb, 1), fixed(s.allocatedBytesPerJob / 1024, 1), fixed(s.inflightBytes), fixed(s.hashBytes), `${fixed(s.listpackShare * 100)}%`,
    fixed(s.usedMemoryPerJob), fixed(s.spansPerJob, 2), fixed(s.jobsPerSecond),
  ]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * The CPU ratios again, against another baseline: with `none-als` (plain BullMQ in a process whose context
 * tracking is already on, as in any app with HTTP instrumentation) it shows what tracing adds to an
 * instrumented application rather than to a bare process.
 */
export function ratioTable(summaries: readonly ModeSummary[]): string {
  const head = ['mode', 'CPU ratio (min–max)', 'add ratio', 'process ratio'];
  const rows = summaries.map((s) => [s.mode, ratio(s.totalRatio), ratio(s.addRatio), ratio(s.processRatio)]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
