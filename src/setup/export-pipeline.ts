import { BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import type { BufferConfig, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ResilientSpanExporter, TraceLimitSpanProcessor } from '../export';
import { SanitizingSpanProcessor } from '../sanitize';
import type { EnvWarn } from './env-parsers';
import { FanOutSpanProcessor } from './fan-out-processor';
import { ClosableAgents } from './otlp-agent';
import type { SetupTracingOptions } from './options';
import { createOtlpExporter } from './otlp-exporter';
import type { ExporterSpec, OtlpSettings } from './resolve-settings';

/** The span processor setupTracing registers, and the resilient exporters behind it. */
export interface ExportPipeline {
  /** Per-trace limit, then the attribute policy, then one batch processor per exporter. */
  readonly processor: SpanProcessor;
  /** One per exporter, in the order chosen; the first one's counters are the handle's `exportStats()`. */
  readonly exporters: readonly ResilientSpanExporter[];
  /** Whether an OTLP exporter is among them. */
  readonly otlp: boolean;
  /**
   * Ends what the OTLP exporter still has in flight and stops it from connecting again: for after shutdown, whose
   * bound leaves an attempt behind that would otherwise hold the process open until it gives up by itself.
   */
  closeConnections(): void;
}

function backendOf(spec: ExporterSpec, otlp: OtlpSettings, warn: EnvWarn, agents: ClosableAgents): { exporter: SpanExporter; label: string | undefined } {
  if (spec === 'otlp') return { exporter: createOtlpExporter(otlp, warn, agents), label: undefined };
  if (spec === 'console') return { exporter: new ConsoleSpanExporter(), label: 'console' };
  return { exporter: spec, label: undefined };
}

/**
 * Builds every exporter and its safety net: each gets a batch processor and a ResilientSpanExporter (buffer,
 * timeout, retries, circuit breaker, health counters); the fallback serves the first one only, so a span is
 * never spilled twice. Above them, once: the attribute policy and the per-trace span limit. `batch` is given in full
 * (see readBatchSettings) so the SDK's processor does not read the `OTEL_BSP_*` variables unchecked.
 * `attributeValueLengthLimit` is the one the tracer provider was given (spanLimitsFrom's), so that values the SDK
 * cut to it are counted with the other trims (in `healthMetrics`, when given).
 * @throws MissingPackageError when the OTLP exporter of the chosen protocol is not installed.
 */
export function buildExportPipeline(
  specs: readonly ExporterSpec[],
  otlp: OtlpSettings,
  batch: Required<BufferConfig>,
  options: SetupTracingOptions,
  warn: EnvWarn,
  attributeValueLengthLimit: number,
): ExportPipeline {
  const agents = new ClosableAgents();
  const exporters = specs.map((spec, index) => {
    const { exporter, label } = backendOf(spec, otlp, warn, agents);
    // The OTLP exporter's own deadline is the same as the resilient one, so a slow attempt is reported as the
    // exporter's timeout instead of being cut off by the outer one. Other exporters keep the code's setting.
    return new ResilientSpanExporter(exporter, {
      ...options.resilience,
      ...(spec === 'otlp' ? { exportTimeoutMillis: otlp.timeoutMillis } : {}),
      ...(label && options.resilience?.backend === undefined ? { backend: label } : {}),
      ...(options.fallback && index === 0 ? { fallback: options.fallback } : {}),
      ...(options.healthMetrics ? { health: options.healthMetrics } : {}),
    });
  });
  const batches = exporters.map((exporter) => new BatchSpanProcessor(exporter, batch));
  let processor: SpanProcessor = batches.length === 1 ? batches[0]! : new FanOutSpanProcessor(batches);
  if (options.sanitize !== false) processor = new SanitizingSpanProcessor(processor, options.sanitize);
  const spansPerTrace = options.limits?.spansPerTrace;
  processor = new TraceLimitSpanProcessor(processor, {
    ...(spansPerTrace !== undefined ? { maxSpansPerTrace: spansPerTrace } : {}),
    attributeValueLengthLimit,
    ...(options.healthMetrics ? { health: options.healthMetrics } : {}),
  });
  return { processor, exporters, otlp: specs.includes('otlp'), closeConnections: () => agents.close() };
}
