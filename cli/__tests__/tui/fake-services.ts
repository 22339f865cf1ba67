/** In-memory {@link TuiServices} for rendered-frame tests: a queue of 10,000 jobs, traces with a failure. */
import type { JobDetails, JobPage, JobRow, JobStateName, QueueSummary, TuiServices } from '../../src/cli/services-types.js';
import type { TraceJob, TraceSummary } from 'queue-otel/store';
import type { TraceRead, TraceSpan } from 'queue-otel/traces';
import type { ClassSample } from '../../src/cli/class-reader.js';
import { jobTiming } from '../../src/timing/job-timing.js';
import type { JobTimes } from '../../src/timing/job-timing.js';

/** A fixed trace id per job number, so a test can predict it. */
export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, 'a');
}

const NOW = Date.now();
/** The failing trace every test looks at. */
export const FAILED_TRACE = traceIdOf(7);

function span(partial: Partial<TraceSpan> & Pick<TraceSpan, 'spanId' | 'name' | 'startUs' | 'endUs'>): TraceSpan {
  return { traceId: FAILED_TRACE, kind: 'internal', status: 'unset', serviceName: 'shop', attributes: {}, events: [], links: [], ...partial };
}

/** POST /checkout → add orders → wait orders (queue wait) → process orders (error). */
export const FAILED_SPANS: TraceSpan[] = [
  span({ spanId: '1000000000000001', name: 'POST /checkout', kind: 'server', startUs: 1_000_000, endUs: 1_020_000 }),
  span({ spanId: '1000000000000002', parentSpanId: '1000000000000001', name: 'add orders', kind: 'producer', startUs: 1_002_000, endUs: 1_004_000 }),
  span({ spanId: '1000000000000003', parentSpanId: '1000000000000002', name: 'wait orders', kind: 'internal', startUs: 1_004_000, endUs: 1_300_000, attributes: { 'bullmq.job.wait_ms': 296, 'messaging.message.id': '7', 'messaging.destination.name': 'orders' } }),
  span({
    spanId: '1000000000000004', parentSpanId: '1000000000000002', name: 'process orders', kind: 'consumer', startUs: 1_300_000, endUs: 1_500_000,
    status: 'error', statusMessage: 'card declined', serviceName: 'worker',
    attributes: { 'error.type': 'PaymentDeclinedError', 'bullmq.job.outcome': 'failed', 'bullmq.job.id': '7', 'messaging.message.id': '7', 'messaging.destination.name': 'orders' },
    events: [{ name: 'exception', timeUs: 1_499_000, attributes: { 'exception.type': 'PaymentDeclinedError' } }],
  }),
];

/** The hash facts of job `n` (enqueued a minute ago, waited 296 ms, ran 200 ms). */
export function timesOf(n: number, queue = 'orders'): JobTimes {
  return { id: String(n), queue, timestamp: NOW - 60_000, processedOn: NOW - 60_000 + 296, finishedOn: NOW - 60_000 + 496, attemptsMade: 1 };
}

/** Details of a job row: what getJob returns. */
export function detailsOf(base: JobRow, extra: Partial<JobDetails> = {}): JobDetails {
  const times = timesOf(Number(base.id), base.queue);
  return { ...base, traceIds: base.traceId ? [base.traceId] : [], dataPreview: '{}', stack: [], times, timing: jobTiming(times), ...extra };
}

function row(n: number, state: JobStateName): JobRow {
  return {
    queue: 'orders', id: String(n), name: n === 7 ? 'charge-card' : 'render-invoice', state, attemptsMade: state === 'failed' ? 2 : 1,
    attempts: state === 'failed' ? 2 : 1, waitMs: 296, processMs: 200, traceId: traceIdOf(n), timestamp: NOW - 60_000,
    ...(state === 'failed' ? { failedReason: 'card declined' } : {}),
  };
}

/** A `readTrace` over a function giving a trace's spans, every read complete. */
export function readsOf(spansOf: (traceId: string) => TraceSpan[]): (traceId: string) => Promise<TraceRead> {
  return async (traceId) => ({ spans: spansOf(traceId), partial: false, warnings: [] });
}

/** Services over fixed data; `calls` records the page reads so tests can check that only a window is read. */
export function fakeServices(overrides: Partial<TuiServices> = {}): TuiServices & { calls: string[]; opened: string[]; copied: string[] } {
  const calls: string[] = [];
  const opened: string[] = [];
  const copied: string[] = [];
  const totals: Record<string, number> = { completed: 10_000, failed: 3 };
  const services: TuiServices = {
    traceSourceName: 'Redis span store',
    redisLabel: 'redis://test:6379',
    listQueues: async (): Promise<QueueSummary[]> => [
      { name: 'emails', counts: { waiting: 4, active: 1, delayed: 0, prioritized: 0, 'waiting-children': 0, completed: 120, failed: 0 } },
      { name: 'orders', counts: { waiting: 0, active: 2, delayed: 1, prioritized: 0, 'waiting-children': 1, completed: 10_000, failed: 3 }, completedPerSec: 2.5, failedPerSec: 0.1 },
    ],
    listJobs: async (queue: string, state: JobStateName, start: number, count: number): Promise<JobPage> => {
      calls.push(`${queue}:${state}:${start}:${count}`);
      const total = totals[state] ?? 0;
      const rows: JobRow[] = [];
      for (let i = start; i < Math.min(total, start + count); i += 1) rows.push(row(state === 'failed' ? 7 + i : total - i, state));
      return { total, start, rows };
    },
    getJob: async (queue: string, jobId: string): Promise<JobDetails | undefined> => {
      const n = Number(jobId);
      const base = row(n, n >= 7 && n < 10 ? 'failed' : 'completed');
      return detailsOf({ ...base, queue }, { dataPreview: `{"order":${n}}`, stack: ['PaymentDeclinedError: card declined', '    at charge (shop.ts:10:5)'] });
    },
    listTraces: async (): Promise<TraceSummary[]> => [
      { traceId: FAILED_TRACE, rootName: 'POST /checkout', startUs: 1_000_000, durationUs: 500_000, spanCount: 4, droppedSpans: 0, error: true, lastWriteMs: NOW - 5000 },
      { traceId: traceIdOf(8), rootName: 'POST /signup', startUs: 2_000_000, durationUs: 40_000, spanCount: 3, droppedSpans: 0, error: false, lastWriteMs: NOW - 9000 },
    ],
    readTrace: readsOf((traceId) => (traceId === FAILED_TRACE ? FAILED_SPANS : [])),
    relatedJobs: async (traceId: string): Promise<TraceJob[]> => [
      { queue: 'emails', jobId: '41', name: 'send-receipt', state: 'completed', attemptsMade: 1 },
      { queue: 'orders', jobId: traceId === FAILED_TRACE ? '7' : '8', name: 'charge-card', state: 'failed', attemptsMade: 2 },
    ],
    readClasses: async (queue: string, window): Promise<ClassSample> => ({ queue, window, jobs: [], read: { jobs: 0, traces: 0, capped: false } }),
    traceUrl: (traceId: string) => `http://jaeger.test/trace/${traceId}`,
    openUrl: async (url: string) => void opened.push(url),
    copy: async (text: string) => {
      copied.push(text);
      return { sentToTerminal: true };
    },
    hyperlink: (_url: string, text: string) => text,
    ...overrides,
  };
  return Object.assign(services, { calls, opened, copied });
}
