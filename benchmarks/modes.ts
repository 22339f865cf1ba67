import type { Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { floorContextTelemetry, floorLightTelemetry, floorMarkTelemetry, floorTelemetry, floorTraceTelemetry } from './floor-telemetry';
import { lightInternals, queueOtelClass } from './library';
import type { QueueOtelOptions } from '../src/telemetry';
import type { BenchSdk } from './sdk';

/** One benchmarked configuration. */
export interface ModeSpec {
  /** Short name used in the table and on the command line (`BENCH_MODES`). */
  name: string;
  /** Head sampling rate of the SDK. */
  rate: number;
  /** Whether spans go to the loopback OTLP sink instead of being discarded. */
  otlp: boolean;
  /** Builds BullMQ's `telemetry` option; undefined for plain BullMQ. */
  telemetry?: (sdk: BenchSdk) => Telemetry;
  /** Left out of the default run. */
  optional?: boolean;
  /** Enter an OpenTelemetry context once before measuring, which switches on async context tracking. */
  activateContext?: boolean;
  /** QueueOtel (and its sampler) from the build of the checkout `BENCH_BASE` names: an A/B of two commits in one run. */
  base?: boolean;
}

const queueOtel = (extra: QueueOtelOptions = {}) => (sdk: BenchSdk): Telemetry =>
  // The cast is BullMQ's Context generic (unknown there, OpenTelemetry's Context here).
  new (queueOtelClass())({ tracerProvider: sdk.provider, ...extra }) as unknown as Telemetry;

/**
 * The floor-mark adapter in a process where a QueueOtel was made (and dropped): BullMQ's methods carry QueueOtel's
 * wrappers and its listener, which finds no QueueOtel on these instances. What the wrappers cost by themselves.
 */
function floorWithQueueOtelHooks(sdk: BenchSdk): Telemetry {
  queueOtel()(sdk);
  return floorMarkTelemetry();
}

/**
 * Every mode, in the order the table prints them. `none` is the baseline of every ratio. Modes with
 * `optional: true` run only when named in BENCH_MODES (they keep the default run under ten minutes).
 */
export const MODES: readonly ModeSpec[] = [
  { name: 'none', rate: 1, otlp: false },
  { name: 'qo-100', rate: 1, otlp: false, telemetry: queueOtel() },
  { name: 'qo-10', rate: 0.1, otlp: false, telemetry: queueOtel() },
  { name: 'qo-0', rate: 0, otlp: false, telemetry: queueOtel() },
  { name: 'qo-10-propagate', rate: 0.1, otlp: false, telemetry: queueOtel({ unsampledJobs: 'propagate' }) },
  { name: 'qo-0-propagate', rate: 0, otlp: false, telemetry: queueOtel({ unsampledJobs: 'propagate' }) },
  { name: 'qo-otlp', rate: 1, otlp: true, telemetry: queueOtel() },
  { name: 'qo-off', rate: 1, otlp: false, telemetry: queueOtel({ enabled: false }) },
  { name: 'qo-compact', rate: 1, otlp: false, telemetry: queueOtel({ metadataFormat: 'compact' }) },
  // bullmq-otel reads the global tracer provider and propagator, which startSdk registers.
  { name: 'bullmq-otel', rate: 1, otlp: false, telemetry: () => new BullMQOtel({ tracerName: 'bench' }) as unknown as Telemetry },
  { name: 'bullmq-otel-otlp', rate: 1, otlp: true, telemetry: () => new BullMQOtel({ tracerName: 'bench' }) as unknown as Telemetry },
  { name: 'qo-100-raw', rate: 1, otlp: false, optional: true, telemetry: queueOtel({ sanitize: false }) },
  { name: 'qo-100-nowait', rate: 1, otlp: false, optional: true, telemetry: queueOtel({ queueWaitSpan: false }) },
  { name: 'none-als', rate: 1, otlp: false, activateContext: true },
  { name: 'floor', rate: 1, otlp: false, optional: true, telemetry: floorTelemetry },
  { name: 'floor-mark', rate: 1, otlp: false, optional: true, telemetry: floorMarkTelemetry },
  { name: 'floor-hooks', rate: 1, otlp: false, optional: true, telemetry: floorWithQueueOtelHooks },
  { name: 'floor-context', rate: 1, otlp: false, optional: true, telemetry: () => floorContextTelemetry(lightInternals()) },
  { name: 'floor-light', rate: 1, otlp: false, optional: true, telemetry: (sdk) => floorLightTelemetry(sdk.provider.getTracer('floor-light'), lightInternals()) },
  { name: 'floor-trace', rate: 1, otlp: false, optional: true, telemetry: (sdk) => floorTraceTelemetry(sdk.provider.getTracer('floor-trace')) },
  { name: 'floor-trace-otlp', rate: 1, otlp: true, optional: true, telemetry: (sdk) => floorTraceTelemetry(sdk.provider.getTracer('floor-trace')) },
  { name: 'qo-1', rate: 0.01, otlp: false, optional: true, telemetry: queueOtel() },
  { name: 'qo-50', rate: 0.5, otlp: false, optional: true, telemetry: queueOtel() },
  { name: 'qo-0-als', rate: 0, otlp: false, optional: true, activateContext: true, telemetry: queueOtel() },
  { name: 'qo-0-base', rate: 0, otlp: false, optional: true, base: true, telemetry: queueOtel() },
  { name: 'qo-100-base', rate: 1, otlp: false, optional: true, base: true, telemetry: queueOtel() },
  { name: 'bullmq-otel-0', rate: 0, otlp: false, optional: true, telemetry: () => new BullMQOtel({ tracerName: 'bench' }) as unknown as Telemetry },
];

/** What each mode means, for the printed legend and docs. */
export const MODE_LEGEND: Record<string, string> = {
  none: 'plain BullMQ, no telemetry option (the baseline)',
  'qo-100': 'QueueOtel, 100% sampled, no-op exporter',
  'qo-10': "QueueOtel, 10% sampled, no-op exporter (default unsampledJobs: 'lean')",
  'qo-0': "QueueOtel, 0% sampled, nothing recorded (default unsampledJobs: 'lean')",
  'qo-10-propagate': "QueueOtel, 10% sampled, unsampledJobs: 'propagate'",
  'qo-0-propagate': "QueueOtel, 0% sampled, unsampledJobs: 'propagate'",
  'qo-otlp': 'QueueOtel, 100% sampled, OTLP/HTTP JSON to a loopback sink process',
  'qo-off': 'QueueOtel with enabled: false',
  'qo-compact': "QueueOtel, 100%, no-op exporter, metadataFormat: 'compact'",
  'bullmq-otel': 'bullmq-otel 2.0.1, 100% sampled, no-op exporter',
  'bullmq-otel-otlp': 'bullmq-otel 2.0.1, 100% sampled, OTLP/HTTP JSON to the same sink as qo-otlp',
  'bullmq-otel-0': 'bullmq-otel 2.0.1, 0% sampled',
  'qo-100-nowait': 'QueueOtel, 100%, no-op exporter, queueWaitSpan: false',
  'qo-100-raw': 'QueueOtel, 100%, no-op exporter, sanitize: false (what sanitizing costs)',
  'qo-1': 'QueueOtel, 1% sampled, no-op exporter',
  'qo-50': 'QueueOtel, 50% sampled, no-op exporter',
  'qo-0-als': 'QueueOtel, 0% sampled (default options), in a process whose context tracking is switched on',
  'qo-0-base': "qo-0 with QueueOtel from the build of the checkout BENCH_BASE names (A/B of two commits)",
  'qo-100-base': 'qo-100 with QueueOtel from the build of the checkout BENCH_BASE names (A/B of two commits)',
  floor: "a telemetry option that does nothing (BullMQ's interface alone: the floor of every adapter)",
  'floor-mark': "the floor adapter writing `0` as each job's metadata (the floor of any adapter that marks unsampled jobs)",
  'floor-hooks': "floor-mark in a process where a QueueOtel exists: its wrappers on BullMQ's methods run, its listener finds no QueueOtel",
  'floor-trace': "the least tracing every job as QueueOtel's defaults do costs through the SDK's public API: a span per non-INTERNAL BullMQ span and a wait span, no attributes, traceparent metadata",
  'floor-trace-otlp': 'floor-trace, its spans sent over OTLP/HTTP JSON to the same sink as qo-otlp',
  'floor-light': "floor-trace made as QueueOtel makes spans and contexts (src/light-span, light contexts), still without attributes",
  'floor-context': 'floor-light without spans: the same contexts and metadata, carrying one fixed sampled span context that records nothing',
  'none-als': 'plain BullMQ in a process whose OpenTelemetry context tracking is switched on (an instrumented app)',
};

/** The mode called `name`; throws on an unknown name so a typo in BENCH_MODES is loud. */
export function modeByName(name: string): ModeSpec {
  const mode = MODES.find((m) => m.name === name);
  if (!mode) throw new Error(`unknown benchmark mode ${name}; known: ${MODES.map((m) => m.name).join(', ')}`);
  return mode;
}

/** The OTLP exporter of the `qo-otlp` mode, pointed at the sink. */
export function otlpExporter(url: string): SpanExporter {
  return new OTLPTraceExporter({ url });
}
