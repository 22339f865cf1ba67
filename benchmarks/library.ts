/**
 * QueueOtel as the benchmark measures it: the tsc build in `dist/`, which is what applications load. Run through
 * tsx, the sources read every imported binding through a getter (esbuild's CommonJS output), which cost about 10%
 * of QueueOtel's own path per job in `micro-span-path.ts`; bullmq-otel, the comparison, is measured as published.
 * `run-bench.ts` builds `dist/` first when it is older than the sources. `BENCH_SOURCE=src` measures the sources
 * instead (the harness test does, to skip the build). Loaded on first use, so that importing the modes table
 * needs no build.
 */
import type * as SamplingModule from '../src/sampling';
import type * as TelemetryModule from '../src/telemetry';
import type * as DeferredSpanModule from '../src/telemetry/deferred-span';
import type * as JobFactsModule from '../src/telemetry/job-facts';
import type * as TracedInstanceModule from '../src/hooks/traced-instance';

/** Whether this run measures the sources rather than the build. */
export const fromSource = process.env.BENCH_SOURCE === 'src';

/* eslint-disable @typescript-eslint/no-require-imports -- which copy to load is decided at run time */
/** QueueOtel's class, from the build (or the sources with BENCH_SOURCE=src). */
export function queueOtelClass(): typeof TelemetryModule.QueueOtel {
  return ((fromSource ? require('../src/telemetry') : require('../dist/cjs/telemetry')) as typeof TelemetryModule).QueueOtel;
}

/** QueueSampler's class, from the same copy as {@link queueOtelClass}. */
export function queueSamplerClass(): typeof SamplingModule.QueueSampler {
  return ((fromSource ? require('../src/sampling') : require('../dist/cjs/sampling')) as typeof SamplingModule).QueueSampler;
}

/** The internals `micro-span-path.ts` drives as BullMQ's worker hook does, from the same copy. */
export function telemetryInternals(): {
  DeferredSpan: typeof DeferredSpanModule.DeferredSpan;
  readJobFacts: typeof JobFactsModule.readJobFacts;
  swapTracedInstance: typeof TracedInstanceModule.swapTracedInstance;
  parkSpanName: typeof TracedInstanceModule.parkSpanName;
} {
  const base = fromSource ? '../src/' : '../dist/cjs/';
  return {
    DeferredSpan: (require(`${base}telemetry/deferred-span`) as typeof DeferredSpanModule).DeferredSpan,
    readJobFacts: (require(`${base}telemetry/job-facts`) as typeof JobFactsModule).readJobFacts,
    swapTracedInstance: (require(`${base}hooks/traced-instance`) as typeof TracedInstanceModule).swapTracedInstance,
    parkSpanName: (require(`${base}hooks/traced-instance`) as typeof TracedInstanceModule).parkSpanName,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports -- only the loads above */
