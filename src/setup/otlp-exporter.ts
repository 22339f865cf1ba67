import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { EnvWarn } from './env-parsers';
import { loadBeside, loadOnDemand } from './load-on-demand';
import type { ClosableAgents } from './otlp-agent';
import type { OtlpProtocol } from './options';
import type { OtlpSettings } from './resolve-settings';

/** The official OpenTelemetry JS trace exporter of each OTLP transport: optional peers, loaded on demand. */
export const OTLP_EXPORTER_PACKAGES: Readonly<Record<OtlpProtocol, string>> = {
  'http/protobuf': '@opentelemetry/exporter-trace-otlp-proto',
  'http/json': '@opentelemetry/exporter-trace-otlp-http',
  grpc: '@opentelemetry/exporter-trace-otlp-grpc',
};

/** What the three packages have in common: an `OTLPTraceExporter` class taking a config object. */
interface OtlpExporterModule {
  OTLPTraceExporter: new (config: Record<string, unknown>) => SpanExporter;
}

/** The part of gRPC's `Metadata` used here. */
interface GrpcMetadata {
  set(key: string, value: string): void;
}

/**
 * gRPC takes headers as `Metadata` of the `@grpc/grpc-js` copy the exporter uses; its own helper builds it, so
 * the application never needs grpc-js itself.
 */
function grpcMetadata(exporterPackage: string, headers: Record<string, string>, warn: EnvWarn): GrpcMetadata {
  const { createEmptyMetadata } = loadBeside<{ createEmptyMetadata(): GrpcMetadata }>(exporterPackage, '@opentelemetry/otlp-grpc-exporter-base');
  const metadata = createEmptyMetadata();
  for (const [key, value] of Object.entries(headers)) {
    try {
      metadata.set(key.toLowerCase(), value);
    } catch {
      // gRPC refuses some keys and values HTTP takes; the value is a secret and stays out of the message.
      warn(`header ${JSON.stringify(key)} is not valid gRPC metadata (lower-case letters, digits, - _ . in the key, printable ASCII in the value); ignored`);
    }
  }
  return metadata;
}

/** The header variables the official exporters read from `process.env` themselves, whatever they are given in code. */
const HEADER_VARIABLES = ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'] as const;

/**
 * Runs `build` with the header variables out of `process.env`, restored afterwards. The exporters merge the headers
 * they read there under the ones in code (they cannot be overridden key by key, only added to), and they read them
 * once, when constructed. setupTracing already passes every header it resolved, checked, from the `env` option; the
 * exporter's own reading would add back the ones it left out as unsendable (every export then failing) and read
 * `process.env` where `env` was given. Synchronous, so nothing else runs while the variables are out.
 */
function withoutHeaderVariables<T>(build: () => T): T {
  const saved = HEADER_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  try {
    return build();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * The official OTLP exporter for the resolved transport, with every setting passed explicitly (so the exporter's
 * own reading of the environment cannot override the code; its headers variables are hidden from it while it is
 * built, see withoutHeaderVariables). TLS and compression variables are still read by the
 * exporter itself.
 * Over HTTP it connects through `agents`, which the caller closes when its shutdown is over.
 * @throws MissingPackageError naming the package and what chose the protocol, when it is not installed.
 */
export function createOtlpExporter(settings: OtlpSettings, warn: EnvWarn, agents: ClosableAgents): SpanExporter {
  const packageName = OTLP_EXPORTER_PACKAGES[settings.protocol];
  const { OTLPTraceExporter } = loadOnDemand<OtlpExporterModule>(packageName, settings.protocolSource);
  const config: Record<string, unknown> = { url: settings.endpoint, timeoutMillis: settings.timeoutMillis };
  if (settings.protocol === 'grpc') {
    if (Object.keys(settings.headers).length > 0) config.metadata = grpcMetadata(packageName, settings.headers, warn);
  } else {
    config.headers = settings.headers;
    config.httpAgentOptions = agents.factory;
  }
  return withoutHeaderVariables(() => new OTLPTraceExporter(config));
}
