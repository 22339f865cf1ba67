import type { DeferredSpan } from './deferred-span';
import { syncSlot } from '../hooks';

/**
 * The process span of a job that runs outside any trace context (`unsampledJobs: 'lean'`), while
 * BullMQ's processing callback runs synchronously.
 *
 * Such a job's span is never put into the active context: entering a context is what costs (on Node 20,
 * AsyncLocalStorage's promise hooks for every promise of the process from then on). The worker hook
 * still needs the span, to hand it the job and the handler's error for the metrics. BullMQ calls the
 * processor synchronously from the start of its callback, so the span is parked for exactly that stretch.
 */
const untraced = syncSlot<DeferredSpan>();

/** Runs `fn` with `span` as the untraced process span for its synchronous part. */
export function runUntraced<T>(span: DeferredSpan, fn: () => T): T {
  return untraced.run(span, fn);
}

/** The untraced process span whose callback is running right now, if any. */
export function untracedProcessSpan(): DeferredSpan | undefined {
  return untraced.current();
}
