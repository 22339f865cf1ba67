import { context, SpanKind, trace } from '../otel-api';
import type { Attributes, Context, Span, SpanContext } from '@opentelemetry/api';
import type { BulkRewrite } from '../hooks';
import { BullmqAttributes, MESSAGING_SYSTEM, MessagingAttributes, ServerAttributes } from '../vocabulary';
import { CREATE_OPERATION } from './operations';
import type { PolicySpanRequest } from './policy-span';
import { serverAddressOf } from './server-address';
import { isRecord, recordOf, textOf } from './untrusted-values';

/** What {@link createMessageSpans} needs from a QueueOtel. */
export interface CreateSpanHost {
  /** The tracer core whose `addBulk` spans may link to the create spans. */
  readonly core: object;
  /** Starts one of QueueOtel's own spans through its policy, counted like the others. */
  startSpan(request: PolicySpanRequest, parent: Context): Span;
  /** The metadata written into a job for this context (`ContextManager.getMetadata`). */
  metadataOf(ctx: Context): string;
}

/** The creation contexts of one `addBulk`'s jobs, parked for the batch's span, which links to them. */
export class CreationContexts {
  constructor(
    readonly core: object,
    readonly contexts: SpanContext[],
  ) {}
}

/**
 * Gives each job of an `addBulk` a `create {queue}` span (PRODUCER, operation type `create`) under the caller's active
 * context, and writes that span's context into the job's copy as its trace metadata, so each job's trace starts at its
 * own creation span; the batch's `addBulk` span then links to them all (see TracerCore.start). Jobs that carry their
 * own metadata or `omitContext` keep it and get no create span, as the conventions ask for a custom creation context.
 * The caller's job objects are never changed. Undefined when no job got a span (then BullMQ adds the jobs as given).
 */
export function createMessageSpans(host: CreateSpanHost, queue: object, jobs: unknown): BulkRewrite | undefined {
  if (!Array.isArray(jobs) || jobs.length === 0) return undefined;
  const queueName = textOf((queue as { name?: unknown }).name) ?? '';
  const server = serverAddressOf(queue);
  const active = context.active();
  const contexts: SpanContext[] = [];
  const rewritten = (jobs as unknown[]).map((job) => {
    if (!isRecord(job)) return job;
    const opts = recordOf(job.opts);
    const telemetry = recordOf(opts.telemetry);
    if (telemetry.metadata || telemetry.omitContext) return job;
    const attributes: Attributes = {
      [MessagingAttributes.system]: MESSAGING_SYSTEM,
      [MessagingAttributes.destinationName]: queueName,
      [MessagingAttributes.operationName]: CREATE_OPERATION,
      [MessagingAttributes.operationType]: 'create',
    };
    const jobName = textOf(job.name);
    if (jobName !== undefined) attributes[BullmqAttributes.jobName] = jobName;
    if (server) {
      attributes[ServerAttributes.address] = server.address;
      if (server.port !== undefined) attributes[ServerAttributes.port] = server.port;
    }
    const span = host.startSpan({ operation: CREATE_OPERATION, queue: queueName, kind: SpanKind.PRODUCER, attributes, startTime: Date.now() }, active);
    span.end();
    const metadata = host.metadataOf(trace.setSpan(active, span));
    if (!metadata) return job;
    contexts.push(span.spanContext());
    return { ...job, opts: { ...opts, telemetry: { ...telemetry, metadata } } };
  });
  return contexts.length === 0 ? undefined : { jobs: rewritten, note: new CreationContexts(host.core, contexts) };
}
