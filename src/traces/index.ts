/** Trace sources: backend clients and parsers, all normalising to the span model. */
export type {
  TraceAttributeValue,
  TraceAttributes,
  TraceEvent,
  TraceLink,
  TraceSpan,
  TraceSpanKind,
  TraceStatusCode,
} from './span-model';
export type { HttpTraceSourceOptions, TraceSource } from './trace-source';
export { TraceSourceHttpError } from './trace-source';
export type { TraceRead } from './trace-read';
export { parseOtlpJson, parseOtlpResourceSpans } from './otlp-json-parser';
export { parseJaegerV3, parseJsonDocuments } from './jaeger-v3-parser';
export { parseJaegerLegacy } from './jaeger-legacy-parser';
export { parseTempoV1, parseTempoV2 } from './tempo-parser';
export { parseZipkinV2 } from './zipkin-parser';
export { normaliseSpanId, normaliseTraceId, requireTraceId } from './span-ids';
export type { JaegerTraceSourceOptions } from './jaeger-trace-source';
export { JaegerTraceSource } from './jaeger-trace-source';
export type { TempoTraceSourceOptions } from './tempo-trace-source';
export { TempoTraceSource } from './tempo-trace-source';
export type { ZipkinTraceSourceOptions } from './zipkin-trace-source';
export { ZipkinTraceSource } from './zipkin-trace-source';
