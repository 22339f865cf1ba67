/**
 * One story per job (issue 21, item 6): the job info and the waterfall of a retried job tell the same wait,
 * processing and backoff; and a retried-then-completed trace is not marked like a failed one (item 7).
 */
import type { TraceSummary } from 'queue-otel/store';
import { jobTiming } from '../../src/timing/job-timing.js';
import { RETRIED_JOB, RETRIED_SPANS, RETRIED_TRACE } from '../timing/retried-trace.js';
import { FAILED_TRACE, detailsOf, fakeServices, readsOf } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const JOB = detailsOf({ queue: 'orders', id: '46', name: 'charge-card', state: 'failed', attemptsMade: 2, attempts: 2, timestamp: 1001, traceId: RETRIED_TRACE }, {
  times: RETRIED_JOB, timing: jobTiming(RETRIED_JOB),
});

function services(): ReturnType<typeof fakeServices> {
  return fakeServices({
    getJob: async (_queue, id) => (id === '46' ? JOB : undefined),
    readTrace: readsOf((traceId) => (traceId === RETRIED_TRACE ? RETRIED_SPANS : [])),
  });
}

it('the job info and the waterfall of a retried job give the same wait, processing and backoff, per attempt', async () => {
  app = renderApp(services(), 160, 40, { kind: 'job', queue: 'orders', jobId: '46' });
  const info = await app.waitFor('wait and processing above are timed from them');
  expect(info).toMatch(/Wait\s+8ms \(3ms \+ 5ms\)/);
  expect(info).toMatch(/Processing\s+282ms \(175ms \+ 107ms\)/);
  expect(info).toMatch(/Backoff\s+300ms/);
  expect(info).toContain('#1 wait 3ms · processing 175ms · retried');
  expect(info).toContain('#2 backoff 300ms · wait 5ms · processing 107ms · failed');
  expect(info).toMatch(/Total\s+590ms/);
  await app.press('T');
  const waterfall = await app.waitFor('┄ queued → #2');
  expect(waterfall).toMatch(/wait orders.*\s3ms│/);
  expect(waterfall).toMatch(/┄ backoff → #2.*\s300ms│/);
  expect(waterfall).toMatch(/┄ queued → #2.*\s5ms│/);
  expect(waterfall).toMatch(/\[↻\] process orders.*\s175ms│/);
  expect(waterfall).toMatch(/\[!\] process orders.*\s107ms│/);
  expect(waterfall).toContain('critical path: backoff 300ms · processing 282ms · queue wait 8ms');
});

it('the trace list marks a trace whose only error is a retried attempt ↻, a failed one ✗, and the trace opened from a job ›', async () => {
  const summary = (traceId: string, name: string): TraceSummary => ({ traceId, rootName: name, startUs: 0, durationUs: 591_000, spanCount: 5, droppedSpans: 0, error: true, lastWriteMs: Date.now() });
  const recovered = 'c'.repeat(32);
  app = renderApp(fakeServices({
    getJob: async (_queue, id) => (id === '46' ? JOB : undefined),
    listTraces: async () => [summary(recovered, 'POST /recovered'), summary(RETRIED_TRACE, 'POST /failed'), summary(FAILED_TRACE, 'POST /other')],
    readTrace: readsOf((traceId) => (traceId === RETRIED_TRACE ? RETRIED_SPANS : traceId === recovered ? RETRIED_SPANS.slice(0, 4) : [])),
  }), 140, 30, { kind: 'job', queue: 'orders', jobId: '46' });
  await app.waitFor(`trace ${RETRIED_TRACE}`);
  await app.press('T');
  const frame = await app.waitFor('↻ POST /recove');
  expect(frame).toMatch(/│›✗ POST \/failed.*bbbbbb│/);
  expect(frame).toMatch(/│ ↻ POST \/recove.*cccccc│/);
  await app.press(KEYS.escape);
  // The job view is drawn anew, its title before the job has been read (again): wait for the job's trace line too.
  expect(await app.waitFor(['Job 46 · orders', `trace ${RETRIED_TRACE}`])).toContain('failed');
});
