import type { Attributes, Context, Link, SpanContext, SpanKind as Kind, TimeInput } from '@opentelemetry/api';
import type { AttributePolicy } from '../telemetry/attribute-policy';
import type { LightSpanHost } from './sdk-internals';

/** What a light span starts with: the result of the sampling step in `startLightSpan` (start-light-span.ts). */
export interface LightSpanStart {
  host: LightSpanHost;
  /** The parent context, handed to the processors' `onStart`. */
  context: Context;
  spanContext: SpanContext;
  parentSpanContext: SpanContext | undefined;
  name: string;
  kind: Kind;
  /** Links with validated attributes, as the sampler saw them. */
  links: Link[];
  /** Validated start attributes, the sampler's own merged in. */
  attributes: Attributes;
  /**
   * How many entries `attributes` holds when the span may keep it as its own object rather than copy it (each entry
   * would be kept as it is, and nobody else holds it: QueueOtel built it, and only a sampler known to keep nothing saw
   * it), else -1.
   */
  ownedAttributeCount: number;
  startTime: TimeInput | undefined;
  /** What the tracer's metrics want called when the span ends. */
  recordEndMetrics: () => void;
  /** The attribute policy for everything set after the start (the start inputs already went through it). */
  policy: AttributePolicy;
}
