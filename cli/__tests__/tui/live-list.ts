/**
 * A list that changes while a test looks at it, served the way the real reader serves it (services.ts over
 * queue-reader.ts): a page by row number, or around a followed job wherever it is now.
 */
import type { FollowJob, JobPage, JobRow } from '../../src/cli/services-types.js';
import { traceIdOf } from './fake-services.js';

/** Failed jobs of `orders`, newest first; `arrive` and `remove` change it between reads. */
export class LiveJobList {
  ids: number[];

  /** @param ids job numbers, newest first */
  constructor(ids: number[]) {
    this.ids = [...ids];
  }

  /** New jobs at the top (the newest last in `ids`). */
  arrive(...ids: number[]): void {
    this.ids = [...[...ids].reverse(), ...this.ids];
  }

  remove(id: number): void {
    this.ids = this.ids.filter((each) => each !== id);
  }

  private row(n: number): JobRow {
    return { queue: 'orders', id: String(n), name: 'charge-card', state: 'failed', attemptsMade: 1, attempts: 1, traceId: traceIdOf(n), timestamp: 0 };
  }

  /** What `listJobs` returns. */
  page(start: number, count: number, follow?: FollowJob): JobPage {
    const total = this.ids.length;
    const rank = follow ? this.ids.indexOf(Number(follow.jobId)) : -1;
    const from = rank >= 0 ? rank - (follow?.offset ?? 0) : start;
    const first = Math.max(0, Math.min(from, Math.max(0, total - count)));
    const rows = this.ids.slice(first, first + count).map((n) => this.row(n));
    return { total, start: first, rows, ...(follow ? { follow: { jobId: follow.jobId, index: rank >= 0 ? rank : undefined } } : {}) };
  }
}
