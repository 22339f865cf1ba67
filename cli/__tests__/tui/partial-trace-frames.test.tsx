/**
 * A trace its source returned only part of (Tempo `PARTIAL`, Jaeger errors next to spans, spans the span store
 * dropped) is shown as such wherever the UI shows it or judges it from its spans: a line over the waterfall and under
 * the job info's trace line, saying so and why, and in the trace list a `?` instead of a mark the missing spans could
 * contradict. A complete trace has none of them.
 */
import type { TraceSummary } from 'queue-otel/store';
import type { TraceRead } from 'queue-otel/traces';
import { PAYLOADS, VISIBLE, rawControls } from '../support/terminal-payloads.js';
import { RETRIED_SPANS } from '../timing/retried-trace.js';
import { FAILED_SPANS, FAILED_TRACE, fakeServices, traceIdOf } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const WHY = 'trace exceeds max size (max bytes: 5000000)';
const NOTE = 'incomplete trace: Tempo returned only part of it';
const complete = (spans: TraceRead['spans']): TraceRead => ({ spans, partial: false, warnings: [] });

/** Tempo answering the failed trace (job 7's) as PARTIAL with `warning`. */
function partialTempo(warning = WHY): ReturnType<typeof fakeServices> {
  return fakeServices({
    traceSourceName: 'Tempo',
    readTrace: async (traceId) => (traceId === FAILED_TRACE ? { spans: FAILED_SPANS, partial: true, warnings: [warning] } : complete([])),
  });
}

describe.each([160, 80])('at %i columns', (columns) => {
  it('the waterfall of a partial trace starts with the incomplete line, the spans still drawn', async () => {
    app = renderApp(partialTempo(), columns, 34);
    await app.waitFor('orders');
    await app.press('T');
    await app.waitFor('POST /checkout');
    await app.press(KEYS.enter);

    const frame = await app.waitFor(NOTE);

    expect(frame).toContain('critical path');
  });

  it('a complete trace has no such line', async () => {
    app = renderApp(fakeServices(), columns, 34);
    await app.waitFor('orders');
    await app.press('T');
    await app.waitFor('POST /checkout');
    await app.press(KEYS.enter);

    const frame = await app.waitFor('critical path');

    expect(frame).not.toContain('incomplete trace');
  });

  it('the job info of a job whose trace is partial has the same line, under its trace line', async () => {
    app = renderApp(partialTempo(), columns, 34, { kind: 'job', queue: 'orders', jobId: '7' });

    const frame = await app.waitFor([NOTE, 'Trace      4 spans · 1 error span']);

    const lines = frame.split('\n');
    const note = lines.findIndex((line) => line.includes(NOTE));
    expect(lines[note - 1]).toContain('Trace      4 spans');
    expect(lines[note]).toMatch(/^│incomplete trace: Tempo returned only part of it/);
    if (columns >= 100) expect(frame).toContain(`${NOTE} (${WHY})`);
  });

  it('the job info of a job whose trace is complete has no such line', async () => {
    app = renderApp(fakeServices(), columns, 34, { kind: 'job', queue: 'orders', jobId: '7' });

    const frame = await app.waitFor('Trace      4 spans · 1 error span');

    expect(frame).not.toContain('incomplete trace');
  });
});

it('the job info shows a backend\'s warning with its control characters escaped', async () => {
  app = renderApp(partialTempo(`cut${PAYLOADS.title}${PAYLOADS.clear}`), 160, 34, { kind: 'job', queue: 'orders', jobId: '7' });

  const frame = await app.waitFor(`${NOTE} (cut${VISIBLE.title}${VISIBLE.clear})`);

  expect(rawControls(frame, { sgr: true, osc8: true })).toEqual([]);
});

describe('the trace list', () => {
  const summary = (n: number, name: string): TraceSummary => ({
    traceId: traceIdOf(n), rootName: name, startUs: 0, durationUs: 591_000, spanCount: 5, droppedSpans: 0, error: true, lastWriteMs: Date.now() - n * 1000,
  });
  const retriedOnly = RETRIED_SPANS.slice(0, 4); // the second attempt's failure is not among them
  const reads: Record<string, TraceRead> = {
    [traceIdOf(1)]: { spans: retriedOnly, partial: true, warnings: [WHY] },
    [traceIdOf(2)]: { spans: RETRIED_SPANS, partial: true, warnings: [WHY] },
    [traceIdOf(3)]: complete(retriedOnly),
    [traceIdOf(4)]: { spans: [], partial: true, warnings: [WHY] },
  };
  const services = (): ReturnType<typeof fakeServices> => fakeServices({
    traceSourceName: 'Tempo',
    listTraces: async () => [summary(1, 'POST /partial'), summary(2, 'POST /failed'), summary(3, 'POST /recovered'), summary(4, 'POST /empty')],
    readTrace: async (traceId) => reads[traceId] ?? complete([]),
  });

  it('marks an error trace ? when the part read shows no failure, ✗ when it shows one, ↻ only when complete', async () => {
    app = renderApp(services(), 160, 34, { kind: 'traces', focus: 'list', listSelected: 1, spanSelected: 0, folded: [], details: false });

    const frame = await app.waitFor(['↻ POST /recovered', '? POST /partial']);

    expect(frame).toMatch(/│ \? POST \/partial /);
    expect(frame).toMatch(/│›✗ POST \/failed /);
    expect(frame).toMatch(/│ ↻ POST \/recovered /);
    expect(frame).toMatch(/│ \? POST \/empty /);
  });

  it('a ? trace, highlighted, has the incomplete line over its waterfall, which says why', async () => {
    app = renderApp(services(), 160, 34, { kind: 'traces', focus: 'list', listSelected: 0, spanSelected: 0, folded: [], details: false });

    const frame = await app.waitFor(['? POST /partial', `${NOTE} (${WHY})`]);

    expect(frame).toContain('[↻] process orders');
  });
});
