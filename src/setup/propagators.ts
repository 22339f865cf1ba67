import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { EnvWarn } from './env-parsers';
import { loadOnDemand } from './load-on-demand';

interface B3Module {
  B3Propagator: new (config?: { injectEncoding?: number }) => TextMapPropagator;
}
interface JaegerModule {
  JaegerPropagator: new () => TextMapPropagator;
}

// B3's inject encodings, as @opentelemetry/propagator-b3's enum numbers them.
const B3_SINGLE_HEADER = 0;
const B3_MULTI_HEADER = 1;

const FACTORIES: Record<string, () => TextMapPropagator> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  b3: () => new (loadOnDemand<B3Module>('@opentelemetry/propagator-b3', 'OTEL_PROPAGATORS=b3').B3Propagator)({ injectEncoding: B3_SINGLE_HEADER }),
  b3multi: () =>
    new (loadOnDemand<B3Module>('@opentelemetry/propagator-b3', 'OTEL_PROPAGATORS=b3multi').B3Propagator)({ injectEncoding: B3_MULTI_HEADER }),
  jaeger: () => new (loadOnDemand<JaegerModule>('@opentelemetry/propagator-jaeger', 'OTEL_PROPAGATORS=jaeger').JaegerPropagator)(),
};

/**
 * The propagator `OTEL_PROPAGATORS` asks for: W3C trace context and baggage when unset (the specification's
 * default), nothing with `none`. B3 and Jaeger come from their optional packages, loaded only when listed.
 * @returns undefined when no propagator is to be registered.
 * @throws MissingPackageError when a listed propagator's package is not installed.
 */
export function propagatorFromEnv(listed: readonly string[] | undefined, warn: EnvWarn): TextMapPropagator | undefined {
  const names = listed ?? ['tracecontext', 'baggage'];
  if (names.includes('none')) return undefined;
  const propagators: TextMapPropagator[] = [];
  for (const name of names) {
    const factory = FACTORIES[name];
    if (factory) propagators.push(factory());
    else warn(`OTEL_PROPAGATORS lists ${JSON.stringify(name)}, which is not one of ${Object.keys(FACTORIES).join(', ')}, none; ignored`);
  }
  if (propagators.length <= 1) return propagators[0];
  return new CompositePropagator({ propagators });
}
