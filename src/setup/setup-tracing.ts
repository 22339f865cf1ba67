import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueSampler } from '../sampling';
import type { SamplingRates } from '../sampling';
import { SanitizingSpanProcessor } from '../sanitize';
import type { SanitizeOptions } from '../sanitize';
import { readEnvSettings, tracesUrl } from './env-settings';
import { ResilientExportDefaults, ResilientSpanExporter, spanLimitsFrom, TraceLimitSpanProcessor } from '../export';
import type { ResilientExporterStats, ResilientSpanExporterOptions } from '../export';
import type { TracingHealthMetrics } from '../health';
import type { TraceLimits } from '../config/load-config';

/** Default OTLP/HTTP endpoint: a Collector on the same host. */
export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/** Options of {@link setupTracing}. Each of endpoint, headers, service name and resource attributes
 * can be overridden by its standard `OTEL_*` variable, so operators can redirect a deployed service. */
export interface SetupTracingOptions {
  /** `service.name`; `OTEL_SERVICE_NAME` wins. @default 'unknown_service:node' */
  serviceName?: string;
  /** OTLP/HTTP base URL or full traces URL; `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT` wins. @default 'http://localhost:4318' */
  endpoint?: string;
  /** Headers sent with every export, e.g. auth; `OTEL_EXPORTER_OTLP_(TRACES_)HEADERS` entries win. */
  headers?: Record<string, string>;
  /** Extra resource attributes; `OTEL_RESOURCE_ATTRIBUTES` entries win. */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Sampling rates, or a sampler to share with QueueOtel. @default every trace, or `OTEL_TRACES_SAMPLER(_ARG)` */
  sampling?: SamplingRates | QueueSampler;
  /** Attribute policy applied to every span before export, or `false` to export spans unchanged. @default safe defaults */
  sanitize?: SanitizeOptions | false;
  /** Replaces the OTLP exporter (a console exporter, the Redis span store ...). */
  exporter?: SpanExporter;
  /**
   * Where spans go while the backend is unreachable, to be re-sent when it is back: typically a
   * `RedisSpanExporter` with `buffer: true`. Without it, spans beyond the in-memory buffer are dropped and counted.
   */
  fallback?: SpanExporter;
  /** Buffering, timeout, retry and circuit-breaker settings of the export (docs/degradation.md). */
  resilience?: Omit<ResilientSpanExporterOptions, 'fallback' | 'health'>;
  /** Spans per trace, attribute value length and events per span; beyond them data is dropped and counted. */
  limits?: TraceLimits;
  /** Counts export errors, drops and spans per trace limits (`queue_trace_*`). */
  healthMetrics?: TracingHealthMetrics;
  /** Extra span processors beside the exporting one; they see spans as recorded, before the attribute policy. */
  spanProcessors?: SpanProcessor[];
  /** Instrumentations to enable, e.g. `new HttpInstrumentation()`. */
  instrumentations?: Instrumentation[];
  /** `false` starts nothing; `OTEL_SDK_DISABLED=true` has the same effect. @default true */
  enabled?: boolean;
  /** Environment to read `OTEL_*` variables from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** What {@link setupTracing} started. */
export interface TracingHandle {
  /** False when tracing was disabled by option or `OTEL_SDK_DISABLED`. */
  readonly enabled: boolean;
  /** The traces URL spans are sent to (undefined with a custom exporter). */
  readonly endpoint: string | undefined;
  /** The head sampler; change rates on it at run time. */
  readonly sampler: QueueSampler;
  /** Sends everything recorded so far (bounded by the export timeout). */
  forceFlush(): Promise<void>;
  /** Counters of the export: buffered, exported, dropped by reason, circuit state. */
  exportStats(): ResilientExporterStats | undefined;
  /** Flushes buffered spans and stops the SDK. Call it before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK for a service that uses BullMQ: OTLP/HTTP export (by default to a
 * local Collector), the queue-aware head sampler, and the attribute policy. Registers the global
 * tracer provider, context manager and W3C propagator, which `new QueueOtel()` then uses.
 *
 * @example
 * const tracing = setupTracing({ serviceName: 'mailer', endpoint: 'https://otlp.example.com', headers: { authorization: `Bearer ${token}` } });
 * process.on('SIGTERM', () => tracing.shutdown());
 */
export function setupTracing(options: SetupTracingOptions = {}): TracingHandle {
  const env = readEnvSettings(options.env);
  const sampler = options.sampling instanceof QueueSampler ? options.sampling : new QueueSampler(options.sampling);
  if (options.enabled === false || env.disabled) {
    return { enabled: false, endpoint: undefined, sampler, exportStats: () => undefined, forceFlush: async () => undefined, shutdown: async () => undefined };
  }
  const endpoint = options.exporter ? undefined : (env.tracesEndpoint ?? tracesUrl(options.endpoint ?? DEFAULT_OTLP_ENDPOINT));
  const exportTimeoutMillis = options.resilience?.exportTimeoutMillis ?? ResilientExportDefaults.exportTimeoutMillis;
  // The OTLP exporter's own deadline stays inside the resilient one, so a slow attempt is reported
  // as what it is instead of being cut off by the outer timeout.
  const backend =
    options.exporter ?? new OTLPTraceExporter({ url: endpoint!, headers: { ...options.headers, ...env.headers }, timeoutMillis: exportTimeoutMillis });
  const resilient = new ResilientSpanExporter(backend, {
    ...options.resilience,
    ...(options.fallback ? { fallback: options.fallback } : {}),
    ...(options.healthMetrics ? { health: options.healthMetrics } : {}),
  });
  let processor: SpanProcessor = new BatchSpanProcessor(resilient);
  if (options.sanitize !== false) processor = new SanitizingSpanProcessor(processor, options.sanitize);
  const limits = options.limits ?? {};
  processor = new TraceLimitSpanProcessor(processor, {
    ...(limits.spansPerTrace !== undefined ? { maxSpansPerTrace: limits.spansPerTrace } : {}),
    ...(options.healthMetrics ? { health: options.healthMetrics } : {}),
  });
  const spanLimits = spanLimitsFrom({
    ...(limits.attributeValueLength !== undefined ? { attributeValueLengthLimit: limits.attributeValueLength } : {}),
    ...(limits.eventsPerSpan !== undefined ? { eventCountLimit: limits.eventsPerSpan } : {}),
  });
  const serviceName = env.serviceName ?? options.serviceName;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      ...options.resourceAttributes,
      ...env.resourceAttributes,
      ...(serviceName ? { 'service.name': serviceName } : {}),
    }),
    sampler,
    spanLimits,
    spanProcessors: [...(options.spanProcessors ?? []), processor],
    instrumentations: options.instrumentations ?? [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    endpoint,
    sampler,
    exportStats: () => resilient.stats(),
    // The batch processor hands spans to the resilient exporter, whose own buffer must then be sent.
    forceFlush: () => processor.forceFlush().then(() => resilient.forceFlush()),
    shutdown: () => (stopped ??= sdk.shutdown()),
  };
}
