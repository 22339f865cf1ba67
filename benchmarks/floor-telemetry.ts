/**
 * The floor of BullMQ's telemetry interface: a `telemetry` option that does nothing. One shared span whose
 * methods do nothing, a context manager whose `with` only calls the function, no metadata written or read.
 * What it costs against no telemetry is what BullMQ itself does once any adapter is set (its `trace()`
 * wrappers, the calls into the adapter); everything an adapter costs above it is the adapter's own work.
 */
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, Span, Tracer } from '@opentelemetry/api';
import type { Telemetry } from 'bullmq';
import type { LightInternals } from './library';

/** BullMQ's numbers for an INTERNAL span and for a CONSUMER span (a job's process span). */
const INTERNAL = 0;
const CONSUMER = 4;

const EMPTY_CONTEXT = Object.freeze({});

const silentSpan = {
  setSpanOnContext: (ctx: unknown): unknown => ctx,
  setAttribute: (): void => undefined,
  setAttributes: (): void => undefined,
  addEvent: (): void => undefined,
  recordException: (): void => undefined,
  end: (): void => undefined,
};

/** A new do-nothing telemetry option (the `floor` benchmark mode). */
export function floorTelemetry(): Telemetry {
  return floorWithMetadata('');
}

/**
 * The floor of an adapter that marks unsampled jobs, as QueueOtel's default `lean` producers do: the same
 * do-nothing option, writing `0` as every job's metadata (the `floor-mark` mode). BullMQ then stores and parses
 * the mark with each job, which no adapter that carries a decision can avoid.
 */
export function floorMarkTelemetry(): Telemetry {
  return floorWithMetadata('0');
}

function floorWithMetadata(metadata: string): Telemetry {
  return {
    tracer: { startSpan: () => silentSpan },
    contextManager: {
      with: <A extends (...args: unknown[]) => unknown>(_ctx: unknown, fn: A): ReturnType<A> => fn() as ReturnType<A>,
      active: () => EMPTY_CONTEXT,
      getMetadata: () => metadata,
      fromMetadata: () => EMPTY_CONTEXT,
    },
  } as unknown as Telemetry;
}

/** Makes the span of one BullMQ span (or of a wait span, with kind INTERNAL). */
type SpanMaker = (name: string, kind: number, startTime: number, parent: Context) => Span;

/** A BullMQ span that only carries `span` in its context and ends it: no attribute, event or exception is kept. */
class CarrierSpan {
  constructor(
    private readonly span: Span,
    private readonly root: Context,
  ) {}
  setSpanOnContext(ctx: Context): Context {
    return trace.setSpan(ctx === ROOT_CONTEXT ? this.root : ctx, this.span);
  }
  setAttribute(): void {}
  setAttributes(): void {}
  addEvent(): void {}
  recordException(): void {}
  end(): void {
    this.span.end();
  }
}

/**
 * The floor of an adapter that traces every job as QueueOtel does by default (the `floor-trace` mode): for each span
 * BullMQ asks for but INTERNAL ones, one SDK span through the public API (`tracer.startSpan`; no attributes, events or
 * sanitizing) that BullMQ's context carries, and a `wait` span beside each process span; every span goes through the
 * sampler and the span processor. Each job carries its W3C `traceparent` as metadata, written and read back by
 * slicing. What a job costs with it is the least the same trace shape costs through the SDK's public API, before any
 * attribute (QueueOtel's own spans, src/light-span, skip the SDK's `SpanImpl`).
 */
export function floorTraceTelemetry(tracer: Tracer): Telemetry {
  return floorTracing((name, kind, startTime, parent) => tracer.startSpan(name, { kind, startTime }, parent), ROOT_CONTEXT);
}

/**
 * The same trace shape made as QueueOtel makes it, without a single attribute (the `floor-light` mode): QueueOtel's
 * own spans (`startLightSpan`, which skips the SDK's `SpanImpl` yet calls the same sampler and processors) and its
 * light contexts (a node per entry instead of the API's copied Map). The least QueueOtel's machinery costs before it
 * writes anything.
 */
export function floorLightTelemetry(tracer: Tracer, light: LightInternals): Telemetry {
  const policy = light.attributePolicy(false);
  const makeSpan: SpanMaker = (name, kind, startTime, parent) =>
    light.startLightSpan(tracer, name, { kind, startTime }, parent, policy) ?? tracer.startSpan(name, { kind, startTime }, parent);
  return floorTracing(makeSpan, light.LIGHT_ROOT);
}

/**
 * `floor-light` without spans (the `floor-context` mode): the same light contexts, entered the same way, and the same
 * metadata, carrying one fixed sampled span context that records nothing. What tracing costs a job before any span
 * is made: context tracking, the context entries and the metadata.
 */
export function floorContextTelemetry(light: LightInternals): Telemetry {
  const carried = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
  return floorTracing(() => carried, light.LIGHT_ROOT);
}

/** An adapter making each span with `makeSpan`, whose contexts grow from `root` (what replaces the API's empty one). */
function floorTracing(makeSpan: SpanMaker, root: Context): Telemetry {
  const rooted = (ctx: Context): Context => (ctx === ROOT_CONTEXT ? root : ctx);
  const startSpan = (name: string, options: { kind?: number } | undefined, ctx: Context | undefined): unknown => {
    const kind = options?.kind ?? INTERNAL;
    // QueueOtel records no INTERNAL spans by default (`internalSpans`): neither does its floor.
    if (kind === INTERNAL) return silentSpan;
    const parent = rooted(ctx ?? (kind === CONSUMER ? ROOT_CONTEXT : context.active()));
    const startTime = Date.now();
    const span = makeSpan(name, kind, startTime, parent);
    if (kind === CONSUMER) makeSpan(`wait ${name.slice(name.indexOf(' ') + 1)}`, INTERNAL, startTime, parent).end(startTime);
    return new CarrierSpan(span, root);
  };
  return {
    tracer: { startSpan },
    contextManager: {
      with: <A extends (...args: unknown[]) => unknown>(ctx: Context, fn: A): ReturnType<A> => context.with(ctx, fn as () => ReturnType<A>),
      active: () => context.active(),
      getMetadata: (ctx: Context): string => {
        const span = trace.getSpanContext(ctx);
        return span ? `00-${span.traceId}-${span.spanId}-0${span.traceFlags & 1}` : '';
      },
      fromMetadata: (ctx: Context, metadata: string): Context => {
        if (typeof metadata !== 'string' || metadata.length !== 55) return ctx;
        const traceFlags = metadata.charCodeAt(54) === 49 ? 1 : 0;
        return trace.setSpanContext(rooted(ctx), { traceId: metadata.slice(3, 35), spanId: metadata.slice(36, 52), traceFlags, isRemote: true });
      },
    },
  } as unknown as Telemetry;
}
