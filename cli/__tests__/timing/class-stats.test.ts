import { classStats, jobsOfClass, sortClasses } from '../../src/timing/class-stats';
import type { SampledJob } from '../../src/timing/class-stats';
import { LAST_JOBS, MAX_JOBS_PER_STATE, nextOf, selectWindow, windowBounds, CLASS_WINDOWS } from '../../src/timing/class-window';
import { distribution, percentile } from '../../src/timing/percentiles';

describe('percentiles', () => {
  it('are nearest-rank: every value is one that was measured', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 95, 99, 100].map((p) => percentile(sorted, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
    expect(distribution([3, undefined, 1, Number.NaN, 2])).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
    expect(distribution([])).toEqual({ count: 0 });
  });
});

describe('windows', () => {
  it('a time window keeps jobs finished since its start; "last N" the N newest of both states', () => {
    const now = 10_000_000;
    const jobs = [{ finishedOn: now - 1000 }, { finishedOn: now - 20 * 60_000 }, { finishedOn: now - 59 * 60_000 }, {}];
    expect(selectWindow(jobs, windowBounds('15m', now))).toEqual([{ finishedOn: now - 1000 }]);
    expect(selectWindow(jobs, windowBounds('1h', now))).toHaveLength(3);
    const many = Array.from({ length: LAST_JOBS + 50 }, (_, i) => ({ finishedOn: i }));
    const last = selectWindow(many, windowBounds('last-jobs', now));
    expect(last).toHaveLength(LAST_JOBS);
    expect(last[0]?.finishedOn).toBe(LAST_JOBS + 49);
    expect(windowBounds('15m', now).perState).toBe(MAX_JOBS_PER_STATE);
    expect(CLASS_WINDOWS.map((w) => nextOf(CLASS_WINDOWS, w))).toEqual(['1h', 'last-jobs', '15m']);
  });
});

function job(id: number, name: string, state: SampledJob['state'], waitMs: number | undefined, processMs: number | undefined, attemptsMade = 1): SampledJob {
  return {
    id: String(id), name, state, attemptsMade, finishedOn: id,
    timing: { attempts: [], source: 'job', ...(waitMs === undefined ? {} : { waitMs }), ...(processMs === undefined ? {} : { processMs, totalMs: (waitMs ?? 0) + processMs }) },
  };
}

describe('classes', () => {
  const jobs = [
    job(1, 'charge-card', 'failed', 3, 175, 2), job(2, 'charge-card', 'failed', 5, 120, 2), job(3, 'charge-card', 'completed', 2, 100),
    job(4, 'render-invoice', 'completed', 40, 2500), job(5, 'render-invoice', 'completed', 10, 1300),
    job(6, 'sync-crm', 'completed', undefined, undefined, 2),
  ];

  it('count, failure rate, retries and the wait and processing distributions per job name', () => {
    const stats = classStats(jobs);
    const card = stats.find((s) => s.name === 'charge-card');
    expect(card).toMatchObject({ jobs: 3, failed: 2, retried: 2, wait: { count: 3, p50: 3, p95: 5 }, processing: { count: 3, p50: 120, p99: 175 } });
    expect(card?.failureRate).toBeCloseTo(2 / 3);
    // A retried job without its spans has no known wait or processing: counted, not measured.
    expect(stats.find((s) => s.name === 'sync-crm')).toMatchObject({ jobs: 1, wait: { count: 0 }, processing: { count: 0 } });
  });

  it('sorts by jobs, failure rate, wait p95 or processing p95; lists the slowest or failed jobs of a class', () => {
    const stats = classStats(jobs);
    expect(sortClasses(stats, 'jobs').map((s) => s.name)).toEqual(['charge-card', 'render-invoice', 'sync-crm']);
    expect(sortClasses(stats, 'processing').map((s) => s.name)[0]).toBe('render-invoice');
    expect(sortClasses(stats, 'failures').map((s) => s.name)[0]).toBe('charge-card');
    expect(jobsOfClass(jobs, 'render-invoice', 'slowest').map((j) => j.id)).toEqual(['4', '5']);
    expect(jobsOfClass(jobs, 'charge-card', 'failed').map((j) => j.id)).toEqual(['2', '1']);
  });
});
