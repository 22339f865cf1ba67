/** One URL builder per APM preset; each receives validated values. */
import type {
  DatadogLinkConfig,
  GrafanaTempoLinkConfig,
  HoneycombLinkConfig,
  JaegerLinkConfig,
  ZipkinLinkConfig,
} from './link-config';
import type { LinkValues } from './link-values';
import { requireBaseUrl, requireSetting } from './link-values';

const enc = encodeURIComponent;

/** `{base}/trace/{traceId}`, with `?uiFind={spanId}` to highlight a span. */
export function jaegerUrl(config: JaegerLinkConfig, values: LinkValues): string {
  const base = requireBaseUrl('jaeger', 'baseUrl', config.baseUrl);
  return `${base}/trace/${values.traceId}${values.spanId ? `?uiFind=${values.spanId}` : ''}`;
}

/**
 * Explore's pane id. Grafana (explore URL schema version 1) keeps a pane id only when it is 3 characters of
 * `[0-9a-z]` with at least one letter, and replaces any other with a random one, rewriting the URL.
 */
const GRAFANA_PANE_ID = 'qot';

/**
 * Grafana Explore with one pane running a TraceQL trace-id query. Without times the range is the last hour:
 * Tempo looks trace ids up regardless, and Grafana needs some range.
 */
export function grafanaTempoUrl(config: GrafanaTempoLinkConfig, values: LinkValues): string {
  // The address of Explore itself, as the browser shows it, stands for the Grafana it belongs to.
  const given = requireBaseUrl('grafana-tempo', 'grafanaUrl', config.grafanaUrl);
  const base = /\/explore$/i.test(new URL(given).pathname) ? given.replace(/\/explore$/i, '') : given;
  const uid = requireSetting('grafana-tempo', 'datasourceUid', config.datasourceUid);
  const orgId = config.orgId ?? 1;
  if (!Number.isInteger(orgId) || orgId < 1) throw new TypeError('Deep link preset "grafana-tempo": orgId must be a positive integer');
  const pane = {
    datasource: uid,
    queries: [{ refId: 'A', datasource: { type: 'tempo', uid }, queryType: 'traceql', query: values.traceId }],
    range: {
      from: values.startMs !== undefined ? String(values.startMs) : 'now-1h',
      to: values.endMs !== undefined ? String(values.endMs) : 'now',
    },
  };
  return `${base}/explore?schemaVersion=1&orgId=${orgId}&panes=${enc(JSON.stringify({ [GRAFANA_PANE_ID]: pane }))}`;
}

/**
 * `https://{site}/apm/trace/{traceId}`. Datadog shows span ids as unsigned 64-bit decimals, so `spanID` is
 * converted from hex; `timeHint` narrows the search to the trace's start.
 */
export function datadogUrl(config: DatadogLinkConfig, values: LinkValues): string {
  const site = config.site === undefined ? 'app.datadoghq.com' : requireSetting('datadog', 'site', config.site);
  if (!/^[a-z0-9.-]+$/i.test(site)) throw new TypeError(`Deep link preset "datadog": site "${site}" is not a host name`);
  const query: string[] = [];
  if (values.spanId) query.push(`spanID=${BigInt(`0x${values.spanId}`).toString(10)}`);
  if (values.startMs !== undefined) query.push(`timeHint=${values.startMs}`);
  return `https://${site}/apm/trace/${values.traceId}${query.length ? `?${query.join('&')}` : ''}`;
}

/** Honeycomb's trace view; Honeycomb Classic has no environment segment. Times are Unix seconds. */
export function honeycombUrl(config: HoneycombLinkConfig, values: LinkValues): string {
  const team = requireSetting('honeycomb', 'team', config.team);
  const dataset = requireSetting('honeycomb', 'dataset', config.dataset);
  const host = config.host === undefined ? 'ui.honeycomb.io' : requireSetting('honeycomb', 'host', config.host);
  if (!/^[a-z0-9.-]+$/i.test(host)) throw new TypeError(`Deep link preset "honeycomb": host "${host}" is not a host name`);
  const environment = config.environment === undefined ? undefined : requireSetting('honeycomb', 'environment', config.environment);
  const path = environment
    ? `${enc(team)}/environments/${enc(environment)}/datasets/${enc(dataset)}`
    : `${enc(team)}/datasets/${enc(dataset)}`;
  const query = [`trace_id=${values.traceId}`];
  if (values.spanId) query.push(`span=${values.spanId}`);
  if (values.startSec !== undefined) query.push(`trace_start_ts=${values.startSec}`);
  if (values.endSec !== undefined) query.push(`trace_end_ts=${values.endSec}`);
  return `https://${host}/${path}/trace?${query.join('&')}`;
}

/**
 * `{base}/zipkin/traces/{traceId}`: the Zipkin UI is served under `/zipkin/` of the server. A base URL that already
 * ends in `/zipkin` (the UI's address as the browser shows it) is not given a second one, which the UI would not route.
 */
export function zipkinUrl(config: ZipkinLinkConfig, values: LinkValues): string {
  const base = requireBaseUrl('zipkin', 'baseUrl', config.baseUrl);
  const ui = /\/zipkin$/i.test(new URL(base).pathname) ? base : `${base}/zipkin`;
  return `${ui}/traces/${values.traceId}`;
}
