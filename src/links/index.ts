/** Deep links from a trace to an APM, and OSC 8 terminal hyperlinks. */
export type {
  CustomLinkConfig,
  DatadogLinkConfig,
  GrafanaTempoLinkConfig,
  HoneycombLinkConfig,
  JaegerLinkConfig,
  TraceLinkConfig,
  TraceLinkTarget,
  ZipkinLinkConfig,
} from './link-config';
export { TRACE_LINK_PRESETS, buildTraceUrl } from './build-trace-url';
export type { LinkValues } from './link-values';
export { linkValues } from './link-values';
export { fillTemplate } from './fill-template';
export { osc8Link } from './osc8-link';
