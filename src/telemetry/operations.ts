/**
 * What QueueOtel knows about each BullMQ operation. BullMQ names its spans `"{operation} {destination}"` and
 * passes only the kind; the operation is the span's `messaging.operation.name` as it is (`add`, `addBulk`,
 * `process`, `complete` ...), and decides its operation type, its kind, whether it belongs to a job's trace or to
 * background work, and which attempt outcome it settles.
 */

import { SpanKind } from '../otel-api';
import type { AttemptOutcome } from '../vocabulary';

/** The conventions' operation types QueueOtel writes (`messaging.operation.type`). */
export type OperationType = 'create' | 'send' | 'process' | 'settle';

/**
 * Producer operations: each hands one or more jobs to Redis (operation type `send`). A flow's `addNode` is not one:
 * BullMQ only builds a node's job there, which `addFlow`/`addBulkFlows` then write all at once, and the job carries
 * the `addNode` span's context, so it is the job's creation context (operation type `create`).
 */
const SEND_OPERATIONS = new Set(['add', 'addBulk', 'addFlow', 'addBulkFlows', 'retryJobs']);

/** BullMQ's operation that creates one flow node's job, its creation context (see {@link SEND_OPERATIONS}). */
export const FLOW_NODE_OPERATION = 'addNode';

/** INTERNAL operations that act on one job inside its processing and so belong to its trace. */
const JOB_SCOPED_INTERNAL = new Set(['complete', 'fail', 'retry', 'delay', 'getNextJob', 'updateJobProgress', 'moveToWaitingChildren']);

/**
 * INTERNAL operations that settle an attempt, with the outcome they stand for. A Map: operation names come from
 * BullMQ's span names, and `constructor` must find nothing.
 */
const SETTLE_OUTCOMES = new Map<string, AttemptOutcome>([
  ['complete', 'completed'],
  ['fail', 'failed'],
  ['retry', 'retried'],
  ['delay', 'retried'],
]);

/** The operation of a per-message creation span (the `createSpans` option). */
export const CREATE_OPERATION = 'create';

const DOT = 46;

/**
 * The job name in an `add`'s destination, which BullMQ writes as `{queue}.{jobName}`; undefined when the destination
 * is not the queue's. Checked without building the prefix: it runs for every send.
 */
export function jobNameInDestination(destination: string, queue: string): string | undefined {
  if (destination.charCodeAt(queue.length) !== DOT || !destination.startsWith(queue)) return undefined;
  return destination.slice(queue.length + 1);
}

/** BullMQ's span name, split. */
export interface SpanName {
  readonly operation: string;
  readonly destination: string;
}

/** Names kept once split: operations times queues, so few; past this the memory starts again (queue names are user data). */
const MAX_SPLIT_NAMES = 256;
const splitNames = new Map<string, SpanName>();

/**
 * Splits BullMQ's span name into operation and destination. The same few names come back for every job (`process
 * emails`, `complete emails`): each is split once, and later calls cost a lookup instead of an object and two strings.
 */
export function parseSpanName(name: string): SpanName {
  let split = splitNames.get(name);
  if (split === undefined) {
    const space = name.indexOf(' ');
    split = Object.freeze(space < 0 ? { operation: name, destination: '' } : { operation: name.slice(0, space), destination: name.slice(space + 1) });
    if (splitNames.size >= MAX_SPLIT_NAMES) splitNames.clear();
    splitNames.set(name, split);
  }
  return split;
}

/** Names kept by their parts: destination, then operation (see {@link spanNameOf}). */
const namesByParts = new Map<string, Map<string, SpanName>>();

/**
 * BullMQ's span name from the parts it was built from (parked by the hooks): the same object {@link parseSpanName}
 * gives, found by the destination (usually the queue's own name, whose hash V8 keeps) and the operation (a literal)
 * without reading the fresh name. Bounded as `parseSpanName` is.
 */
export function spanNameOf(operation: string, destination: string): SpanName {
  let byOperation = namesByParts.get(destination);
  if (byOperation === undefined) {
    if (namesByParts.size >= MAX_SPLIT_NAMES) namesByParts.clear();
    byOperation = new Map();
    namesByParts.set(destination, byOperation);
  }
  let split = byOperation.get(operation);
  if (split === undefined) {
    split = Object.freeze({ operation, destination });
    if (byOperation.size >= MAX_SPLIT_NAMES) byOperation.clear();
    byOperation.set(operation, split);
  }
  return split;
}

/**
 * The conventions' operation type of a BullMQ operation; undefined for BullMQ's other operations (lock renewal,
 * stalled checks, pause ...), which the conventions have no type for.
 */
export function operationTypeOf(operation: string): OperationType | undefined {
  if (operation === 'process') return 'process';
  if (SEND_OPERATIONS.has(operation)) return 'send';
  if (SETTLE_OUTCOMES.has(operation)) return 'settle';
  return operation === CREATE_OPERATION || operation === FLOW_NODE_OPERATION ? 'create' : undefined;
}

/**
 * The span kind the conventions give an operation type: PRODUCER for create and send (a send span is the jobs'
 * creation context, unless per-message create spans are: `createSpans`, a flow's `addNode`s; the tracer then makes it
 * CLIENT), CONSUMER for process, CLIENT for settle;
 * `fallback` (BullMQ's kind) for operations without a type.
 */
export function spanKindOf(type: OperationType | undefined, fallback: SpanKind): SpanKind {
  switch (type) {
    case 'create':
    case 'send':
      return SpanKind.PRODUCER;
    case 'process':
      return SpanKind.CONSUMER;
    case 'settle':
      return SpanKind.CLIENT;
    default:
      return fallback;
  }
}

/** Whether an INTERNAL operation runs on behalf of one job (and may join its trace). */
export function isJobScoped(operation: string): boolean {
  return JOB_SCOPED_INTERNAL.has(operation);
}

/** The attempt outcome an INTERNAL settle operation stands for, if it is one. */
export function settleOutcome(operation: string): AttemptOutcome | undefined {
  return SETTLE_OUTCOMES.get(operation);
}
