/**
 * The trace list's `›` marks the trace the waterfall draws, or nothing: a trace opened from a job that is older
 * than the newest traces the list holds is said to be missing, never stood in for by the newest row.
 */
import type { TraceSummary } from 'queue-otel/store';
import { FAILED_TRACE, fakeServices, traceIdOf } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const summary = (n: number): TraceSummary => ({
  traceId: traceIdOf(n), rootName: `POST /t${n}`, startUs: 0, durationUs: 1000, spanCount: 1, droppedSpans: 0, error: false, lastWriteMs: Date.now(),
});

/** The lines of the frame with a `›` in the trace list (its rows start with `│›`). */
const markedRows = (frame: string): string[] => frame.split('\n').filter((line) => /^│›/.test(line));

it.each([160, 80])('at %i columns, T on a job whose trace is not among the listed ones marks no row and says so', async (columns) => {
  // The list holds three newer traces, not the failed job's.
  const services = fakeServices({ listTraces: async () => [12, 11, 10].map(summary) });
  app = renderApp(services, columns, 35, { kind: 'job', queue: 'orders', jobId: '7' }, 150);
  await app.waitFor(`trace ${FAILED_TRACE}`);
  await app.press('T');
  const frame = await app.waitFor(['POST /t12', 'process orders', 'drawn trace not among the 3 newest']);
  // Before: `›` on `POST /t12`, the newest row, while the waterfall drew another trace.
  expect(markedRows(frame)).toEqual([]);
  await app.press('t');
  expect(services.copied).toEqual([FAILED_TRACE]);
});

it('marks the drawn trace when it is in the list, wherever the list selection was', async () => {
  const services = fakeServices({ listTraces: async () => [12, 11, 7].map(summary) });
  app = renderApp(services, 160, 35, { kind: 'job', queue: 'orders', jobId: '7' }, 150);
  await app.waitFor(`trace ${FAILED_TRACE}`);
  await app.press('T');
  const frame = await app.waitFor(['POST /t12', 'process orders']);
  expect(markedRows(frame)).toHaveLength(1);
  expect(markedRows(frame)[0]).toContain('POST /t7');
  expect(frame).not.toContain('drawn trace not among');
  // Esc leaves the waterfall opened from the job for the job again.
  await app.press(KEYS.escape);
  await app.waitFor('orders › job 7');
});
