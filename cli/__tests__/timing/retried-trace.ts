/**
 * A failing trace as QueueOtel records it for a job with two attempts and a fixed 300 ms backoff: the request
 * enqueues it, it waits 3 ms, the first attempt fails after 175 ms and is retried, 305 ms later (300 ms backoff,
 * then 5 ms queued) the second attempt fails after 107 ms. Times in µs from 1 s.
 */
import type { TraceSpan } from 'queue-otel/traces';

/** The trace id of the fixture. */
export const RETRIED_TRACE = 'b'.repeat(32);

const ms = (value: number): number => 1_000_000 + value * 1000;

function span(partial: Partial<TraceSpan> & Pick<TraceSpan, 'spanId' | 'name' | 'startUs' | 'endUs'>): TraceSpan {
  return { traceId: RETRIED_TRACE, kind: 'internal', status: 'unset', serviceName: 'shop', attributes: {}, events: [], links: [], ...partial };
}

const jobAttributes = { 'messaging.destination.name': 'orders', 'messaging.message.id': '46', 'bullmq.job.id': '46', 'bullmq.job.name': 'charge-card' };

/** Root, send, wait, attempt 1 (retried), attempt 2 (failed). */
export const RETRIED_SPANS: TraceSpan[] = [
  span({ spanId: 'a000000000000001', name: 'POST /checkout', kind: 'server', startUs: ms(0), endUs: ms(2.18) }),
  span({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'add orders', kind: 'producer', startUs: ms(0.5), endUs: ms(1.65) }),
  span({ spanId: 'a000000000000003', parentSpanId: 'a000000000000002', name: 'wait orders', startUs: ms(1), endUs: ms(4), attributes: { ...jobAttributes, 'bullmq.job.wait_ms': 3 } }),
  span({
    spanId: 'a000000000000004', parentSpanId: 'a000000000000002', name: 'process orders', kind: 'consumer', startUs: ms(4), endUs: ms(179),
    status: 'error', statusMessage: 'card declined', serviceName: 'worker',
    attributes: { ...jobAttributes, 'bullmq.job.attempt': 1, 'bullmq.job.outcome': 'retried', 'bullmq.job.wait_ms': 3 },
  }),
  span({
    spanId: 'a000000000000005', parentSpanId: 'a000000000000002', name: 'process orders', kind: 'consumer', startUs: ms(484), endUs: ms(591),
    status: 'error', statusMessage: 'card declined', serviceName: 'worker',
    attributes: { ...jobAttributes, 'bullmq.job.attempt': 2, 'bullmq.job.outcome': 'failed' },
  }),
];

/** The job hash of the same job (ms): enqueued at 1 s + 1 ms, last attempt started at +484 ms, ended at +591 ms. */
export const RETRIED_JOB = {
  id: '46', queue: 'orders', timestamp: 1001, processedOn: 1484, finishedOn: 1591, attemptsMade: 2,
  backoff: { type: 'fixed', delay: 300 },
};
