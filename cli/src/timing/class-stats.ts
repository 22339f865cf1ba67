/**
 * Statistics per job class (job name) of a queue over a window: count, failure rate, and the distributions of
 * queue wait and processing time per job (totals over its attempts, as job-timing.ts defines them).
 */
import type { JobTiming } from './job-timing';
import type { ClassSort } from './class-window';
import { distribution } from './percentiles';
import type { Distribution } from './percentiles';

/** One finished job as the classes view reads it. */
export interface SampledJob {
  id: string;
  name: string;
  state: 'completed' | 'failed';
  attemptsMade: number;
  finishedOn?: number | undefined;
  traceId?: string | undefined;
  sampled?: false;
  failedReason?: string | undefined;
  timing: JobTiming;
  /**
   * `capped`: a retried job whose trace was not read because the refresh had read as many
   * traces as it may (`MAX_TRACES_PER_READ`, class-window.ts): its wait, processing and backoff are unknown for that reason.
   */
  untimed?: 'capped';
}

/** The statistics of one class. */
export interface ClassStats {
  name: string;
  jobs: number;
  failed: number;
  /** Jobs that needed more than one attempt. */
  retried: number;
  /** failed / jobs. */
  failureRate: number;
  wait: Distribution;
  processing: Distribution;
}

/** Groups `jobs` by name and measures each class. */
export function classStats(jobs: readonly SampledJob[]): ClassStats[] {
  const groups = new Map<string, SampledJob[]>();
  for (const job of jobs) {
    const group = groups.get(job.name);
    if (group) group.push(job);
    else groups.set(job.name, [job]);
  }
  return [...groups.entries()].map(([name, members]) => {
    const failed = members.filter((job) => job.state === 'failed').length;
    return {
      name,
      jobs: members.length,
      failed,
      retried: members.filter((job) => job.attemptsMade > 1).length,
      failureRate: members.length ? failed / members.length : 0,
      wait: distribution(members.map((job) => job.timing.waitMs)),
      processing: distribution(members.map((job) => job.timing.processMs)),
    };
  });
}

/** Classes in the order of `sort` (largest first), then by name. */
export function sortClasses(classes: readonly ClassStats[], sort: ClassSort): ClassStats[] {
  const key = (stats: ClassStats): number => {
    switch (sort) {
      case 'jobs': return stats.jobs;
      case 'failures': return stats.failureRate;
      case 'wait': return stats.wait.p95 ?? -1;
      case 'processing': return stats.processing.p95 ?? -1;
    }
  };
  return [...classes].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
}

/**
 * The jobs of one class to look at: the failed ones newest first, or the slowest first (by total time from
 * the first moment they could run to their end; jobs without a known total last).
 */
export function jobsOfClass(jobs: readonly SampledJob[], name: string, show: 'slowest' | 'failed'): SampledJob[] {
  const members = jobs.filter((job) => job.name === name);
  if (show === 'failed') return members.filter((job) => job.state === 'failed').sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0));
  return members.sort((a, b) => (b.timing.totalMs ?? -1) - (a.timing.totalMs ?? -1));
}
