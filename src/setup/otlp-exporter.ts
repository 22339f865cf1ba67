import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { EnvWarn } from './env-parsers';
import { loadBeside, loadOnDemand } from './load-on-demand';
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

/**
 * The official OTLP exporter for the resolved transport, with every setting passed explicitly (so the exporter's
 * own reading of the environment cannot override the code). TLS and compression variables are still read by the
 * exporter itself.
 * @throws MissingPackageError naming the package and what chose the protocol, when it is not installed.
 */
export function createOtlpExporter(settings: OtlpSettings, warn: EnvWarn): SpanExporter {
  const packageName = OTLP_EXPORTER_PACKAGES[settings.protocol];
  const { OTLPTraceExporter } = loadOnDemand<OtlpExporterModule>(packageName, settings.protocolSource);
  const config: Record<string, unknown> = { url: settings.endpoint, timeoutMillis: settings.timeoutMillis };
  if (settings.protocol === 'grpc') {
    if (Object.keys(settings.headers).length > 0) config.metadata = grpcMetadata(packageName, settings.headers, warn);
  } else {
    config.headers = settings.headers;
  }
  return new OTLPTraceExporter(config);
}
