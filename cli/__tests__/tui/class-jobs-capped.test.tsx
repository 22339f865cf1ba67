/** A row of a class's jobs whose trace the refresh did not read (its cap) says `capped`, not `-`. */
import { classJobLine } from '../../src/tui/components/class-jobs-view.js';
import type { SampledJob } from '../../src/timing/class-stats.js';

const job = (extra: Partial<SampledJob>): SampledJob => ({
  id: '2', name: 'charge-card', state: 'failed', attemptsMade: 2, finishedOn: 1_000, traceId: 'a'.repeat(32),
  timing: { attempts: [{ attempt: 1 }, { attempt: 2 }], totalMs: 708, source: 'job' }, ...extra,
});

it('shows capped in wait, processing and backoff of a capped job, - where the spans did not time it', () => {
  expect(classJobLine(job({ untimed: 'capped' }), 120, 2_000)).toMatch(/failed\s+2\s+capped\s+capped\s+capped\s+708ms/);
  expect(classJobLine(job({}), 120, 2_000)).toMatch(/failed\s+2\s+-\s+-\s+-\s+708ms/);
});
