/**
 * QueueOtel as the benchmark measures it: the tsc build in `dist/`, which is what applications load. Run through
 * tsx, the sources read every imported binding through a getter (esbuild's CommonJS output), which cost about 10%
 * of QueueOtel's own path per job in `micro-span-path.ts`; bullmq-otel, the comparison, is measured as published.
 * `run-bench.ts` builds `dist/` first when it is older than the sources. `BENCH_SOURCE=src` measures the sources
 * instead (the harness test does, to skip the build). Loaded on first use, so that importing the modes table
 * needs no build.
 */
import { join, resolve } from 'node:path';
import type * as SamplingModule from '../src/sampling';
import type * as TelemetryModule from '../src/telemetry';
import type * as DeferredSpanModule from '../src/telemetry/deferred-span';
import type * as JobFactsModule from '../src/telemetry/job-facts';
import type * as TracedInstanceModule from '../src/hooks/traced-instance';
import type * as ContextModule from '../src/context';
import type * as LightSpanModule from '../src/light-span';
import type * as AttributePolicyModule from '../src/telemetry/attribute-policy';

/** Whether this run measures the sources rather than the build. */
export const fromSource = process.env.BENCH_SOURCE === 'src';

/* eslint-disable @typescript-eslint/no-require-imports -- which copy to load is decided at run time */
/** Another checkout's build, once {@link useBaseCopy} chose it (the `-base` modes). */
let baseCopy: string | undefined;

/**
 * Loads QueueOtel from the build of the checkout `BENCH_BASE` names, for the rest of this process: the `-base` modes
 * measure an earlier commit in the same run as this one, paired by round. That checkout's `node_modules` must
 * resolve to this one's (a symlink), so that both hook the same BullMQ and use the same OpenTelemetry API.
 */
export function useBaseCopy(): void {
  const dir = process.env.BENCH_BASE;
  if (!dir) throw new Error('the -base modes need BENCH_BASE=<a checkout of another commit, built (node scripts/build.mjs)>');
  baseCopy = join(resolve(dir), 'dist', 'cjs');
}

/** A module of the copy being measured: `BENCH_BASE`'s build, the sources, or this checkout's build. */
function load(module: string): unknown {
  if (baseCopy !== undefined) return require(join(baseCopy, module));
  return fromSource ? require(`../src/${module}`) : require(`../dist/cjs/${module}`);
}

/** QueueOtel's class, from the build (or the sources with BENCH_SOURCE=src, or BENCH_BASE's build). */
export function queueOtelClass(): typeof TelemetryModule.QueueOtel {
  return (load('telemetry') as typeof TelemetryModule).QueueOtel;
}

/** QueueSampler's class, from the same copy as {@link queueOtelClass}. */
export function queueSamplerClass(): typeof SamplingModule.QueueSampler {
  return (load('sampling') as typeof SamplingModule).QueueSampler;
}

/** The internals `micro-span-path.ts` drives as BullMQ's worker hook does, from the same copy. */
export function telemetryInternals(): {
  DeferredSpan: typeof DeferredSpanModule.DeferredSpan;
  readJobFacts: typeof JobFactsModule.readJobFacts;
  swapTracedInstance: typeof TracedInstanceModule.swapTracedInstance;
} {
  const tracedInstance = load('hooks/traced-instance') as typeof TracedInstanceModule;
  return {
    DeferredSpan: (load('telemetry/deferred-span') as typeof DeferredSpanModule).DeferredSpan,
    readJobFacts: (load('telemetry/job-facts') as typeof JobFactsModule).readJobFacts,
    swapTracedInstance: tracedInstance.swapTracedInstance,
  };
}

/** What QueueOtel builds its spans and contexts from, for the `floor-light` modes, from the same copy. */
export interface LightInternals {
  startLightSpan: typeof LightSpanModule.startLightSpan;
  attributePolicy: typeof AttributePolicyModule.attributePolicy;
  LIGHT_ROOT: typeof ContextModule.LIGHT_ROOT;
}

/** See {@link LightInternals}. */
export function lightInternals(): LightInternals {
  return {
    startLightSpan: (load('light-span') as typeof LightSpanModule).startLightSpan,
    attributePolicy: (load('telemetry/attribute-policy') as typeof AttributePolicyModule).attributePolicy,
    LIGHT_ROOT: (load('context') as typeof ContextModule).LIGHT_ROOT,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports -- only the loads above */
