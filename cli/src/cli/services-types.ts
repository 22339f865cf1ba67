/**
 * What the terminal UI reads and does, as plain data and functions. The CLI (CommonJS) builds the real
 * implementation over Redis; the UI (ESM) only imports these types, and tests pass fakes.
 */
import type { TraceJob, TraceSummary } from 'queue-otel/store';
import type { TraceRead, TraceSpan } from 'queue-otel/traces';
import type { CopyResult } from './actions/clipboard';
import type { ClassSample } from './class-reader';
import type { ClassWindow } from '../timing/class-window';
import type { JobTimes, JobTiming } from '../timing/job-timing';

/** BullMQ job states the UI lists, in tab order. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/** One of {@link JOB_STATES}. */
export type JobStateName = (typeof JOB_STATES)[number];

/** A queue and its counts per state, with rates measured between two reads. */
export interface QueueSummary {
  name: string;
  counts: Record<JobStateName, number>;
  /** Jobs completed per second since the previous read; undefined on the first read. */
  completedPerSec?: number;
  /** Jobs failed per second since the previous read; undefined on the first read. */
  failedPerSec?: number;
}

/** One row of the jobs table. Times in ms; undefined when not known yet. */
export interface JobRow {
  queue: string;
  id: string;
  name: string;
  state: JobStateName | 'unknown';
  attemptsMade: number;
  /** Attempts allowed (`opts.attempts`, default 1). */
  attempts: number;
  /** Queue wait over every attempt (timing/job-timing.ts); unknown for a retried job without its spans. */
  waitMs?: number;
  /** Processing over every attempt; unknown for a retried job without its spans. */
  processMs?: number;
  /** Backoff between attempts. */
  backoffMs?: number;
  /** From the first moment the job could run to its end. */
  totalMs?: number;
  /** The trace id BullMQ stored with the job. */
  traceId?: string;
  /**
   * `false` when the producer did not sample the job (its `traceparent` says so, or it carries only the
   * decision, `0`, with `unsampledJobs: 'lean'`): its trace id, if any, is in no backend.
   */
  sampled?: false;
  /** Enqueue time, ms since the epoch. */
  timestamp: number;
  /**
   * BullMQ's `failedReason`: the last failed attempt's error. BullMQ keeps it after a retry, so in a job that is
   * not failed (completed after a retry, waiting for its next attempt) it is an earlier attempt's error.
   */
  failedReason?: string;
  /**
   * Why BullMQ could not read the job's hash (e.g. `data is not JSON`); set only then, when every field but the
   * id, name, state and timestamp is a placeholder.
   */
  unreadable?: string;
}

/** A job with what the info view shows beyond its row. */
export interface JobDetails extends JobRow {
  /** Every trace id known for the job (index first, then the job's own metadata). */
  traceIds: string[];
  /** Job data as compact JSON, cut to a few hundred characters. */
  dataPreview: string;
  /** First lines of the last stack trace. */
  stack: string[];
  processedOn?: number;
  finishedOn?: number;
  parentKey?: string;
  /** The hash facts the timing comes from, to time the job again with its trace's spans. */
  times: JobTimes;
  /** Its timing as read (from its spans when the reader had them). */
  timing: JobTiming;
}

/** A page of a queue's jobs in one state. */
export interface JobPage {
  total: number;
  /** Index of the first row in the state's list. */
  start: number;
  rows: JobRow[];
  /** Where the followed job is: its row number, or undefined when it is no longer in this state. */
  follow?: { jobId: string; index: number | undefined };
}

/** The selected job a page read keeps on screen: the page is read around it, at `offset` rows from the top. */
export interface FollowJob {
  jobId: string;
  offset: number;
}

/** The data and actions the UI uses. Every read may reject; the UI keeps its last frame and shows the error. */
export interface TuiServices {
  /** Where traces are read from, e.g. `Redis span store` or `Jaeger`. */
  readonly traceSourceName: string;
  /** Where the data comes from, e.g. the Redis URL without credentials. */
  readonly redisLabel: string;
  listQueues(): Promise<QueueSummary[]>;
  /** Rows `start` … `start + count - 1`; with `follow`, the page that holds that job where it is now. */
  listJobs(queue: string, state: JobStateName, start: number, count: number, follow?: FollowJob): Promise<JobPage>;
  getJob(queue: string, jobId: string): Promise<JobDetails | undefined>;
  listTraces(limit: number): Promise<TraceSummary[]>;
  /**
   * The trace with what its backend said of its completeness (Tempo `PARTIAL`, Jaeger errors, the span store's dropped
   * spans): every screen that shows a trace or judges it from its spans reads it here, so it can say when it is not
   * whole.
   */
  readTrace(traceId: string): Promise<TraceRead>;
  relatedJobs(traceId: string): Promise<TraceJob[]>;
  /** The recently finished jobs of a queue with their timing, for the classes view (bounded reads). */
  readClasses(queue: string, window: ClassWindow): Promise<ClassSample>;
  /**
   * The APM deep link of a trace, or undefined when no APM is configured or the link needs what `spans` would give
   * (a `--link-template` with `{startMs}`, `{spanId}` ...) and they are not given.
   */
  traceUrl(traceId: string, spans?: readonly TraceSpan[]): string | undefined;
  /** True when `--apm` or `--link-template` is set, so a missing link is not said to be a missing APM. */
  apmConfigured?: boolean;
  /** Opens a URL with the system opener; resolves once it was started. */
  openUrl(url: string): Promise<void>;
  /**
   * Copies text to the clipboard (OSC 52 and a native tool); never throws or rejects. Resolves with what is known
   * to have happened: OSC 52 sent, and the tool that confirmed the copy, if any.
   */
  copy(text: string): Promise<CopyResult>;
  /**
   * `text` as an OSC 8 hyperlink to `url` where the terminal supports it, else `text`; either way with its control
   * characters shown as escapes, and nothing in `url` able to end the sequence (see `osc8Link`).
   */
  hyperlink(url: string, text: string): string;
}
