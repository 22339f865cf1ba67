/** Deep-link configuration: one preset per APM, or a custom URL template. */

/** Jaeger UI: `{baseUrl}/trace/{traceId}`. */
export interface JaegerLinkConfig {
  preset: 'jaeger';
  /** For example `http://localhost:16686`. */
  baseUrl: string;
}

/** Grafana Explore with a Tempo data source. */
export interface GrafanaTempoLinkConfig {
  preset: 'grafana-tempo';
  /** For example `https://grafana.example.com`. */
  grafanaUrl: string;
  /** The Tempo data source's uid (Connections → Data sources → the uid in the URL). */
  datasourceUid: string;
  /** Grafana organisation id; 1 by default. */
  orgId?: number;
}

/** Datadog APM. */
export interface DatadogLinkConfig {
  preset: 'datadog';
  /** The Datadog site's app host; `app.datadoghq.com` by default (`app.datadoghq.eu`, `us5.datadoghq.com`, ...). */
  site?: string;
}

/** Honeycomb. */
export interface HoneycombLinkConfig {
  preset: 'honeycomb';
  team: string;
  /** Omit for Honeycomb Classic, whose URLs have no environment segment. */
  environment?: string;
  dataset: string;
  /** `ui.honeycomb.io` by default; `ui.eu1.honeycomb.io` for the EU instance. */
  host?: string;
}

/** Zipkin UI: `{baseUrl}/zipkin/traces/{traceId}`. */
export interface ZipkinLinkConfig {
  preset: 'zipkin';
  /** For example `http://localhost:9411`. */
  baseUrl: string;
}

/** Any other tool: a URL template with `{traceId}`, `{spanId}`, `{startMs}`, `{endMs}`, `{startSec}`, `{endSec}`. */
export interface CustomLinkConfig {
  preset: 'custom';
  template: string;
}

/** Every supported deep-link configuration. */
export type TraceLinkConfig =
  | JaegerLinkConfig
  | GrafanaTempoLinkConfig
  | DatadogLinkConfig
  | HoneycombLinkConfig
  | ZipkinLinkConfig
  | CustomLinkConfig;

/** What to link to. Times are Unix milliseconds of the trace's start and end. */
export interface TraceLinkTarget {
  traceId: string;
  spanId?: string;
  startMs?: number;
  endMs?: number;
}
