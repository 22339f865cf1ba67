import type { Attributes } from '@opentelemetry/api';
import { BullmqAttributes } from '../vocabulary';
import type { DeferredSpan } from './deferred-span';
import { jobNameInDestination } from './operations';
import { fixedStartAttributes } from './start-templates';
import { textOf } from './untrusted-values';

// What QueueOtel's spans start with, built from a deferred span: the attributes a sampler sees (the rest, which a
// recording span gets when it ends, is written by end-attributes.ts).

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

function producerJobName(span: DeferredSpan, queue: string): string | undefined {
  return span.operation === 'add' ? jobNameInDestination(span.destination, queue) : undefined;
}
