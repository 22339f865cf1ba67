/**
 * The floor of BullMQ's telemetry interface: a `telemetry` option that does nothing. One shared span whose
 * methods do nothing, a context manager whose `with` only calls the function, no metadata written or read.
 * What it costs against no telemetry is what BullMQ itself does once any adapter is set (its `trace()`
 * wrappers, the calls into the adapter); everything an adapter costs above it is the adapter's own work.
 */
import type { Telemetry } from 'bullmq';

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
