import '../peers/check-setup';
/**
 * `queue-otel/setup`: a tracer provider with the OTLP exporter of the chosen protocol, for applications without
 * an OpenTelemetry SDK of their own (docs/setup.md).
 */
export { setupTracing, DEFAULT_OTLP_ENDPOINT, DEFAULT_OTLP_GRPC_ENDPOINT, DEFAULT_OTLP_PROTOCOL, MissingPackageError } from '../setup';
export type {
  OtlpProtocol,
  SetupTracingOptions,
  SetupWarningLogger,
  TracesExporterChoice,
  TracesExporterName,
  TracingHandle,
  TracingOffReason,
} from '../setup';
