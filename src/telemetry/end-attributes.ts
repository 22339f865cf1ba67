import type { Attributes, AttributeValue, Span } from '@opentelemetry/api';
import { BullmqAttributes, BullmqNativeAttributes, MessagingAttributes } from '../vocabulary';
import type { DeferredSpan } from './deferred-span';
import { waitMsOf } from './job-facts';
import type { JobFacts } from './job-facts';
import { textOf } from './untrusted-values';

/**
 * Where a recording span's end attributes go, one key at a time. Each key is written once: what a job's facts say
 * (its name and id, read from the job itself) is not also written from BullMQ's attributes.
 */
export interface EndAttributeSink {
  /** One of BullMQ's own attributes, as BullMQ set it (any value: it was never checked). */
  bullmq(key: string, value: AttributeValue | undefined): void;
  /** A key a span may have started with: the job's name, attempt and scheduler. */
  sampled(key: string, value: AttributeValue): void;
  /** Any other key QueueOtel derives. */
  derived(key: string, value: AttributeValue): void;
}

/**
 * Writes BullMQ's own keys, their convention twins and the job facts of `span` into `sink`. `sampled` receives only
 * the keys of {@link jobSamplingAttributes}; no key reaches the sink twice.
 */
export function writeEndAttributes(span: DeferredSpan, sink: EndAttributeSink): void {
  const pending = span.pendingAttributes;
  const job = span.job;
  // The job's facts give its name always, and its id when it has one: BullMQ's copies of them are left out.
  const factsId = job !== undefined && job.id !== undefined;
  for (const key in pending) {
    if (job !== undefined && (key === BullmqAttributes.jobName || (factsId && key === BullmqNativeAttributes.jobId))) continue;
    sink.bullmq(key, pending[key]);
  }
  const count = pending[BullmqNativeAttributes.bulkCount];
  // BullMQ's count is of jobs on `addBulk` but of flows on `addBulkFlows`, whose jobs flow-jobs.ts counts instead.
  if (typeof count === 'number' && span.operation !== 'addBulkFlows') sink.derived(MessagingAttributes.batchMessageCount, count);
  if (!factsId) {
    const jobId = textOf(pending[BullmqNativeAttributes.jobId]);
    if (jobId !== undefined) sink.derived(MessagingAttributes.messageId, jobId);
  }
  // The worker BullMQ names on its process spans: its name when it has one, else its id.
  const clientId = textOf(pending[BullmqNativeAttributes.workerName]) || textOf(pending[BullmqNativeAttributes.workerId]);
  if (clientId) sink.derived(MessagingAttributes.clientId, clientId);
  if (job) writeJobAttributes(sink, job);
}

function writeJobAttributes(sink: EndAttributeSink, facts: JobFacts): void {
  sink.sampled(BullmqAttributes.jobName, facts.name);
  sink.sampled(BullmqAttributes.attempt, facts.attempt);
  sink.derived(BullmqAttributes.priority, facts.priority);
  if (facts.id !== undefined) {
    sink.derived(MessagingAttributes.messageId, facts.id);
    sink.derived(BullmqNativeAttributes.jobId, facts.id);
  }
  if (facts.delayMs > 0) sink.derived(BullmqAttributes.delayMs, facts.delayMs);
  if (facts.deduplicationId !== undefined) sink.derived(BullmqAttributes.deduplicationId, facts.deduplicationId);
  if (facts.tenant !== undefined) sink.derived(BullmqAttributes.tenant, facts.tenant);
  if (facts.schedulerId !== undefined) sink.sampled(BullmqAttributes.jobSchedulerId, facts.schedulerId);
  if (facts.parentId !== undefined) sink.derived(BullmqAttributes.parentJobId, facts.parentId);
  if (facts.stalledAttempts > 0) sink.derived(BullmqAttributes.stalled, facts.stalledAttempts);
  const wait = waitMsOf(facts);
  if (wait !== undefined) sink.derived(BullmqAttributes.waitMs, wait);
}

/**
 * Writes straight into a recording span (which applies its policy to each value), leaving out what the span already
 * holds from its start: neither filtered nor counted a second time. `start` holds the span's own start attributes,
 * `fixed` its fixed ones, both before the policy (the two share no key, and only BullMQ's keys can meet `fixed`).
 */
export class SpanSink implements EndAttributeSink {
  constructor(
    private readonly span: Span,
    private readonly start: Attributes,
    private readonly fixed: Attributes,
  ) {}

  bullmq(key: string, value: AttributeValue | undefined): void {
    if (value === undefined || value === null || value === this.start[key] || value === this.fixed[key]) return;
    this.span.setAttribute(key, value);
  }

  sampled(key: string, value: AttributeValue): void {
    if (value !== this.start[key]) this.span.setAttribute(key, value);
  }

  derived(key: string, value: AttributeValue): void {
    this.span.setAttribute(key, value);
  }
}

/** Writes into an attributes object, later keys over earlier ones (the sampling attributes it may start with). */
export class ObjectSink implements EndAttributeSink {
  constructor(readonly attributes: Attributes) {}

  bullmq(key: string, value: AttributeValue | undefined): void {
    this.attributes[key] = value;
  }

  sampled(key: string, value: AttributeValue): void {
    this.attributes[key] = value;
  }

  derived(key: string, value: AttributeValue): void {
    this.attributes[key] = value;
  }
}
