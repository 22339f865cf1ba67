import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ResilientExporterStats, ResilientSpanExporterOptions } from '../export';
import type { TracingHealthMetrics } from '../health';
import type { QueueSampler, SamplingRates } from '../sampling';
import type { SanitizeOptions } from '../sanitize';

/**
 * Limits on what one trace or span may hold; beyond them data is trimmed or dropped, and counted in `healthMetrics`
 * (`queue_otel_spans_dropped_total`, `queue_otel_span_data_trimmed_total`) when given.
 */
export interface TraceLimits {
  /** @default 1000 */
  spansPerTrace?: number;
  /** @default 1000 */
  attributeValueLength?: number;
  /** @default 128 */
  eventsPerSpan?: number;
}

/** OTLP transports, as `OTEL_EXPORTER_OTLP_PROTOCOL` names them. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** Exporters by name, as `OTEL_TRACES_EXPORTER` names them. */
export type TracesExporterName = 'otlp' | 'console' | 'none';

/** One exporter choice of {@link SetupTracingOptions.exporter}: a name or an exporter of your own. */
export type TracesExporterChoice = TracesExporterName | SpanExporter;

/** Receives setupTracing's warnings (bad variables, an SDK already registered). */
export type SetupWarningLogger = (message: string) => void;

/**
 * Why {@link setupTracing} started nothing:
 * - `disabled`: the `enabled: false` option;
 * - `sdk-disabled`: `OTEL_SDK_DISABLED=true`;
 * - `no-exporter`: `exporter: 'none'` or `OTEL_TRACES_EXPORTER=none`;
 * - `provider-already-registered`: the application registered a tracer provider first (its own SDK), which
 *   keeps recording every span, QueueOtel's included (docs/setup.md).
 */
export type TracingOffReason = 'disabled' | 'sdk-disabled' | 'no-exporter' | 'provider-already-registered';

/**
 * Options of {@link setupTracing}. Options passed here win over the standard `OTEL_*` variables, which fill in
 * what the code leaves unset (as in OpenTelemetry JS); `OTEL_SDK_DISABLED=true` alone overrides the code.
 */
export interface SetupTracingOptions {
  /** `service.name`. Else `OTEL_SERVICE_NAME`, else `service.name` of the resource attributes. @default 'unknown_service:node' */
  serviceName?: string;
  /** OTLP transport. Else `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, then `OTEL_EXPORTER_OTLP_PROTOCOL`. @default 'http/protobuf' */
  protocol?: OtlpProtocol;
  /**
   * Where OTLP goes. HTTP: a base URL (`/v1/traces` is appended) or the full traces URL; gRPC: `http(s)://host:port`.
   * Else `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (as is), then `OTEL_EXPORTER_OTLP_ENDPOINT` (+ `/v1/traces` over HTTP).
   * @default 'http://localhost:4318' over HTTP, 'http://localhost:4317' over gRPC
   */
  endpoint?: string;
  /** Headers (gRPC metadata) sent with every export, e.g. auth; merged over `OTEL_EXPORTER_OTLP_(TRACES_)HEADERS`. */
  headers?: Record<string, string>;
  /** Resource attributes, merged over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Sampling rates, or a sampler to share with QueueOtel. @default every trace, or `OTEL_TRACES_SAMPLER(_ARG)` */
  sampling?: SamplingRates | QueueSampler;
  /** Attribute policy applied to every span before export, or `false` to export spans unchanged. @default safe defaults */
  sanitize?: SanitizeOptions | false;
  /**
   * Which exporter(s): `'otlp'`, `'console'`, `'none'` (start nothing), an exporter of your own (the Redis span
   * store ...), or a list. Else `OTEL_TRACES_EXPORTER`. @default 'otlp'
   */
  exporter?: TracesExporterChoice | TracesExporterChoice[];
  /**
   * Where spans go while the backend is unreachable, to be re-sent when it is back: typically a
   * `RedisSpanExporter` with `buffer: true`. Without it, spans beyond the in-memory buffer are dropped and counted.
   */
  fallback?: SpanExporter;
  /**
   * Buffering, timeout, retry and circuit-breaker settings of the export (docs/degradation.md). Its
   * `exportTimeoutMillis` is the code form of `OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT`. @default timeout 10000
   */
  resilience?: Omit<ResilientSpanExporterOptions, 'fallback' | 'health'>;
  /** Spans per trace, attribute value length and events per span; beyond them data is trimmed or dropped and counted. */
  limits?: TraceLimits;
  /**
   * Counts export errors, dropped spans and trimmed span data (`queue_otel_export_errors_total`,
   * `queue_otel_spans_dropped_total`, `queue_otel_span_data_trimmed_total`).
   * Takes `undefined` explicitly so that a QueueMetrics' `metrics.health` (undefined with `health: false`) can be
   * passed as it is under `exactOptionalPropertyTypes`; undefined counts nothing.
   */
  healthMetrics?: TracingHealthMetrics | undefined;
  /** Extra span processors beside the exporting one; they see spans as recorded, before the attribute policy. */
  spanProcessors?: SpanProcessor[];
  /** Instrumentations to enable, e.g. `new HttpInstrumentation()` (needs `@opentelemetry/instrumentation`). */
  instrumentations?: Instrumentation[];
  /** `false` starts nothing. `OTEL_SDK_DISABLED=true` has the same effect and wins over `true`. @default true */
  enabled?: boolean;
  /**
   * Where warnings go (an invalid variable, a tracer provider already registered). One that throws never breaks
   * setup: that warning goes to OpenTelemetry's `diag.warn` instead. @default console.warn
   */
  logger?: SetupWarningLogger;
  /** Environment to read `OTEL_*` variables from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** What {@link setupTracing} started. */
export interface TracingHandle {
  /** False when nothing was started; `reason` says why. */
  readonly enabled: boolean;
  /** Why nothing was started, when `enabled` is false. */
  readonly reason: TracingOffReason | undefined;
  /** The OTLP transport in use (undefined without an OTLP exporter). */
  readonly protocol: OtlpProtocol | undefined;
  /** The URL OTLP spans are sent to (undefined without an OTLP exporter). */
  readonly endpoint: string | undefined;
  /** The head sampler; change rates on it at run time. Unused when `enabled` is false. */
  readonly sampler: QueueSampler;
  /** Sends everything recorded so far (bounded by the flush timeout). */
  forceFlush(): Promise<void>;
  /** Counters of the export of the first exporter: buffered, exported, dropped by reason, circuit state. */
  exportStats(): ResilientExporterStats | undefined;
  /** Flushes buffered spans and stops the tracer provider. Call it before the process exits. */
  shutdown(): Promise<void>;
}
