import '../peers/check-setup';
/** `queue-otel/setup`: a tracer provider with an OTLP exporter for applications without an SDK of their own (docs/setup.md). */
export { setupTracing, DEFAULT_OTLP_ENDPOINT } from '../setup';
export type { SetupTracingOptions, TracingHandle } from '../setup';
