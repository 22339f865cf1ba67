import { createNoopMeter, ProxyTracer } from '../otel-api';
import type { Attributes, Context, Link, SamplingResult, SpanContext, SpanKind, Tracer } from '@opentelemetry/api';
import type { ReadableSpan, Span as SdkSpan } from '@opentelemetry/sdk-trace-base';
import type { SdkSpanLimits } from './span-limits';

/** The environment variable that switches the fast path off (`off`, `false` or `0`): every span then goes through `tracer.startSpan`. */
export const FAST_PATH_ENV = 'QUEUE_OTEL_SDK_FAST_PATH';

/**
 * What the fast path reads from an SDK 2.x `Tracer` (`@opentelemetry/sdk-trace` 2.x, which sdk-trace-base and
 * sdk-trace-node re-export). These are the tracer's own fields, not public API: they are checked once per tracer
 * and the public API is used whenever one is missing or of another shape.
 */
export interface LightSpanHost {
  sampler: { shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult };
  idGenerator: { generateTraceId(): string; generateSpanId(): string };
  spanProcessor: { onStart(span: SdkSpan, context: Context): void; onEnding?(span: SdkSpan): void; onEnd(span: ReadableSpan): void };
  spanLimits: SdkSpanLimits;
  resource: ReadableSpan['resource'];
  instrumentationScope: ReadableSpan['instrumentationScope'];
  /**
   * The tracer's `otel.sdk.span.*` metrics, called as the tracer calls them so that they count these spans too;
   * undefined when both counters are the API's no-op ones (the provider's default without a `meterProvider`),
   * where a call would only allocate its attributes and its end callback.
   */
  metrics: { startSpan(parent: SpanContext | undefined, decision: number): () => void } | undefined;
}

/** The fields of the SDK's Tracer, all unknown until checked. */
interface TracerFields {
  _sampler?: unknown;
  _idGenerator?: unknown;
  _spanProcessor?: unknown;
  _spanLimits?: unknown;
  _resource?: unknown;
  instrumentationScope?: unknown;
  _tracerMetrics?: unknown;
}

const LIMIT_KEYS: Array<keyof SdkSpanLimits> = [
  'attributeCountLimit',
  'attributeValueLengthLimit',
  'eventCountLimit',
  'linkCountLimit',
  'attributePerEventCountLimit',
  'attributePerLinkCountLimit',
];

/** Per tracer object: its host, or null when it must go through the public API. Weak, so that tracers are not kept alive. */
const hosts = new WeakMap<object, LightSpanHost | null>();

/**
 * The fast path's view of `tracer`, or undefined when spans must be started through `tracer.startSpan`: the fast
 * path is switched off, the tracer is not the SDK's (or is a subclass, or has its `startSpan` replaced, whose
 * behaviour the fast path would skip), or one of the fields it reads is missing or not of the expected shape.
 * A ProxyTracer (the global provider's) is looked through to its delegate each time, since that changes once an
 * SDK registers; everything else is decided once per tracer.
 */
export function lightSpanHost(tracer: Tracer): LightSpanHost | undefined {
  const real = tracer instanceof ProxyTracer ? delegateOf(tracer) : tracer;
  if (real === undefined) return undefined;
  let host = hosts.get(real);
  if (host === undefined) {
    host = fastPathEnabled() ? readHost(real) : null;
    hosts.set(real, host);
  }
  return host ?? undefined;
}

/** Whether the environment leaves the fast path on (read once per tracer, when it is first seen). */
function fastPathEnabled(): boolean {
  const value = process.env[FAST_PATH_ENV]?.trim().toLowerCase();
  return value !== 'off' && value !== 'false' && value !== '0';
}

function delegateOf(proxy: ProxyTracer): Tracer | undefined {
  const resolve = (proxy as unknown as { _getTracer?: unknown })._getTracer;
  return typeof resolve === 'function' ? (resolve.call(proxy) as Tracer) : undefined;
}

function readHost(tracer: Tracer): LightSpanHost | null {
  if (!isPlainSdkTracer(tracer)) return null;
  const fields = tracer as TracerFields;
  const sampler = fields._sampler;
  const ids = fields._idGenerator;
  const processor = fields._spanProcessor;
  const limits = fields._spanLimits;
  const scope = fields.instrumentationScope;
  const metrics = fields._tracerMetrics;
  if (!hasFunctions(sampler, 'shouldSample') || !hasFunctions(ids, 'generateTraceId', 'generateSpanId')) return null;
  if (!hasFunctions(processor, 'onStart', 'onEnd') || !hasFunctions(metrics, 'startSpan')) return null;
  const ending = (processor as { onEnding?: unknown }).onEnding;
  if (ending !== undefined && typeof ending !== 'function') return null;
  if (!isLimits(limits) || !isObject(fields._resource) || !isObject(scope) || typeof (scope as { name?: unknown }).name !== 'string') return null;
  return {
    sampler: sampler as LightSpanHost['sampler'],
    idGenerator: ids as LightSpanHost['idGenerator'],
    spanProcessor: processor as LightSpanHost['spanProcessor'],
    spanLimits: limits,
    resource: fields._resource as LightSpanHost['resource'],
    instrumentationScope: scope as LightSpanHost['instrumentationScope'],
    metrics: recordsNothing(metrics) ? undefined : (metrics as LightSpanHost['metrics']),
  };
}

/** Whether the tracer's metrics write to the API's no-op counters only (identity: the API hands out singletons). */
function recordsNothing(metrics: unknown): boolean {
  const noop = createNoopMeter();
  const { startedSpans, liveSpans } = metrics as { startedSpans?: unknown; liveSpans?: unknown };
  return startedSpans === noop.createCounter('') && liveSpans === noop.createUpDownCounter('');
}

/**
 * An instance of a class named `Tracer` that extends nothing, with `startSpan` on that class and not on the
 * instance: the SDK's own tracer. A subclass or a patched instance may do more in `startSpan` than the fast path
 * reproduces, so it keeps the public API.
 */
function isPlainSdkTracer(tracer: Tracer): boolean {
  const proto: unknown = Object.getPrototypeOf(tracer);
  if (!isObject(proto) || Object.getPrototypeOf(proto) !== Object.prototype) return false;
  if ((proto as { constructor?: { name?: unknown } }).constructor?.name !== 'Tracer') return false;
  return Object.prototype.hasOwnProperty.call(proto, 'startSpan') && !Object.prototype.hasOwnProperty.call(tracer, 'startSpan');
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function hasFunctions(value: unknown, ...names: string[]): boolean {
  return isObject(value) && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** Limits the fast path applies as the SDK does: each a number or absent. */
function isLimits(value: unknown): value is SdkSpanLimits {
  if (!isObject(value)) return false;
  const limits = value as Record<string, unknown>;
  return LIMIT_KEYS.every((key) => limits[key] === undefined || typeof limits[key] === 'number');
}
