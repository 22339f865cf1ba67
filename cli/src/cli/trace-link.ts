/** Turns the `--apm`/`--apm-url`/`--link-template` settings into a deep-link builder over queue-otel/traces. */
import { TRACE_LINK_PRESETS, buildTraceUrl, traceBounds } from 'queue-otel/traces';
import type { TraceLinkConfig, TraceLinkTarget, TraceSpan } from 'queue-otel/traces';
import type { TraceLinkBuilder } from './services';
import { UsageError } from './usage-error';
import type { CliSettings } from './settings';

function needUrl(settings: CliSettings, preset: string): string {
  if (!settings.apmUrl) throw new UsageError(`--apm ${preset} needs --apm-url (or QUEUE_OTEL_APM_URL)`);
  return settings.apmUrl;
}

/** `url` parsed, or a UsageError naming the flag: a bare `new URL` throws a TypeError the CLI prints with its stack. */
function parseApmUrl(preset: string, url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new UsageError(`--apm ${preset}: --apm-url (or QUEUE_OTEL_APM_URL) is not a URL: ${JSON.stringify(url)}`);
  }
}

/**
 * Datadog's app host from `--apm-url`: its address (`https://app.datadoghq.eu`) or the host alone
 * (`app.datadoghq.eu`, how Datadog names a site), which `new URL` refuses.
 */
function datadogSite(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? parseApmUrl('datadog', url).host : url.replace(/\/+$/, '');
}

/** Honeycomb's team, environment and dataset, read from a UI URL such as `https://ui.honeycomb.io/acme/environments/prod/datasets/jobs`. */
function honeycombConfig(url: string): TraceLinkConfig {
  const parsed = parseApmUrl('honeycomb', url);
  const parts = parsed.pathname.split('/').filter(Boolean);
  const team = parts[0];
  const environment = parts[1] === 'environments' ? parts[2] : undefined;
  const datasetIndex = parts.indexOf('datasets');
  const dataset = datasetIndex >= 0 ? parts[datasetIndex + 1] : undefined;
  if (!team || !dataset) throw new UsageError('--apm honeycomb needs --apm-url https://ui.honeycomb.io/<team>/environments/<env>/datasets/<dataset>');
  return { preset: 'honeycomb', team, dataset, host: parsed.host, ...(environment ? { environment } : {}) };
}

/** A trace with every value a link can use, to try a configuration on before any real trace needs it. */
const SAMPLE_TARGET = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', startMs: 1_700_000_000_000, endMs: 1_700_000_001_000 };

/**
 * The link configuration for the settings, or undefined when none is configured. Throws a UsageError for bad ones,
 * including those only building a link finds (`--apm-url notaurl`, `--link-template https://apm/{trace}`): the link
 * builder swallows its errors, so such a setting would otherwise start the UI with no link and no word why.
 */
export function linkConfigFrom(settings: CliSettings): TraceLinkConfig | undefined {
  const config = presetConfig(settings);
  if (!config) return undefined;
  try {
    buildTraceUrl(config, SAMPLE_TARGET);
  } catch (error) {
    const flag = config.preset === 'custom' ? '--link-template (or QUEUE_OTEL_LINK_TEMPLATE)' : `--apm ${config.preset}`;
    throw new UsageError(`${flag} cannot make a link: ${error instanceof Error ? error.message : String(error)}`);
  }
  return config;
}

/** The configuration the settings ask for, not yet tried. */
function presetConfig(settings: CliSettings): TraceLinkConfig | undefined {
  if (settings.linkTemplate) return { preset: 'custom', template: settings.linkTemplate };
  const preset = settings.apm?.toLowerCase();
  if (!preset) return undefined;
  switch (preset) {
    case 'jaeger':
      return { preset, baseUrl: needUrl(settings, preset) };
    case 'zipkin':
      return { preset, baseUrl: needUrl(settings, preset) };
    case 'grafana-tempo': {
      const datasourceUid = settings.apmDatasource;
      if (!datasourceUid) throw new UsageError('--apm grafana-tempo needs --apm-datasource <uid> (or QUEUE_OTEL_APM_DATASOURCE): the uid of the Tempo data source in Grafana');
      return { preset, grafanaUrl: needUrl(settings, preset), datasourceUid };
    }
    case 'datadog':
      return settings.apmUrl ? { preset, site: datadogSite(settings.apmUrl) } : { preset };
    case 'honeycomb':
      return honeycombConfig(needUrl(settings, preset));
    default:
      throw new UsageError(`unknown --apm "${preset}" (one of ${TRACE_LINK_PRESETS.filter((p) => p !== 'custom').join(', ')}, or use --link-template)`);
  }
}

/** The link target for a trace: its root span and time window when the spans are known. */
export function linkTarget(traceId: string, spans: readonly TraceSpan[] = []): TraceLinkTarget {
  if (spans.length === 0) return { traceId };
  const root = spans.find((span) => span.parentSpanId === undefined) ?? spans[0];
  const bounds = traceBounds(spans);
  const startMs = Math.floor(bounds.startUs / 1000);
  const endMs = Math.ceil(bounds.endUs / 1000);
  return { traceId, startMs, endMs, ...(root ? { spanId: root.spanId } : {}) };
}

/** A builder that never throws: a link that cannot be built is reported as no link. */
export function createLinkBuilder(config: TraceLinkConfig | undefined): TraceLinkBuilder {
  return (traceId, spans) => {
    if (!config) return undefined;
    try {
      return buildTraceUrl(config, linkTarget(traceId, spans));
    } catch {
      return undefined;
    }
  };
}
