import { attemptGaps, backoffBefore, gapBackoffUs, jobTiming, timingFromJob, timingFromSpans } from '../../src/timing/job-timing';
import { RETRIED_JOB, RETRIED_SPANS } from './retried-trace';

const round = (value: number | undefined): number | undefined => (value === undefined ? undefined : Math.round(value * 10) / 10);

describe('backoff before an attempt', () => {
  it('is BullMQ\'s: none retries at once, fixed, exponential doubling from the delay; unknown with jitter or a custom strategy', () => {
    expect(backoffBefore(undefined, 2)).toBe(0);
    expect(backoffBefore(250, 2)).toBe(250);
    expect(backoffBefore({ type: 'fixed', delay: 300 }, 3)).toBe(300);
    expect([2, 3, 4].map((attempt) => backoffBefore({ type: 'exponential', delay: 100 }, attempt))).toEqual([100, 200, 400]);
    expect(backoffBefore({ type: 'fixed', delay: 300, jitter: 0.5 }, 2)).toBeUndefined();
    expect(backoffBefore({ type: 'linear-ish', delay: 300 }, 2)).toBeUndefined();
    expect(backoffBefore('soon' as never, 2)).toBeUndefined();
  });
});

describe('a job that ran once', () => {
  it('waits from enqueue plus delay to its start and processes from start to end, from its hash alone', () => {
    const timing = timingFromJob({ id: '1', queue: 'q', timestamp: 1000, delayMs: 200, processedOn: 1250, finishedOn: 1400, attemptsMade: 1 });
    expect(timing).toMatchObject({ source: 'job', waitMs: 50, processMs: 150, backoffMs: 0, totalMs: 200 });
  });
});

describe('a retried job', () => {
  it('from its hash alone: only the last attempt\'s processing is known, its wait is not guessed', () => {
    const timing = timingFromJob(RETRIED_JOB);
    expect(timing.source).toBe('job');
    expect(timing.attempts).toHaveLength(2);
    expect(timing.attempts[1]?.processMs).toBe(107);
    // processedOn - ready (483 ms) mixes the first attempt, the backoff and the second wait: not a wait.
    expect(timing.waitMs).toBeUndefined();
    expect(timing.processMs).toBeUndefined();
    expect(timing.totalMs).toBe(590);
  });

  it('from its spans: wait, processing and backoff per attempt, and totals that add up to its time from ready to end', () => {
    const timing = timingFromSpans(RETRIED_SPANS, RETRIED_JOB);
    expect(timing?.source).toBe('spans');
    expect(timing?.attempts.map((a) => [a.attempt, round(a.waitMs), round(a.processMs), round(a.backoffMs), a.outcome])).toEqual([
      [1, 3, 175, 0, 'retried'],
      [2, 5, 107, 300, 'failed'],
    ]);
    expect(round(timing?.waitMs)).toBe(8);
    expect(round(timing?.processMs)).toBe(282);
    expect(round(timing?.backoffMs)).toBe(300);
    expect(round(timing?.totalMs)).toBe(590);
    expect(round((timing?.waitMs ?? 0) + (timing?.processMs ?? 0) + (timing?.backoffMs ?? 0))).toBe(round(timing?.totalMs));
  });

  it('without the backoff option the whole gap is backoff only when the strategy is unknown; with none it is all wait', () => {
    const unknown = timingFromSpans(RETRIED_SPANS, { ...RETRIED_JOB, backoff: { type: 'custom' } });
    expect(round(unknown?.attempts[1]?.backoffMs)).toBe(305);
    const none = timingFromSpans(RETRIED_SPANS, { ...RETRIED_JOB, backoff: undefined });
    expect(round(none?.attempts[1]?.waitMs)).toBe(305);
  });

  it('uses the spans only when they cover every attempt the hash counts', () => {
    const firstOnly = RETRIED_SPANS.filter((span) => span.spanId !== 'a000000000000005');
    expect(timingFromSpans(firstOnly, RETRIED_JOB)).toBeUndefined();
    expect(jobTiming(RETRIED_JOB, firstOnly).source).toBe('job');
    expect(jobTiming(RETRIED_JOB, RETRIED_SPANS).source).toBe('spans');
    // Another job's spans in the same trace (a flow) are not this job's attempts.
    expect(timingFromSpans(RETRIED_SPANS, { ...RETRIED_JOB, id: '47' })).toBeUndefined();
  });

  it('the gap between its attempts is one labelled gap', () => {
    expect(attemptGaps(RETRIED_SPANS)).toEqual([
      { id: 'gap:a000000000000005', beforeSpanId: 'a000000000000004', afterSpanId: 'a000000000000005', job: 'orders\u000046', attempt: 2, startUs: 1_179_000, endUs: 1_484_000 },
    ]);
    const [gap] = attemptGaps(RETRIED_SPANS);
    // Its backoff part, from the job's option; unknown without the job or with a random backoff.
    expect(gap && gapBackoffUs(gap, RETRIED_JOB.backoff, true)).toBe(300_000);
    expect(gap && gapBackoffUs(gap, RETRIED_JOB.backoff, false)).toBeUndefined();
    expect(gap && gapBackoffUs(gap, { type: 'fixed', delay: 300, jitter: 0.2 }, true)).toBeUndefined();
  });

  it('survives hostile span attributes and job facts', () => {
    const hostile = RETRIED_SPANS.map((span) => ({ ...span, attributes: { ...span.attributes, 'bullmq.job.attempt': 'x', 'bullmq.job.wait_ms': -5 } }));
    expect(() => jobTiming({ ...RETRIED_JOB, backoff: { type: {}, delay: 'slow' } as never }, hostile)).not.toThrow();
  });
});
