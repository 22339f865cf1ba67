/**
 * What QueueOtel knows about each BullMQ operation. BullMQ names its spans `"{operation} {destination}"`
 * and passes only the kind; the operation decides the span's semantic-convention name, whether it
 * belongs to a job's trace or to background work, and which attempt outcome it settles.
 */

import type { AttemptOutcome } from '../vocabulary';

/** Producer operations and the messaging operation name they map to. */
const PRODUCER_OPERATIONS: Record<string, string> = {
  add: 'send',
  addBulk: 'send',
  addFlow: 'send',
  addNode: 'send',
  addBulkFlows: 'send',
  retryJobs: 'send',
};

/** INTERNAL operations that act on one job inside its processing and so belong to its trace. */
const JOB_SCOPED_INTERNAL = new Set(['complete', 'fail', 'retry', 'delay', 'getNextJob', 'updateJobProgress', 'moveToWaitingChildren']);

/** INTERNAL operations that settle an attempt, with the outcome they stand for. */
const SETTLE_OUTCOMES: Record<string, AttemptOutcome> = {
  complete: 'completed',
  fail: 'failed',
  retry: 'retried',
  delay: 'retried',
};

/** `table[key]` for an own key only: operation names come from BullMQ's span names, not from this code. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Splits BullMQ's span name into operation and destination. */
export function parseSpanName(name: string): { operation: string; destination: string } {
  const space = name.indexOf(' ');
  return space < 0 ? { operation: name, destination: '' } : { operation: name.slice(0, space), destination: name.slice(space + 1) };
}

/** The messaging operation name (`send`, `process`, `settle`) for a BullMQ operation. */
export function messagingOperation(operation: string): string {
  if (operation === 'process') return 'process';
  if (Object.hasOwn(SETTLE_OUTCOMES, operation)) return 'settle';
  return own(PRODUCER_OPERATIONS, operation) ?? operation;
}

/** Whether an INTERNAL operation runs on behalf of one job (and may join its trace). */
export function isJobScoped(operation: string): boolean {
  return JOB_SCOPED_INTERNAL.has(operation);
}

/** The attempt outcome an INTERNAL settle operation stands for, if it is one. */
export function settleOutcome(operation: string): AttemptOutcome | undefined {
  return own(SETTLE_OUTCOMES, operation);
}
