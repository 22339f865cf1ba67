export { setupTracing, DEFAULT_OTLP_ENDPOINT } from './setup-tracing';
export type { SetupTracingOptions, TracingHandle } from './setup-tracing';
export { parseKeyValueList, readEnvSettings, tracesUrl } from './env-settings';
export type { EnvSettings } from './env-settings';
