/** Picks where waterfalls are read from: the Redis span store (default) or a tracing backend. */
import type { Redis } from 'ioredis';
import { SpanStore } from 'queue-otel/store';
import { JaegerTraceSource, TempoTraceSource, ZipkinTraceSource } from 'queue-otel/traces';
import type { TraceSource } from 'queue-otel/traces';
import type { CliSettings } from './settings';

/** The span store (always: it also lists traces) and the source waterfalls are read from. */
export interface TraceSources {
  store: SpanStore;
  source: TraceSource;
}

/** Builds the trace sources for the settings over a shared client. */
export function createTraceSources(client: Redis, settings: CliSettings): TraceSources {
  const store = new SpanStore({ connection: client, keyPrefix: settings.keyPrefix });
  const baseUrl = settings.traceUrl ?? '';
  switch (settings.traceSource) {
    case 'jaeger':
      return { store, source: new JaegerTraceSource({ baseUrl }) };
    case 'tempo':
      return { store, source: new TempoTraceSource({ baseUrl }) };
    case 'zipkin':
      return { store, source: new ZipkinTraceSource({ baseUrl }) };
    default:
      return { store, source: store };
  }
}
