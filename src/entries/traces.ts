/**
 * `queue-otel/traces`: reading traces back (the span store's model, Jaeger, Tempo, Zipkin), laying them out as a
 * waterfall, deep links to an APM, and printing untrusted text safely on a terminal (docs/trace-backends.md).
 */

// Trace sources and the span model
export { JaegerTraceSource, TempoTraceSource, ZipkinTraceSource, TraceSourceHttpError, requireTraceId } from '../traces';
// The parsers the sources use, for saved responses (pure functions: untrusted JSON in, spans out)
export {
  parseJaegerLegacy,
  parseJaegerV3,
  parseJsonDocuments,
  parseOtlpJson,
  parseOtlpResourceSpans,
  parseTempoV1,
  parseTempoV2,
  parseZipkinV2,
} from '../traces';
export type {
  HttpTraceSourceOptions,
  JaegerTraceSourceOptions,
  TempoTraceSourceOptions,
  TraceAttributeValue,
  TraceAttributes,
  TraceEvent,
  TraceLink,
  TraceRead,
  TraceSource,
  TraceSpan,
  TraceSpanKind,
  TraceStatusCode,
  ZipkinTraceSourceOptions,
} from '../traces';

// Waterfall: the text renderer, and the layout pieces a terminal UI draws with
export {
  barFor,
  buildRuler,
  buildSpanTree,
  createTimeScale,
  criticalPath,
  criticalPathIds,
  fitText,
  flattenTree,
  formatDuration,
  renderBar,
  renderWaterfallText,
  rowLabel,
  traceBounds,
} from '../waterfall';
export type {
  Bar,
  CriticalSegment,
  RowLabelStyle,
  RulerTick,
  SpanTreeNode,
  TimeRuler,
  TimeScale,
  WaterfallRow,
  WaterfallTextOptions,
} from '../waterfall';

// Deep links and terminal hyperlinks
export { buildTraceUrl, osc8Link, TRACE_LINK_PRESETS } from '../links';
export type {
  CustomLinkConfig,
  DatadogLinkConfig,
  GrafanaTempoLinkConfig,
  HoneycombLinkConfig,
  JaegerLinkConfig,
  TraceLinkConfig,
  TraceLinkTarget,
  ZipkinLinkConfig,
} from '../links';

// Untrusted text on a terminal: control characters shown, never executed
export { terminalSafe, terminalSafeJson, terminalSafeLines } from '../terminal';
