import type { ContextManager, Span, Tracer } from 'bullmq';

/**
 * The smallest tracer and context manager BullMQ accepts, so a test can give BullMQ a meter (BullMQ only
 * reads `telemetry.meter` when a whole telemetry object is set). Contexts are plain objects; nothing is kept.
 */
type NoopContext = Record<string, never>;

const ROOT: NoopContext = {};

const noopSpan: Span<NoopContext> = {
  setSpanOnContext: (ctx) => ctx,
  setAttribute: () => undefined,
  setAttributes: () => undefined,
  addEvent: () => undefined,
  recordException: () => undefined,
  end: () => undefined,
};

export const noopTracer: Tracer<NoopContext> = { startSpan: () => noopSpan };

export const noopContextManager: ContextManager<NoopContext> = {
  with: (_ctx, fn) => fn(),
  active: () => ROOT,
  root: () => ROOT,
  getMetadata: () => '',
  fromMetadata: (active) => active,
};
