import { propagation } from '../otel-api';
import type { TextMapPropagator } from '@opentelemetry/api';
import { otelCore } from './otel-core';

let w3c: TextMapPropagator | undefined;

function w3cPropagator(): TextMapPropagator {
  return (w3c ??= new (otelCore().W3CTraceContextPropagator)());
}

/**
 * The propagator to inject and extract with: the injected one, else the globally registered one,
 * else W3C trace context. The fallback matters: with no SDK-registered propagator the global one is
 * a no-op, and an adapter that trusts it writes `{}` into every job and silently breaks traces.
 *
 * The global propagator is looked up on each call (cheaply) because applications often register
 * their SDK after constructing queues.
 */
export function resolvePropagator(injected: TextMapPropagator | undefined): () => TextMapPropagator {
  if (injected) return () => injected;
  return () => (propagation.fields().length > 0 ? (propagation as TextMapPropagator) : w3cPropagator());
}
