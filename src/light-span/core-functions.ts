import type * as OtelCoreModule from '@opentelemetry/core';
import { otelCore } from '../propagation/otel-core';

type OtelCore = typeof OtelCoreModule;

/** The functions of `@opentelemetry/core` the light path uses. */
export type CoreFunctions = Pick<
  OtelCore,
  | 'addHrTimes'
  | 'hrTime'
  | 'hrTimeDuration'
  | 'isAttributeValue'
  | 'isTimeInput'
  | 'isTimeInputHrTime'
  | 'millisToHrTime'
  | 'otperformance'
  | 'sanitizeAttributes'
>;

let functions: CoreFunctions | undefined;

/**
 * The core functions, read once into a plain object. The package loads on first use (see otel-core.ts: the root
 * import stays without it; an SDK tracer, the only one the light path serves, has loaded it already), and its
 * index exports through getters: a plain object keeps those off the per-attribute path.
 */
export function coreFunctions(): CoreFunctions {
  if (functions === undefined) {
    const core = otelCore();
    functions = {
      addHrTimes: core.addHrTimes,
      hrTime: core.hrTime,
      hrTimeDuration: core.hrTimeDuration,
      isAttributeValue: core.isAttributeValue,
      isTimeInput: core.isTimeInput,
      isTimeInputHrTime: core.isTimeInputHrTime,
      millisToHrTime: core.millisToHrTime,
      otperformance: core.otperformance,
      sanitizeAttributes: core.sanitizeAttributes,
    };
  }
  return functions;
}
