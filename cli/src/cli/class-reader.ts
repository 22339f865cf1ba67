/**
 * Reads the finished jobs of a queue for the classes view with bounded work: per refresh one pipeline of two
 * sorted-set range reads (completed, failed; newest first, at most MAX_JOBS_PER_STATE each), one pipeline of HMGETs
 * of the fields the timing needs, and for retried jobs at most MAX_TRACES_PER_READ trace reads from the span store.
 * Everything read is untrusted: a field of the wrong type counts as absent.
 */
import type { Redis } from 'ioredis';
import { isSchedulerIteration, jobTraceOf } from 'queue-otel/store';
import type { TraceSpan } from 'queue-otel/traces';
import type { SampledJob } from '../timing/class-stats';
import { MAX_TRACES_PER_READ, SLOWEST_TRACED_PER_CLASS, selectWindow, windowBounds } from '../timing/class-window';
import type { ClassWindow } from '../timing/class-window';
import { jobTiming } from '../timing/job-timing';
import type { BackoffOption } from '../timing/job-timing';

/** What one read of a queue's classes found, and what it cost. */
export interface ClassSample {
  queue: string;
  window: ClassWindow;
  jobs: SampledJob[];
  read: {
    /** Job hashes read. */
    jobs: number;
    /** Traces read from the span store. */
    traces: number;
    /** A time window held more finished jobs per state than are read: the oldest of it are left out. */
    capped: boolean;
  };
}

/** A finished job as read from its hash, with the facts to time it once its spans are known (or not). */
export type FoundJob = Omit<SampledJob, 'timing'> & { times: Parameters<typeof jobTiming>[0] };

/** The hash fields read per job. */
const FIELDS = ['name', 'timestamp', 'processedOn', 'finishedOn', 'atm', 'opts', 'rjk'] as const;
/** Longest `opts` value parsed: options are small, anything bigger is not BullMQ's. */
const MAX_OPTS_CHARS = 16_384;

const toNumber = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
};

function parseOpts(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw.length > MAX_OPTS_CHARS) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** [id, score] pairs of a WITHSCORES reply. */
function pairs(reply: unknown): [string, number][] {
  if (!Array.isArray(reply)) return [];
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) out.push([String(reply[i]), Number(reply[i + 1])]);
  return out;
}

/** A sampled job from its hash fields (HMGET order of {@link FIELDS}), or undefined for a hash that is gone. */
export function sampledJobFrom(queue: string, id: string, state: SampledJob['state'], values: readonly unknown[]): FoundJob | undefined {
  const [name, timestamp, processedOn, finishedOn, attemptsMade, rawOpts, repeatKey] = values;
  if (typeof name !== 'string') return undefined;
  const opts = parseOpts(rawOpts);
  const attempts = toNumber(attemptsMade) ?? 0;
  const job: FoundJob = {
    id, name, state, attemptsMade: attempts,
    times: {
      id, queue, attemptsMade: attempts,
      timestamp: toNumber(timestamp), processedOn: toNumber(processedOn), finishedOn: toNumber(finishedOn),
      delayMs: typeof opts.delay === 'number' ? opts.delay : undefined,
      backoff: opts.backoff as BackoffOption | undefined,
    },
  };
  const finished = toNumber(finishedOn);
  if (finished !== undefined) job.finishedOn = finished;
  const { traceId, sampled } = jobTraceOf(opts.tm);
  if (traceId) job.traceId = traceId;
  if (sampled === false && !isSchedulerIteration({ id, repeatJobKey: typeof repeatKey === 'string' ? repeatKey : undefined, opts })) job.sampled = false;
  return job;
}

/** A job whose hash cannot time it and whose trace can: retried, sampled, with a trace id. */
function needsTrace(job: Pick<SampledJob, 'attemptsMade' | 'traceId' | 'sampled'>): boolean {
  return job.attemptsMade > 1 && job.traceId !== undefined && job.sampled !== false;
}

/** Enqueue (plus delay) to end, from the hash alone: known for a retried job too, so it can rank them unread. */
function hashTotal({ times }: FoundJob): number {
  const { timestamp, delayMs, finishedOn } = times;
  return timestamp === undefined || finishedOn === undefined ? -1 : finishedOn - timestamp - Math.max(0, delayMs ?? 0);
}

/**
 * The traces to read, at most `max`: first each class's {@link SLOWEST_TRACED_PER_CLASS} slowest retried jobs (by
 * {@link hashTotal}: the top of its slowest-jobs list, which would otherwise show `-` for the jobs that matter most
 * there), then the newest retried jobs (`found` is newest first), so the classes' statistics keep a sample that
 * is not chosen by speed.
 */
export function tracesToRead(found: readonly FoundJob[], max: number): string[] {
  const retried = found.filter(needsTrace);
  const byClass = new Map<string, FoundJob[]>();
  for (const job of retried) {
    const group = byClass.get(job.name);
    if (group) group.push(job);
    else byClass.set(job.name, [job]);
  }
  const slowest = [...byClass.values()].flatMap((group) => [...group].sort((a, b) => hashTotal(b) - hashTotal(a)).slice(0, SLOWEST_TRACED_PER_CLASS));
  return [...new Set([...slowest, ...retried].map((job) => job.traceId as string))].slice(0, Math.max(0, max));
}

/** Reads a queue's recently finished jobs over a shared client. */
export class ClassReader {
  /**
   * @param client shared ioredis client (not closed here)
   * @param prefix BullMQ's key prefix
   * @param spans reads a trace from the span store (retried jobs are timed from their spans)
   */
  constructor(
    private readonly client: Redis,
    private readonly prefix = 'bull',
    private readonly spans?: (traceId: string) => Promise<TraceSpan[]>,
    /** Traces read per refresh at most (the default in production; tests lower it). */
    private readonly maxTraces = MAX_TRACES_PER_READ,
  ) {}

  /** The finished jobs of `queue` in `window`, each with its timing. */
  async read(queue: string, window: ClassWindow, now = Date.now()): Promise<ClassSample> {
    const bounds = windowBounds(window, now);
    const key = (suffix: string): string => `${this.prefix}:${queue}:${suffix}`;
    const ranges = this.client.pipeline();
    for (const state of ['completed', 'failed']) {
      if ('sinceMs' in bounds) ranges.zrevrangebyscore(key(state), '+inf', bounds.sinceMs, 'WITHSCORES', 'LIMIT', 0, bounds.perState);
      else ranges.zrevrange(key(state), 0, bounds.perState - 1, 'WITHSCORES');
    }
    const [completed, failed] = ((await ranges.exec()) ?? []).map(([error, reply]) => {
      if (error) throw error;
      return pairs(reply);
    });
    const listed = [
      ...(completed ?? []).map(([id, score]) => ({ id, state: 'completed' as const, finishedOn: score })),
      ...(failed ?? []).map(([id, score]) => ({ id, state: 'failed' as const, finishedOn: score })),
    ];
    const capped = 'sinceMs' in bounds && [completed, failed].some((list) => (list?.length ?? 0) >= bounds.perState);
    const chosen = selectWindow(listed, bounds);
    if (chosen.length === 0) return { queue, window, jobs: [], read: { jobs: 0, traces: 0, capped } };
    const hashes = this.client.pipeline();
    for (const { id } of chosen) hashes.hmget(key(id), ...FIELDS);
    const replies = (await hashes.exec()) ?? [];
    const found = chosen.flatMap(({ id, state }, index) => {
      const [error, values] = replies[index] ?? [];
      const job = !error && Array.isArray(values) ? sampledJobFrom(queue, id, state, values) : undefined;
      return job ? [job] : [];
    });
    // Retried jobs keep one attempt's times in their hash: their spans tell the rest.
    const traceIds = this.spans ? tracesToRead(found, this.maxTraces) : [];
    const read = new Set(traceIds);
    const traces = new Map<string, TraceSpan[]>();
    await Promise.all(traceIds.map(async (traceId) => {
      try {
        traces.set(traceId, (await this.spans?.(traceId)) ?? []);
      } catch {
        // a trace that cannot be read leaves its job timed from the hash
      }
    }));
    const jobs = found.map(({ times, ...job }): SampledJob => {
      const sampled: SampledJob = { ...job, timing: jobTiming(times, job.traceId ? traces.get(job.traceId) : undefined) };
      if (this.spans && needsTrace(job) && !read.has(job.traceId as string)) sampled.untimed = 'capped';
      return sampled;
    });
    return { queue, window, jobs, read: { jobs: chosen.length, traces: traceIds.length, capped } };
  }
}
