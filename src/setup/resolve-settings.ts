/**
 * One place decides every setting of {@link setupTracing}: the code's option, else its `OTEL_*` variable, else the
 * specification's default. Pure, so the precedence is tested without starting anything.
 */
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ResilientExportDefaults } from '../export';
import type { EnvWarn } from './env-parsers';
import type { EnvSettings } from './env-settings';
import { EXPORTER_NAMES, OTLP_PROTOCOLS, tracesUrl } from './env-settings';
import { checkHeadersOption } from './otlp-headers';
import type { OtlpProtocol, SetupTracingOptions, TracesExporterChoice, TracingOffReason } from './options';

/** Default OTLP/HTTP endpoint: a Collector on the same host. */
export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/** Default OTLP/gRPC endpoint: a Collector on the same host. */
export const DEFAULT_OTLP_GRPC_ENDPOINT = 'http://localhost:4317';

/** The transport when neither code nor environment names one: the specification's default. */
export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';

/** Where the OTLP exporter sends, and how. */
export interface OtlpSettings {
  protocol: OtlpProtocol;
  /** What chose the protocol, for error messages: `protocol: 'grpc'`, `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` ... */
  protocolSource: string;
  /** Traces URL over HTTP; `http(s)://host:port` over gRPC. */
  endpoint: string;
  headers: Record<string, string>;
  timeoutMillis: number;
}

/** An exporter to build: by name, or the application's own. */
export type ExporterSpec = 'otlp' | 'console' | SpanExporter;

/** Every setting of a tracing setup, resolved. */
export interface ResolvedSettings {
  /** Set when nothing is to be started. */
  off: TracingOffReason | undefined;
  exporters: ExporterSpec[];
  otlp: OtlpSettings;
  /** Attributes of the resource, `service.name` included when anyone set it. */
  resourceAttributes: Record<string, string | number | boolean>;
}

function protocolOf(options: SetupTracingOptions, env: EnvSettings): { value: OtlpProtocol; source: string } {
  if (options.protocol) {
    if (!(OTLP_PROTOCOLS as readonly unknown[]).includes(options.protocol)) {
      throw new RangeError(`queue-otel: protocol must be one of ${OTLP_PROTOCOLS.join(', ')}, got ${JSON.stringify(options.protocol)}`);
    }
    return { value: options.protocol, source: `protocol: '${options.protocol}'` };
  }
  if (env.protocol) return { value: env.protocol.value, source: `${env.protocol.variable}=${env.protocol.value}` };
  return { value: DEFAULT_OTLP_PROTOCOL, source: `the default protocol ${DEFAULT_OTLP_PROTOCOL}` };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function endpointOf(protocol: OtlpProtocol, options: SetupTracingOptions, env: EnvSettings, warn: EnvWarn): string {
  const grpc = protocol === 'grpc';
  // The code's endpoint keeps its documented meaning (a base or the full traces URL); the signal-specific
  // variable is used as is and the generic one gets `/v1/traces` over HTTP, as the specification says.
  if (options.endpoint !== undefined) {
    if (grpc) return options.endpoint;
    if (!isHttpUrl(options.endpoint)) throw new RangeError(`queue-otel: endpoint must be an http:// or https:// URL over ${protocol}, got ${JSON.stringify(options.endpoint)}`);
    return tracesUrl(options.endpoint);
  }
  // gRPC takes any target its client understands (host:port included); HTTP needs a URL, else the next candidate.
  const usable = (variable: string, value: string | undefined): value is string => {
    if (value === undefined || grpc || isHttpUrl(value)) return value !== undefined;
    warn(`${variable}=${JSON.stringify(value)} is not an http:// or https:// URL; ignored`);
    return false;
  };
  if (usable('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', env.tracesEndpoint)) return env.tracesEndpoint;
  if (usable('OTEL_EXPORTER_OTLP_ENDPOINT', env.endpoint)) return grpc ? env.endpoint : tracesUrl(env.endpoint);
  return grpc ? DEFAULT_OTLP_GRPC_ENDPOINT : tracesUrl(DEFAULT_OTLP_ENDPOINT);
}

/** A choice given in code (the variable's are filtered when read): a name it knows, or an object with a SpanExporter's methods (checked now, not at the first export). */
function checkExporterChoice(choice: unknown): void {
  if (typeof choice === 'string') {
    if ((EXPORTER_NAMES as readonly string[]).includes(choice)) return;
    throw new RangeError(`queue-otel: exporter must be one of ${EXPORTER_NAMES.join(', ')} or a SpanExporter, got ${JSON.stringify(choice)} (pass any other exporter as an object)`);
  }
  const candidate = choice as Partial<SpanExporter> | null;
  if (typeof candidate?.export === 'function' && typeof candidate.shutdown === 'function') return;
  throw new TypeError('queue-otel: exporter must be a SpanExporter (with export() and shutdown()) or one of ' + EXPORTER_NAMES.join(', '));
}

function exportersOf(options: SetupTracingOptions, env: EnvSettings, warn: EnvWarn): ExporterSpec[] {
  let source: string;
  let chosen: TracesExporterChoice[];
  if (options.exporter !== undefined) {
    source = 'the exporter option';
    chosen = Array.isArray(options.exporter) ? options.exporter : [options.exporter];
    for (const choice of chosen) checkExporterChoice(choice);
  } else {
    source = 'OTEL_TRACES_EXPORTER';
    chosen = env.exporters ?? ['otlp'];
  }
  const unique = [...new Set(chosen)];
  const some = unique.filter((choice): choice is ExporterSpec => choice !== 'none');
  // `none` means no exporter; listed with others it contradicts them, and the others are kept.
  if (some.length > 0 && some.length < unique.length) warn(`${source} lists "none" with other exporters; "none" ignored`);
  return some;
}

function resourceOf(options: SetupTracingOptions, env: EnvSettings): Record<string, string | number | boolean> {
  // Later entries win: the environment's, then the code's (OTEL_SERVICE_NAME over OTEL_RESOURCE_ATTRIBUTES, as
  // the specification orders them; `serviceName` over `resourceAttributes`).
  return {
    ...env.resourceAttributes,
    ...(env.serviceName !== undefined ? { 'service.name': env.serviceName } : {}),
    ...options.resourceAttributes,
    ...(options.serviceName !== undefined ? { 'service.name': options.serviceName } : {}),
  };
}

/**
 * Resolves the options of {@link setupTracing} against the environment: options passed in code win, the
 * variables fill in the rest, then the defaults; `OTEL_SDK_DISABLED=true` turns everything off whatever the code says.
 * @throws RangeError when the code's `endpoint` is not an http(s) URL over HTTP, its `protocol` or an exporter name is
 *   unknown; TypeError when an exporter object is not a SpanExporter, or `headers` is not an object of headers HTTP
 *   can send (the message names the header, never its value).
 */
export function resolveSettings(options: SetupTracingOptions, env: EnvSettings, warn: EnvWarn): ResolvedSettings {
  const protocol = protocolOf(options, env);
  const exporters = exportersOf(options, env, warn);
  let off: TracingOffReason | undefined;
  if (options.enabled === false) off = 'disabled';
  else if (env.disabled) off = 'sdk-disabled';
  else if (exporters.length === 0) off = 'no-exporter';
  return {
    off,
    exporters,
    otlp: {
      protocol: protocol.value,
      protocolSource: protocol.source,
      endpoint: endpointOf(protocol.value, options, env, warn),
      headers: { ...env.headers, ...checkHeadersOption(options.headers) },
      timeoutMillis: options.resilience?.exportTimeoutMillis ?? env.timeoutMillis ?? ResilientExportDefaults.exportTimeoutMillis,
    },
    resourceAttributes: resourceOf(options, env),
  };
}
