/**
 * The standard `OTEL_*` variables that override what code passes to {@link setupTracing}: operators
 * point a deployed service at another Collector, add auth headers or rename it without a rebuild.
 */

/** What the environment says, each field only when its variable is set. */
export interface EnvSettings {
  tracesEndpoint?: string;
  headers?: Record<string, string>;
  serviceName?: string;
  resourceAttributes?: Record<string, string>;
  disabled?: boolean;
}

/** Parses `k1=v1,k2=v2` lists (values URL-encoded), as OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES use. */
export function parseKeyValueList(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      out[key] = value;
    }
  }
  return out;
}

/** Appends `/v1/traces` to a base endpoint, as the OTLP/HTTP specification says for the generic variable. */
export function tracesUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

/** Reads the OTLP, resource and SDK variables. */
export function readEnvSettings(env: NodeJS.ProcessEnv = process.env): EnvSettings {
  const settings: EnvSettings = {};
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) settings.tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  else if (env.OTEL_EXPORTER_OTLP_ENDPOINT) settings.tracesEndpoint = tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const headers = { ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS ?? ''), ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? '') };
  if (Object.keys(headers).length > 0) settings.headers = headers;
  if (env.OTEL_SERVICE_NAME) settings.serviceName = env.OTEL_SERVICE_NAME;
  const resource = parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  if (Object.keys(resource).length > 0) settings.resourceAttributes = resource;
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') settings.disabled = true;
  return settings;
}
