import { context, defaultTextMapGetter, ROOT_CONTEXT } from '../otel-api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { decodeMetadata } from './metadata-codec';
import { resolvePropagator } from './propagator';
import { isUnsampledMetadata, unsampledRemoteContext } from './unsampled-metadata';

/** The parts of a job (BullMQ `Job`, `SandboxedJob` or its JSON) that carry trace context. */
export interface JobWithMetadata {
  opts?: { telemetry?: { metadata?: string }; tm?: string } | undefined;
}

/** The property `key` of `value` when `value` is an object, without trusting its type. */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The trace context a job carries, as an OpenTelemetry context; an empty context when the job has
 * none or it is unusable. For a job inside a QueueOtel worker (also in a sandboxed child process)
 * this is the context of the worker's process span. Never throws, whatever the job holds.
 */
export function jobContext(job: JobWithMetadata, propagator?: TextMapPropagator): Context {
  try {
    const opts = field(job, 'opts');
    const metadata = field(field(opts, 'telemetry'), 'metadata') ?? field(opts, 'tm');
    if (typeof metadata !== 'string') return ROOT_CONTEXT;
    // A job its producer did not sample: spans made for it must not start traces of their own.
    if (isUnsampledMetadata(metadata)) return unsampledRemoteContext();
    const decoded = decodeMetadata(metadata);
    if (!decoded.ok) return ROOT_CONTEXT;
    return resolvePropagator(propagator)().extract(ROOT_CONTEXT, decoded.carrier, defaultTextMapGetter);
  } catch {
    // A job object with throwing getters, or a propagator that throws: the handler runs without a parent.
    return ROOT_CONTEXT;
  }
}

/**
 * Runs `fn` inside the job's trace context, so spans it creates (and outbound calls an
 * instrumentation traces) join the job's trace. Meant for sandboxed processors, which run in a child
 * process where the worker's context is not active. `fn` runs exactly once, also when the job's
 * metadata is unusable (then in an empty context).
 *
 * @example
 * // processor.js, used as `new Worker('q', path.join(__dirname, 'processor.js'), { telemetry })`
 * module.exports = (job) => runInJobContext(job, () => handle(job));
 */
export function runInJobContext<T>(job: JobWithMetadata, fn: () => T, propagator?: TextMapPropagator): T {
  return context.with(jobContext(job, propagator), fn);
}
