/**
 * The values of `@opentelemetry/api` that QueueOtel uses, read from the package once.
 *
 * The API's CommonJS index defines every export as a getter, on an exports object that V8 keeps in dictionary mode.
 * Code that names `trace` or `TraceFlags.SAMPLED` from it does an uncached property lookup and a getter call on every
 * read (a generic LoadIC, about 150 instructions), and the span path reads such names a few dozen times per job.
 * Read here once, they are plain fields of a fast object. They are the API's singletons, enums, constants and
 * functions: none is ever replaced, so a copy taken at load is the same value the package would return later.
 * Types still come from `@opentelemetry/api` itself (`import type`); each value that is also a type (an enum, a
 * class) is paired here with its type, so that one import serves both.
 */
import * as api from '@opentelemetry/api';

// Singletons: their global state (the registered provider, context manager, propagator, logger) lives behind them.
export const context = api.context;
export const diag = api.diag;
export const propagation = api.propagation;
export const trace = api.trace;

// Enums and classes, each with its type.
export const SamplingDecision = api.SamplingDecision;
export type SamplingDecision = api.SamplingDecision;
export const SpanKind = api.SpanKind;
export type SpanKind = api.SpanKind;
export const SpanStatusCode = api.SpanStatusCode;
export type SpanStatusCode = api.SpanStatusCode;
export const TraceFlags = api.TraceFlags;
export type TraceFlags = api.TraceFlags;
export const DiagConsoleLogger = api.DiagConsoleLogger;
export type DiagConsoleLogger = api.DiagConsoleLogger;
export const ProxyTracer = api.ProxyTracer;
export type ProxyTracer = api.ProxyTracer;

// Constants.
export const INVALID_SPAN_CONTEXT = api.INVALID_SPAN_CONTEXT;
export const INVALID_SPANID = api.INVALID_SPANID;
export const INVALID_TRACEID = api.INVALID_TRACEID;
export const ROOT_CONTEXT = api.ROOT_CONTEXT;
export const defaultTextMapGetter = api.defaultTextMapGetter;
export const defaultTextMapSetter = api.defaultTextMapSetter;

// Functions.
export const createContextKey = api.createContextKey;
export const createNoopMeter = api.createNoopMeter;
