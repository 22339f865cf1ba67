/**
 * The trace-to-job index: a trace's jobs from the keys `RedisSpanExporter` writes, their live state from
 * BullMQ, and a job's trace ids from the index or, failing that, from the trace context BullMQ stored with it.
 */
import { Job, Queue } from 'bullmq';
import type { JobState } from 'bullmq';
import { checkOptionNames } from '../options';
import { requireTraceId } from '../traces/span-ids';
import { releaseClient, resolveClient } from './connection';
import type { RedisClient, RedisConnectionInput, ResolvedClient } from './connection';
import { countOption, keyPrefixOption } from './store-options';
import { parseJobField } from './job-ref';
import { traceIdFromJobOpts } from './job-trace-metadata';
import { isTraceId, jobDigest, storeKeys } from './keys';
import type { StoreKeys } from './keys';
import { isWrongType, unlessWrongType } from './reply-errors';

/** Default of {@link TraceJobIndexOptions.maxJobs}: the exporter's default `maxSpansPerTrace`, its cap on a trace's jobs. */
const DEFAULT_MAX_JOBS = 1000;

/**
 * BullMQ queues the index keeps open for live job states. Each one puts listeners on the shared client, and the
 * names come from stored traces (a queue per tenant ...): beyond this many, the least recently used is closed.
 */
export const MAX_OPEN_QUEUES = 32;

/** How many queues one read of live states opens at a time (on top of those kept open). */
const QUEUES_AT_ONCE = 8;

/** A queue the index opened, and how many reads are using it now (it is closed once evicted and unused). */
interface OpenQueue {
  readonly queue: Queue;
  uses: number;
}

/** Options of {@link TraceJobIndex}. */
export interface TraceJobIndexOptions {
  /** Redis holding both the span store and the BullMQ queues (shared client, options or URL). */
  connection: RedisConnectionInput;
  /** Key prefix the exporter wrote with (not empty, no `{` or `}`: they would break the cluster hash tags; else a TypeError). @default 'qo' */
  keyPrefix?: string;
  /** BullMQ's key prefix (its `prefix` option). @default 'bull' */
  bullPrefix?: string;
  /**
   * Jobs `jobsOfTrace` reads of one trace at most (and, with state, looks up in BullMQ). Bounds a read of a
   * jobs hash some other writer let grow. @default 1000
   */
  maxJobs?: number;
}

/** Every option, so a misspelt one (`key_prefix`, `bull_prefix`: reading keys nothing wrote) is refused. */
const INDEX_OPTIONS: Readonly<Record<keyof TraceJobIndexOptions, true>> = { connection: true, keyPrefix: true, bullPrefix: true, maxJobs: true };

/** A job that took part in a trace. */
export interface TraceJob {
  queue: string;
  jobId: string;
  /** Job name, from the spans or (with state) from BullMQ. */
  name?: string;
  /** Live state from BullMQ (with `withState`); `unknown` when the job no longer exists. */
  state?: JobState | 'unknown';
  /** Attempts made so far (with `withState`, when the job exists). */
  attemptsMade?: number;
}

/** Options of {@link TraceJobIndex.jobsOfTrace}. */
export interface JobsOfTraceOptions {
  /** Also read each job's live state and attempts from BullMQ (one lookup per job). @default false */
  withState?: boolean;
}

/** The trace ids in a job index value (32 hex digits each); anything else in it is skipped. */
function traceIdsOf(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const ids: string[] = [];
  for (let i = 0; i + 32 <= value.length; i += 32) {
    const id = value.slice(i, i + 32);
    if (isTraceId(id)) ids.push(id);
  }
  return ids;
}

/**
 * Looks up jobs by trace and traces by job, without scanning queues.
 *
 * @example
 * const index = new TraceJobIndex({ connection: redis });
 * const jobs = await index.jobsOfTrace(traceId, { withState: true });
 */
export class TraceJobIndex {
  private readonly resolved: ResolvedClient;
  private readonly keys: StoreKeys;
  private readonly bullPrefix: string;
  private readonly maxJobs: number;
  /** Least recently used first (see {@link MAX_OPEN_QUEUES}). */
  private readonly queues = new Map<string, OpenQueue>();
  private opened = 0;

  /**
   * Connects, or adopts the given client.
   * @throws TypeError for a name that is no option (naming the nearest one) or a bad value, before connecting.
   */
  constructor(options: TraceJobIndexOptions) {
    // Checked first: a bad option throws before a connection is opened that nothing would close.
    checkOptionNames(options, INDEX_OPTIONS, 'TraceJobIndex');
    this.maxJobs = countOption('TraceJobIndex', 'maxJobs', options.maxJobs, DEFAULT_MAX_JOBS);
    this.keys = storeKeys(keyPrefixOption('TraceJobIndex', options.keyPrefix));
    this.resolved = resolveClient(options.connection);
    this.bullPrefix = options.bullPrefix ?? 'bull';
  }

  /** The client the index reads with. */
  get client(): RedisClient {
    return this.resolved.client;
  }

  /**
   * Jobs whose spans the trace holds (at most `maxJobs`), sorted by queue then job id; empty for an unknown
   * or expired trace, or a key that is not a hash. Throws a TypeError for an id that is not 16/32 hex digits.
   */
  async jobsOfTrace(traceId: string, options: JobsOfTraceOptions = {}): Promise<TraceJob[]> {
    const entries = await unlessWrongType(this.jobEntries(this.keys.jobs(requireTraceId(traceId))), []);
    const jobs: TraceJob[] = [];
    for (let i = 0; i + 1 < entries.length; i += 2) {
      const ref = parseJobField(entries[i] as string);
      if (!ref) continue;
      const name = entries[i + 1] as string;
      jobs.push(name === '' ? ref : { ...ref, name });
    }
    jobs.sort((a, b) => a.queue.localeCompare(b.queue) || a.jobId.localeCompare(b.jobId, 'en', { numeric: true }));
    if (!options.withState) return jobs;
    try {
      return await this.withLiveStates(jobs);
    } finally {
      // After the read, not as each queue opens: a trace of more than MAX_OPEN_QUEUES queues would otherwise reopen
      // every one of them at every read (its queues are visited in the same order each time).
      this.evict();
    }
  }

  /**
   * Live states, a few queues at a time ({@link QUEUES_AT_ONCE}): a trace's jobs may span many queues, and each open
   * BullMQ queue puts listeners on the shared client. The jobs come sorted by queue, so each queue's run is read at once.
   */
  private async withLiveStates(jobs: TraceJob[]): Promise<TraceJob[]> {
    const runs: TraceJob[][] = [];
    for (const job of jobs) {
      const run = runs.at(-1);
      if (run && run[0]!.queue === job.queue) run.push(job);
      else runs.push([job]);
    }
    const read: TraceJob[][] = new Array(runs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < runs.length) {
        const at = next++;
        const run = runs[at]!;
        read[at] = await this.withQueue(run[0]!.queue, (queue) => Promise.all(run.map((job) => this.liveStateIn(queue, job))));
      }
    };
    await Promise.all(Array.from({ length: Math.min(QUEUES_AT_ONCE, runs.length) }, worker));
    return read.flat();
  }

  /**
   * Field/value pairs of a trace's jobs hash, at most `maxJobs`: HSCAN in steps, so a hash some other writer
   * let grow is not read whole (the exporter keeps it to `maxSpansPerTrace` fields).
   */
  private async jobEntries(key: string): Promise<string[]> {
    // By field: HSCAN may return a field twice (when the hash is rehashed as the exporter adds jobs mid-scan).
    const entries = new Map<string, string>();
    let cursor = '0';
    do {
      const [next, batch] = await this.resolved.client.hscan(key, cursor, 'COUNT', Math.min(this.maxJobs, 1000));
      for (let i = 0; i + 1 < batch.length && entries.size < this.maxJobs; i += 2) entries.set(batch[i] as string, batch[i + 1] as string);
      cursor = next;
    } while (cursor !== '0' && entries.size < this.maxJobs);
    return [...entries].flat();
  }

  /** Runs `use` with the BullMQ queue `name` (opened on the shared client, kept for the next reads). */
  private async withQueue<T>(name: string, use: (queue: Queue) => Promise<T>): Promise<T> {
    let open = this.queues.get(name);
    if (open) {
      // Moved to the end: the map's order is the order of last use.
      this.queues.delete(name);
      this.queues.set(name, open);
    } else {
      // A shared client: BullMQ does not close it when the queue closes (it removes the queue's listeners from it).
      open = { queue: new Queue(name, { connection: this.resolved.client, prefix: this.bullPrefix }), uses: 0 };
      this.opened += 1;
      this.queues.set(name, open);
      // Room for the queues a read has open at once; the read trims the rest when it ends.
      this.evict(MAX_OPEN_QUEUES + QUEUES_AT_ONCE);
    }
    const current = open;
    current.uses += 1;
    try {
      return await use(current.queue);
    } finally {
      current.uses -= 1;
      if (current.uses === 0 && this.queues.get(name) !== current) closeQuietly(current.queue);
    }
  }

  /** Forgets the least recently used queues beyond `keep`; one still in use closes when released. */
  private evict(keep = MAX_OPEN_QUEUES): void {
    for (const [name, open] of this.queues) {
      if (this.queues.size <= keep) break;
      this.queues.delete(name);
      if (open.uses === 0) closeQuietly(open.queue);
    }
  }

  private async liveStateIn(queue: Queue, job: TraceJob): Promise<TraceJob> {
    let found: Job | undefined;
    try {
      found = await Job.fromId(queue, job.jobId);
    } catch (error) {
      // A job key that is not a hash, or a job hash BullMQ cannot parse, is data this reader cannot use, not a failure.
      if (!isWrongType(error) && !(error instanceof SyntaxError)) throw error;
    }
    if (!found) return { ...job, state: 'unknown' };
    const state = await found.getState();
    const live: TraceJob = { ...job, state, attemptsMade: found.attemptsMade };
    if (found.name) live.name = found.name;
    return live;
  }

  /** How many BullMQ queues the index keeps open for later reads (at most {@link MAX_OPEN_QUEUES}). */
  get openQueues(): number {
    return this.queues.size;
  }

  /** How many BullMQ queues the index has opened since it was created, reopened ones included (diagnostics). */
  get queuesOpened(): number {
    return this.opened;
  }

  /**
   * Trace ids of a job: those the index recorded (sorted), then the one in the job's stored
   * `opts.telemetry.metadata` if it is not among them. Empty when neither knows; bad stored data is ignored.
   */
  async tracesOfJob(queue: string, jobId: string): Promise<string[]> {
    const client = this.resolved.client;
    const [indexed, opts] = await Promise.all([
      unlessWrongType(client.hget(this.keys.jobTraces(), jobDigest(queue, jobId)), null),
      this.storedOpts(queue, jobId),
    ]);
    const traces = [...new Set(traceIdsOf(indexed))].sort();
    const fromOpts = traceIdFromJobOpts(opts);
    if (fromOpts !== undefined && !traces.includes(fromOpts)) traces.push(fromOpts);
    return traces;
  }

  /**
   * The trace id BullMQ stored with the job (`opts.telemetry.metadata`), or undefined when the job is gone,
   * has none, or the stored value is malformed. Never throws for bad data.
   */
  async traceIdFromJob(queue: string, jobId: string): Promise<string | undefined> {
    return traceIdFromJobOpts(await this.storedOpts(queue, jobId));
  }

  /** The job hash's raw `opts`; null when the job is gone or its key is not a hash. */
  private storedOpts(queue: string, jobId: string): Promise<string | null> {
    return unlessWrongType(this.resolved.client.hget(`${this.bullPrefix}:${queue}:${jobId}`, 'opts'), null);
  }

  /** Closes the BullMQ queues the index opened and the client if the index created it. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((open) => open.queue.close()));
    this.queues.clear();
    await releaseClient(this.resolved);
  }
}

/** Closes a queue the index no longer keeps; a failure (the shared client went away) leaves nothing to do. */
function closeQuietly(queue: Queue): void {
  queue.close().catch(() => undefined);
}
