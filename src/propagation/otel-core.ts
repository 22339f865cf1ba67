import type * as OtelCoreModule from '@opentelemetry/core';
import type { Context } from '@opentelemetry/api';

type OtelCore = typeof OtelCoreModule;

let core: OtelCore | undefined;

/**
 * `@opentelemetry/core`, loaded on first use. It is a third of what `require('queue-otel')` would otherwise load
 * (its W3C propagator and the tracing-suppression flag are all QueueOtel needs of it), so the root import stays
 * small and the package is read when the first job's context is written or read.
 */
export function otelCore(): OtelCore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, see above
  return (core ??= require('@opentelemetry/core') as OtelCore);
}

let suppressed: OtelCore['isTracingSuppressed'] | undefined;

/**
 * `isTracingSuppressed` of `@opentelemetry/core`, looked up once: the package's CommonJS exports are getters on an
 * object V8 keeps in dictionary mode (see src/otel-api), and sends ask this for every job they write.
 */
export function isTracingSuppressed(ctx: Context): boolean {
  return (suppressed ??= otelCore().isTracingSuppressed)(ctx);
}
