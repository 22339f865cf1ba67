import { jobCriticalPath } from '../../src/tui/model/job-critical-path.js';
import { readOutcome, traceOutcome, outcomeMark } from '../../src/tui/model/trace-outcome.js';
import { buildWaterfall } from '../../src/tui/model/waterfall-rows.js';
import { gapBackoffUs } from '../../src/timing/job-timing.js';
import type { AttemptGap } from '../../src/timing/job-timing.js';
import { RETRIED_JOB, RETRIED_SPANS } from '../timing/retried-trace.js';

/** The job's fixed 300 ms backoff, as the trace view reads it from the job hash. */
const fromJob = (gap: AttemptGap): number | undefined => gapBackoffUs(gap, RETRIED_JOB.backoff, true);
import { FAILED_SPANS } from './fake-services.js';

const ids = (spans: typeof RETRIED_SPANS, names: string[]): string[] => names.map((name) => spans.find((s) => s.spanId.endsWith(name))?.spanId ?? name);

describe('the critical path of a failing, retried job', () => {
  it('runs along the job\'s real path: request, send, queue wait, both attempts and the backoff between them', () => {
    const path = jobCriticalPath(RETRIED_SPANS);
    expect([...path.ids].sort()).toEqual([...ids(RETRIED_SPANS, ['1', '2', '3', '4', '5']), 'gap:a000000000000005'].sort());
  });

  it('answers where the time went: the parts add up to the trace\'s duration', () => {
    const { breakdown } = jobCriticalPath(RETRIED_SPANS);
    expect(breakdown.processUs).toBe(282_000);
    expect(breakdown.backoffUs).toBe(305_000);
    expect(breakdown.waitUs).toBe(3_000);
    expect(breakdown.waitUs + breakdown.processUs + breakdown.backoffUs + breakdown.otherUs).toBe(591_000);
  });

  it('with the job\'s backoff option splits the gap as the job info does: 300 ms backoff, 5 ms queued again', () => {
    const { ids, breakdown } = jobCriticalPath(RETRIED_SPANS, fromJob);
    expect(breakdown).toMatchObject({ processUs: 282_000, backoffUs: 300_000, waitUs: 8_000 });
    expect(ids).toContain('gap:a000000000000005:wait');
  });

  it('is the classic path for a trace whose root ends last, and empty for no spans', () => {
    const sync = [
      { ...FAILED_SPANS[0]!, endUs: 2_000_000 },
      { ...FAILED_SPANS[1]!, endUs: 1_900_000 },
    ];
    expect([...jobCriticalPath(sync).ids].sort()).toEqual([FAILED_SPANS[0]!.spanId, FAILED_SPANS[1]!.spanId].sort());
    expect(jobCriticalPath([]).ids.size).toBe(0);
  });
});

describe('the waterfall rows', () => {
  it('label the backoff between two attempts and mark the retried attempt apart from the failed one', () => {
    const model = buildWaterfall(RETRIED_SPANS, 100, new Set());
    const labels = model.lines.map((line) => line.label.trim());
    expect(labels).toEqual([
      '▼ POST /checkout', '▼ add orders', 'wait orders', '[↻] process orders', '┄ backoff+wait → #2', '[!] process orders',
    ]);
    const gap = model.lines[4];
    expect(gap?.span).toBeUndefined();
    expect(gap?.duration.trim()).toBe('305ms');
    expect(gap?.critical).toBe(true);
    expect(model.lines[3]).toMatchObject({ retried: true, error: false });
    expect(model.lines[5]).toMatchObject({ retried: false, error: true });
    expect(model).toMatchObject({ spanCount: 5, errors: 1, retried: 1 });
  });

  it('split the gap into its backoff and the queue wait after it when the job\'s backoff option is known', () => {
    const model = buildWaterfall(RETRIED_SPANS, 100, new Set(), fromJob);
    const gaps = model.lines.filter((line) => line.gap);
    expect(gaps.map((line) => [line.label.trim(), line.duration.trim(), line.wait])).toEqual([['┄ backoff → #2', '300ms', false], ['┄ queued → #2', '5ms', true]]);
  });

  it('keep the trace\'s span count when spans are folded', () => {
    const model = buildWaterfall(RETRIED_SPANS, 100, new Set(['a000000000000002']));
    expect(model.lines).toHaveLength(2);
    expect(model.spanCount).toBe(5);
  });

  it('draw every span of a trace that holds each span twice, each line with an id of its own, the gap once', () => {
    // A backend that returns every span twice, the copies ending later: each copy has a bar of its own.
    const copies = RETRIED_SPANS.map((span) => ({ ...span, endUs: span.endUs + 1_000 }));
    const model = buildWaterfall([...RETRIED_SPANS, ...copies], 100, new Set());
    const spanLines = model.lines.filter((line) => line.span);
    expect(spanLines).toHaveLength(10);
    expect(new Set(model.lines.map((line) => line.id)).size).toBe(model.lines.length);
    expect(model.lines.filter((line) => line.gap)).toHaveLength(1);
    for (const span of RETRIED_SPANS) expect(spanLines.filter((line) => line.span?.spanId === span.spanId)).toHaveLength(2);
    expect(model.lines.map((line) => line.id)).toContain(`${RETRIED_SPANS[0]?.spanId ?? ''}#2`);
  });
});

test('a trace whose only errors are retried attempts is ↻, not ✗', () => {
  const recovered = RETRIED_SPANS.slice(0, 4);
  expect(outcomeMark(traceOutcome(recovered))).toBe('↻');
  expect(outcomeMark(traceOutcome(RETRIED_SPANS))).toBe('✗');
  expect(outcomeMark(traceOutcome(RETRIED_SPANS.slice(0, 3)))).toBe('✓');
});

test('of an incomplete read only a failure is final: retried or no error becomes ?, as the missing spans may hold one', () => {
  const partial = (spans: typeof RETRIED_SPANS) => readOutcome({ spans, partial: true });
  expect(outcomeMark(partial(RETRIED_SPANS))).toBe('✗');
  expect(outcomeMark(partial(RETRIED_SPANS.slice(0, 4)))).toBe('?');
  expect(outcomeMark(partial(RETRIED_SPANS.slice(0, 3)))).toBe('?');
  expect(outcomeMark(readOutcome({ spans: RETRIED_SPANS.slice(0, 4), partial: false }))).toBe('↻');
});

// The layout is synchronous: jest's timeout cannot stop it, but it fails the test when the layout outlasts it,
// as the test then waits for a timer (due after the timeout's).
const afterTimers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

test('a trace of 150,000 spans gets a line each, where spreading their times overflowed the call stack', async () => {
  const [first] = FAILED_SPANS;
  if (!first) throw new Error('FAILED_SPANS is empty');
  // Every span a root (a partial trace): one attempt of one job after another, each ending before the next starts.
  const { parentSpanId: _parent, ...root } = first;
  const spans = Array.from({ length: 150_000 }, (_, i) => ({ ...root, spanId: i.toString(16).padStart(16, '0'), startUs: first.startUs + 10 * i, endUs: first.startUs + 10 * i + 5 }));
  const model = buildWaterfall(spans, 100, new Set());
  await afterTimers();
  expect(model.lines).toHaveLength(150_000);
  expect(model.lines.at(-1)?.startUs).toBe(first.startUs + 10 * 149_999);
});

test('a job retried 20,000 times gets a line per attempt and per gap, its attempts on the critical path', async () => {
  const [first] = FAILED_SPANS;
  if (!first) throw new Error('FAILED_SPANS is empty');
  const { parentSpanId: _parent, ...root } = first;
  // Looking at every span for every step of the critical path took minutes for this many.
  const attempts = 20_000;
  const spans = Array.from({ length: attempts }, (_, i) => ({
    ...root, name: 'process orders', status: 'error' as const, spanId: (i + 1).toString(16).padStart(16, '0'),
    attributes: { 'bullmq.job.id': '7', 'messaging.destination.name': 'orders', 'bullmq.job.attempt': i + 1 },
    startUs: 10 * i, endUs: 10 * i + 5,
  }));
  const model = buildWaterfall(spans, 100, new Set());
  await afterTimers();
  expect(model.lines.filter((line) => line.span)).toHaveLength(attempts);
  expect(model.lines.filter((line) => line.gap)).toHaveLength(attempts - 1);
  expect(model.lines.every((line) => line.critical)).toBe(true);
});
