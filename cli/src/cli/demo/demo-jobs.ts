/** The demo's job mix: what the producer adds and how the workers handle each kind. */
import type { Job } from 'bullmq';

/** Queues the demo uses. */
export const DEMO_QUEUES = ['orders', 'emails'] as const;

/** A declined payment: an application error with its own class, so `error.type` is meaningful. */
export class PaymentDeclinedError extends Error {
  /** @param message why the card was declined */
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclinedError';
  }
}

/** A flaky downstream that works on the next attempt: drives retries. */
export class UpstreamTimeoutError extends Error {
  /** @param message what timed out */
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamTimeoutError';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The workers' processor: the job name decides how long it takes and whether it fails. */
export async function processDemoJob(job: Job): Promise<unknown> {
  switch (job.name) {
    case 'send-receipt':
    case 'reserve-stock':
      await sleep(20 + Math.random() * 60);
      return { ok: true };
    case 'render-invoice':
      await sleep(1200 + Math.random() * 1500);
      return { pages: 3 };
    case 'charge-card':
      await sleep(80 + Math.random() * 120);
      throw new PaymentDeclinedError(`card declined for order ${String((job.data as { order?: unknown }).order)}`);
    case 'sync-crm':
      await sleep(100 + Math.random() * 200);
      if (job.attemptsMade === 0) throw new UpstreamTimeoutError('CRM did not answer within 100ms');
      return { synced: true };
    default:
      await sleep(30 + Math.random() * 100);
      return { ok: true };
  }
}
