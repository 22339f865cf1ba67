import { MessagingAttributes } from '../vocabulary';
import { DeferredSpan } from './deferred-span';
import { FLOW_NODE_OPERATION } from './operations';

/** The sends of a flow: BullMQ builds every job in an `addNode` inside them, then writes them all at once. */
const FLOW_SENDS = new Set(['addFlow', 'addBulkFlows']);

/**
 * Whether `operation` is a flow's send (`addFlow`, `addBulkFlows`): its jobs have create spans of their own (their
 * `addNode`s), so it is not their creation context, and is a CLIENT span, as an `addBulk` with `createSpans` is.
 */
export function isFlowSend(operation: string): boolean {
  return FLOW_SENDS.has(operation);
}

/** Each `addNode` span's flow send, so that a child node (started inside its parent's `addNode`) finds it too. */
const sendOfNode = new WeakMap<DeferredSpan, DeferredSpan>();
/** Jobs counted so far per flow send. */
const jobsOfSend = new WeakMap<DeferredSpan, number>();

/**
 * Counts the job of the `addNode` span `node` on the flow send it runs in (`enclosing`: the span active when BullMQ
 * started it, the send itself or the parent node's `addNode`), as the send's `messaging.batch.message_count`: the
 * messages it wrote, where BullMQ's own `bullmq.job.bulk.count` counts flows. Runs for flow nodes only. A send
 * writing one job (a flow of one node) gets no count, as the conventions ask for single messages; an
 * `addBulkFlows` always does (it is a batch operation by its API).
 */
export function countFlowJob(node: DeferredSpan, enclosing: unknown): void {
  if (!(enclosing instanceof DeferredSpan)) return;
  const send = enclosing.operation === FLOW_NODE_OPERATION ? sendOfNode.get(enclosing) : isFlowSend(enclosing.operation) ? enclosing : undefined;
  if (send === undefined) return;
  sendOfNode.set(node, send);
  const jobs = (jobsOfSend.get(send) ?? 0) + 1;
  jobsOfSend.set(send, jobs);
  if (jobs > 1 || send.operation === 'addBulkFlows') send.setAttribute(MessagingAttributes.batchMessageCount, jobs);
}
