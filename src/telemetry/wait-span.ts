import { SpanKind } from '../otel-api';
import type { Attributes, Context, Tracer } from '@opentelemetry/api';
import { BullmqAttributes, BullmqNativeAttributes } from '../vocabulary';
import type { AttributePolicy } from './attribute-policy';
import type { JobFacts } from './job-facts';
import { startFilteredSpan } from './policy-span';
import { StartTemplates } from './start-templates';

/** The operation in a wait span's name. */
const WAIT_OPERATION = 'wait';

/** What a wait span is made of. */
export interface WaitSpanRequest {
  queue: string;
  facts: JobFacts;
  /** When the job became ready to run (epoch ms): the span's start. */
  readyAt: number;
  waitMs: number;
}

/** Templates for wait spans, whose one fixed attribute is the queue under BullMQ's key (see start-templates.ts). */
export function waitSpanTemplates(policy: AttributePolicy): StartTemplates {
  return new StartTemplates(policy, (_operation, queue) => ({ [BullmqNativeAttributes.queueName]: queue }));
}

/**
 * Records the `wait {queue}` span of a job: from when it became ready to when its attempt started, under `parent`.
 * Waiting is no messaging operation: the span carries BullMQ's keys only, no `messaging.*` (docs/spans.md).
 */
export function recordWaitSpan(tracer: Tracer, policy: AttributePolicy, templates: StartTemplates, request: WaitSpanRequest, parent: Context): void {
  const { queue, facts, readyAt, waitMs } = request;
  // The queue comes from the template once learnt: only the job's own values are filtered for each span.
  const own = addWaitAttributes({}, facts, waitMs);
  const start = templates.request(WAIT_OPERATION, queue, undefined, own, SpanKind.INTERNAL, readyAt);
  startFilteredSpan(tracer, policy, start, parent).end(readyAt + waitMs);
}

/** The rest of a wait span's attributes: the job's name, the wait, and its id. */
function addWaitAttributes(attributes: Attributes, facts: JobFacts, waitMs: number): Attributes {
  attributes[BullmqAttributes.jobName] = facts.name;
  attributes[BullmqAttributes.waitMs] = waitMs;
  if (facts.id !== undefined) attributes[BullmqNativeAttributes.jobId] = facts.id;
  return attributes;
}
