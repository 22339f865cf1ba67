/** The one entry point that turns a link configuration and a trace into a URL. */
import type { TraceLinkConfig, TraceLinkTarget } from './link-config';
import { fillTemplate } from './fill-template';
import { linkValues, requireSetting } from './link-values';
import { datadogUrl, grafanaTempoUrl, honeycombUrl, jaegerUrl, zipkinUrl } from './presets';

/** The preset names, for flag parsing and help texts. */
export const TRACE_LINK_PRESETS = ['jaeger', 'grafana-tempo', 'datadog', 'honeycomb', 'zipkin', 'custom'] as const;

/** Custom templates must yield a web URL: the result is handed to the system opener. */
function requireWebUrl(url: string, template: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new TypeError(`Link template "${template}" does not produce a valid URL`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`Link template "${template}" must produce an http or https URL`);
  return url;
}

/**
 * Builds the deep link for a trace (and optionally a span and time window). Validates ids (32/16 hex),
 * times and the configuration, throwing an Error that names what is wrong or missing.
 */
export function buildTraceUrl(config: TraceLinkConfig, target: TraceLinkTarget): string {
  const values = linkValues(target);
  switch (config.preset) {
    case 'jaeger':
      return jaegerUrl(config, values);
    case 'grafana-tempo':
      return grafanaTempoUrl(config, values);
    case 'datadog':
      return datadogUrl(config, values);
    case 'honeycomb':
      return honeycombUrl(config, values);
    case 'zipkin':
      return zipkinUrl(config, values);
    case 'custom': {
      const template = requireSetting('custom', 'template', config.template);
      return requireWebUrl(fillTemplate(template, values), template);
    }
    default: {
      const preset: unknown = (config as { preset?: unknown }).preset;
      throw new TypeError(`Unknown deep link preset "${String(preset)}"; expected one of ${TRACE_LINK_PRESETS.join(', ')}`);
    }
  }
}
