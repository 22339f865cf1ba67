import { SpanKind } from '@opentelemetry/api';
import type { Attributes, Context, Tracer } from '@opentelemetry/api';
import { newSpanAttributes } from '../light-span';
import { BullmqAttributes, BullmqNativeAttributes } from '../vocabulary';
import { filterAttributesInto } from './attribute-policy';
import type { AttributePolicy } from './attribute-policy';
import type { JobFacts } from './job-facts';
import { filterSpanRequest, startFilteredSpan } from './policy-span';
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
  const template = queue === '' ? undefined : templates.find(WAIT_OPERATION, queue, undefined);
  if (template === undefined) {
    const attributes = addWaitAttributes({ [BullmqNativeAttributes.queueName]: queue }, facts, waitMs);
    const filtered = filterSpanRequest(policy, { operation: WAIT_OPERATION, queue, kind: SpanKind.INTERNAL, attributes, startTime: readyAt });
    templates.learn(WAIT_OPERATION, queue, undefined, filtered.name, filtered.attributes);
    startFilteredSpan(tracer, policy, filtered, parent).end(readyAt + waitMs);
    return;
  }
  // The queue comes from the template, learnt from the first wait span; only the job's own values are filtered.
  const attributes = newSpanAttributes();
  templates.copyInto(template, attributes);
  filterAttributesInto(attributes, policy, addWaitAttributes({}, facts, waitMs));
  startFilteredSpan(tracer, policy, { name: template.name, kind: SpanKind.INTERNAL, attributes, startTime: readyAt }, parent).end(readyAt + waitMs);
}

/** The rest of a wait span's attributes: the job's name, the wait, and its id. */
function addWaitAttributes(attributes: Attributes, facts: JobFacts, waitMs: number): Attributes {
  attributes[BullmqAttributes.jobName] = facts.name;
  attributes[BullmqAttributes.waitMs] = waitMs;
  if (facts.id !== undefined) attributes[BullmqNativeAttributes.jobId] = facts.id;
  return attributes;
}
