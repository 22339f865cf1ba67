import type { Attributes } from '@opentelemetry/api';
import { BullmqAttributes, BullmqNativeAttributes, MessagingAttributes } from '../vocabulary';
import type { DeferredSpan } from './deferred-span';
import { waitMsOf } from './job-facts';
import type { JobFacts } from './job-facts';
import { jobNameInDestination } from './operations';
import { fixedStartAttributes } from './start-templates';
import { textOf } from './untrusted-values';

// What QueueOtel's spans carry, built from a deferred span: the attributes a sampler sees at the start, and
// everything else a recording span gets when it ends (see TracerCore.decorate).

/**
 * The attributes a span starts with: what the conventions ask for at creation, for samplers. The operation name is
 * BullMQ's own (`add`, `addBulk`, `process`, `complete` ...).
 */
export function samplingAttributes(span: DeferredSpan, queue: string): Attributes {
  return jobSamplingAttributes(span, queue, fixedStartAttributes(span.operation, queue, span.server));
}

/**
 * Adds to `attributes` the sampling attributes that differ from span to span (job name, attempt, scheduler): what
 * follows the fixed ones of a start template (see start-templates.ts).
 */
export function jobSamplingAttributes(span: DeferredSpan, queue: string, attributes: Attributes): Attributes {
  const jobName = jobNameOf(span, queue);
  if (jobName !== undefined) attributes[BullmqAttributes.jobName] = jobName;
  if (span.job) attributes[BullmqAttributes.attempt] = span.job.attempt;
  // Tells the sampler that this is one iteration of a schedule: a trace of its own, decided on its own.
  if (span.job?.schedulerId !== undefined) attributes[BullmqAttributes.jobSchedulerId] = span.job.schedulerId;
  return attributes;
}

/** The job name a sampler sees. BullMQ's own attributes hold whatever the job had: only text reaches the sampler. */
export function jobNameOf(span: DeferredSpan, queue: string): string | undefined {
  return span.job?.name ?? producerJobName(span, queue) ?? textOf(span.pendingAttributes[BullmqAttributes.jobName]);
}

/** Adds BullMQ's own keys, their convention twins and the job facts to the sampling attributes. */
export function allAttributes(span: DeferredSpan, pending: Attributes, attributes: Attributes): Attributes {
  for (const key in pending) attributes[key] = pending[key];
  const count = pending[BullmqNativeAttributes.bulkCount];
  if (typeof count === 'number') attributes[MessagingAttributes.batchMessageCount] = count;
  const jobId = textOf(pending[BullmqNativeAttributes.jobId]);
  if (jobId !== undefined) attributes[MessagingAttributes.messageId] = jobId;
  // The worker BullMQ names on its process spans: its name when it has one, else its id.
  const clientId = textOf(pending[BullmqNativeAttributes.workerName]) || textOf(pending[BullmqNativeAttributes.workerId]);
  if (clientId) attributes[MessagingAttributes.clientId] = clientId;
  if (span.job) addJobAttributes(attributes, span.job);
  return attributes;
}

function addJobAttributes(attributes: Attributes, facts: JobFacts): Attributes {
  attributes[BullmqAttributes.jobName] = facts.name;
  attributes[BullmqAttributes.attempt] = facts.attempt;
  attributes[BullmqAttributes.priority] = facts.priority;
  if (facts.id !== undefined) {
    attributes[MessagingAttributes.messageId] = facts.id;
    attributes[BullmqNativeAttributes.jobId] = facts.id;
  }
  if (facts.delayMs > 0) attributes[BullmqAttributes.delayMs] = facts.delayMs;
  if (facts.deduplicationId !== undefined) attributes[BullmqAttributes.deduplicationId] = facts.deduplicationId;
  if (facts.tenant !== undefined) attributes[BullmqAttributes.tenant] = facts.tenant;
  if (facts.schedulerId !== undefined) attributes[BullmqAttributes.jobSchedulerId] = facts.schedulerId;
  if (facts.parentId !== undefined) attributes[BullmqAttributes.parentJobId] = facts.parentId;
  if (facts.stalledAttempts > 0) attributes[BullmqAttributes.stalled] = facts.stalledAttempts;
  const wait = waitMsOf(facts);
  if (wait !== undefined) attributes[BullmqAttributes.waitMs] = wait;
  return attributes;
}

function producerJobName(span: DeferredSpan, queue: string): string | undefined {
  return span.operation === 'add' ? jobNameInDestination(span.destination, queue) : undefined;
}
