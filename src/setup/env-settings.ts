/**
 * The standard `OTEL_*` variables {@link setupTracing} reads. They fill in what the code leaves unset, as in
 * OpenTelemetry JS; an unusable value is reported once and read as unset.
 */
import { envBoolean, envEnum, envKeyValues, envList, envString, envTimeout } from './env-parsers';
import type { EnvWarn } from './env-parsers';
import type { OtlpProtocol, TracesExporterName } from './options';
import { usableEnvHeaders } from './otlp-headers';

/** The OTLP transports, in the specification's order of preference. */
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

/** The exporters setupTracing builds by name, from code or from OTEL_TRACES_EXPORTER. */
export const EXPORTER_NAMES: readonly TracesExporterName[] = ['otlp', 'console', 'none'];

/**
 * The levels OTEL_LOG_LEVEL takes, as OpenTelemetry JS names them. Checked here because the SDK's own parser
 * reads any other value as `info` and says so only to the diag logger it is about to install.
 */
export const DIAG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;

/** What the environment says, each field only when its variable is set and usable. */
export interface EnvSettings {
  /** `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, with the variable it came from. */
  protocol?: { value: OtlpProtocol; variable: string };
  /** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`: used as is. */
  tracesEndpoint?: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: a base URL over HTTP (`/v1/traces` is appended), the target over gRPC. */
  endpoint?: string;
  /** `OTEL_EXPORTER_OTLP_HEADERS` with `OTEL_EXPORTER_OTLP_TRACES_HEADERS` merged over it. */
  headers?: Record<string, string>;
  /** `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT`, in ms (0 became the longest timer). */
  timeoutMillis?: number;
  /** `OTEL_TRACES_EXPORTER`: the supported names it lists, in order. */
  exporters?: TracesExporterName[];
  /** `OTEL_PROPAGATORS`, as listed. */
  propagators?: string[];
  /** `OTEL_SERVICE_NAME`. */
  serviceName?: string;
  /** `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Record<string, string>;
  /** `OTEL_SDK_DISABLED=true`. */
  disabled?: boolean;
  /** `OTEL_LOG_LEVEL`, lower-cased. */
  logLevel?: (typeof DIAG_LEVELS)[number];
}

/** Appends `/v1/traces` to a base endpoint, as the OTLP/HTTP specification says for the generic variable. */
export function tracesUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

function readProtocol(env: NodeJS.ProcessEnv, warn: EnvWarn): EnvSettings['protocol'] {
  for (const variable of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const value = envEnum(env, variable, OTLP_PROTOCOLS, warn);
    if (value) return { value, variable };
  }
  return undefined;
}

function readExporters(env: NodeJS.ProcessEnv, warn: EnvWarn): TracesExporterName[] | undefined {
  const listed = envList(env, 'OTEL_TRACES_EXPORTER');
  if (!listed) return undefined;
  const known = listed.filter((name): name is TracesExporterName => (EXPORTER_NAMES as readonly string[]).includes(name));
  const unknown = listed.filter((name) => !known.includes(name as TracesExporterName));
  if (unknown.length > 0) {
    warn(
      `OTEL_TRACES_EXPORTER lists ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which setupTracing does not provide ` +
        `(it knows ${EXPORTER_NAMES.join(', ')}; pass any other exporter in code with the exporter option); ignored`,
    );
  }
  return known.length > 0 ? known : undefined;
}

/** One headers variable, without the entries HTTP cannot send (each reported by variable and header name). */
function headersOf(env: NodeJS.ProcessEnv, variable: string, warn: EnvWarn): Record<string, string> {
  return usableEnvHeaders(variable, envKeyValues(env, variable, warn), warn);
}

/** Reads the OTLP, exporter, resource and SDK variables, reporting each unusable one through `warn`. */
export function readEnvSettings(env: NodeJS.ProcessEnv = process.env, warn: EnvWarn = () => undefined): EnvSettings {
  const settings: EnvSettings = {};
  const protocol = readProtocol(env, warn);
  if (protocol) settings.protocol = protocol;
  const tracesEndpoint = envString(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (tracesEndpoint) settings.tracesEndpoint = tracesEndpoint;
  const endpoint = envString(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (endpoint) settings.endpoint = endpoint;
  const headers = { ...headersOf(env, 'OTEL_EXPORTER_OTLP_HEADERS', warn), ...headersOf(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS', warn) };
  if (Object.keys(headers).length > 0) settings.headers = headers;
  const timeout = envTimeout(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', warn) ?? envTimeout(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', warn);
  if (timeout !== undefined) settings.timeoutMillis = timeout;
  const exporters = readExporters(env, warn);
  if (exporters) settings.exporters = exporters;
  const propagators = envList(env, 'OTEL_PROPAGATORS');
  if (propagators) settings.propagators = propagators;
  const serviceName = envString(env, 'OTEL_SERVICE_NAME');
  if (serviceName) settings.serviceName = serviceName;
  const resource = envKeyValues(env, 'OTEL_RESOURCE_ATTRIBUTES', warn);
  if (Object.keys(resource).length > 0) settings.resourceAttributes = resource;
  if (envBoolean(env, 'OTEL_SDK_DISABLED', warn)) settings.disabled = true;
  const logLevel = envEnum(env, 'OTEL_LOG_LEVEL', DIAG_LEVELS, warn);
  if (logLevel) settings.logLevel = logLevel;
  return settings;
}
