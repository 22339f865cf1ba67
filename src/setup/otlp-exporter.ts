import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { EnvWarn } from './env-parsers';
import { grpcCredentials, grpcHelpers } from './grpc-credentials';
import type { GrpcHelpers, GrpcMetadata } from './grpc-credentials';
import { loadOnDemand } from './load-on-demand';
import type { ClosableAgents } from './otlp-agent';
import type { OtlpProtocol } from './options';
import type { OtlpSettings } from './resolve-settings';
import { readTlsFiles, TLS_VARIABLES } from './tls-files';

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

/**
 * gRPC takes headers as `Metadata` of the `@grpc/grpc-js` copy the exporter uses; its own helper builds it, so
 * the application never needs grpc-js itself.
 */
function grpcMetadata(helpers: GrpcHelpers, headers: Record<string, string>, warn: EnvWarn): GrpcMetadata {
  const metadata = helpers.createEmptyMetadata();
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
 * Runs `build` with `names` out of `process.env`, restored afterwards. The exporters read these variables once,
 * when constructed, whatever the code gives them:
 * - the headers they merge under the ones in code (they cannot be overridden key by key, only added to).
 *   setupTracing already passes every header it resolved, checked, from the `env` option; the exporter's own reading
 *   would add back the ones it left out as unsendable (every export then failing) and read `process.env` where `env`
 *   was given.
 * - over HTTP, the TLS files, which the HTTP exporter reads even when given an agent factory and then drops: a
 *   second read of each file, and a second warning (on `diag`) for one it cannot read. setupTracing reads them
 *   itself for its agent (readTlsFiles).
 * Synchronous, so nothing else runs while the variables are out.
 */
function withoutVariables<T>(names: readonly string[], build: () => T): T {
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  try {
    return build();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * The official OTLP exporter for the resolved transport, with every setting passed explicitly (so the exporter's
 * own reading of the environment cannot override the code; the variables it would read anyway are hidden from it
 * while it is built, see withoutVariables, or made moot by the code's value). Compression is still read by the
 * exporter itself. The TLS files are read here, once (readTlsFiles): over gRPC for the channel credentials given
 * in code (grpcCredentials); over HTTP for the agents it connects through, which the caller closes when its
 * shutdown is over.
 * @throws MissingPackageError naming the package and what chose the protocol, when it is not installed.
 */
export function createOtlpExporter(settings: OtlpSettings, warn: EnvWarn, agents: ClosableAgents): SpanExporter {
  const packageName = OTLP_EXPORTER_PACKAGES[settings.protocol];
  const { OTLPTraceExporter } = loadOnDemand<OtlpExporterModule>(packageName, settings.protocolSource);
  const config: Record<string, unknown> = { url: settings.endpoint, timeoutMillis: settings.timeoutMillis };
  if (settings.protocol === 'grpc') {
    const helpers = grpcHelpers(packageName);
    if (Object.keys(settings.headers).length > 0) config.metadata = grpcMetadata(helpers, settings.headers, warn);
    config.credentials = grpcCredentials(helpers, settings.endpoint, warn);
    return withoutVariables(HEADER_VARIABLES, () => new OTLPTraceExporter(config));
  }
  config.headers = settings.headers;
  // Over http: the files would not be used, so they are not read (nor reported).
  config.httpAgentOptions = agents.factory(new URL(settings.endpoint).protocol === 'https:' ? readTlsFiles(warn) : {});
  return withoutVariables([...HEADER_VARIABLES, ...TLS_VARIABLES], () => new OTLPTraceExporter(config));
}
