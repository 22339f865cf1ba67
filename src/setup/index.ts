export { setupTracing } from './setup-tracing';
export { DEFAULT_OTLP_ENDPOINT, DEFAULT_OTLP_GRPC_ENDPOINT, DEFAULT_OTLP_PROTOCOL, resolveSettings } from './resolve-settings';
export type { ExporterSpec, OtlpSettings, ResolvedSettings } from './resolve-settings';
export type {
  OtlpProtocol,
  SetupTracingOptions,
  SetupWarningLogger,
  TracesExporterChoice,
  TracesExporterName,
  TracingHandle,
  TracingOffReason,
  TraceLimits,
} from './options';
export { OTLP_PROTOCOLS, readEnvSettings, tracesUrl } from './env-settings';
export type { EnvSettings } from './env-settings';
export { parseKeyValueList } from './env-parsers';
export { MissingPackageError } from './load-on-demand';
export { OTLP_EXPORTER_PACKAGES } from './otlp-exporter';
export { tracerProviderRegistered } from './existing-provider';
