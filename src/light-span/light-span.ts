import { diag, SpanStatusCode } from '../otel-api';
import type {
  Attributes,
  AttributeValue,
  Exception,
  HrTime,
  Link,
  Span,
  SpanContext,
  SpanKind,
  SpanStatus,
  TimeInput,
} from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { SANITIZED_AT_SOURCE } from '../sanitize/source-marks';
import type { AttributePolicy } from '../telemetry/attribute-policy';
import { isAttributes } from '../telemetry/attribute-policy';
import { coreFunctions } from './core-functions';
import type { CoreFunctions } from './core-functions';
import { exceptionAttributes } from './exception-event';
import { INSPECT, inspectView } from './inspect-view';
import { newSpanAttributes } from './attribute-object';
import { copyLimited, limitedLink, truncateValue } from './span-limits';
import { eventTimeInput, spanTimeOf } from './span-time';
import { nextStatus } from './span-status';
import { makeRoom } from './bounded-records';
import type { SdkSpanLimits } from './span-limits';
import type { LightSpanHost } from './sdk-internals';
import type { LightSpanStart } from './light-span-start';

/** The event `recordException` adds (the SDK's name for it). */
const EXCEPTION_EVENT = 'exception';
/** What the SDK's span holds before its end; shared (frozen), since they are replaced, never changed. */
const NOT_ENDED = Object.freeze([0, 0]) as unknown as HrTime;
const NO_DURATION = Object.freeze([-1, -1]) as unknown as HrTime;
const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });

/**
 * One object that is both the live span QueueOtel and span processors write to and the `ReadableSpan` exporters
 * read: what `tracer.startSpan` plus QueueOtel's policy wrapper are, in one allocation and without a second call
 * per input. Its semantics are the SDK `SpanImpl`'s (limits, validation, status rules, times, processor calls),
 * which the conformance tests check field by field.
 *
 * The attribute policy applies to inputs while the span runs, as the wrapper applied it to QueueOtel's calls; it
 * is off during the processors' `onStart` and `onEnding`, where processors wrote to the unwrapped SDK span.
 */
export class LightSpan implements Span, ReadableSpan {
  name: string;
  readonly kind: SpanKind;
  /** Absent for a root span (the field still exists, as on the SDK's span). */
  readonly parentSpanContext?: SpanContext;
  readonly attributes: Attributes;
  readonly links: Link[] = [];
  readonly events: TimedEvent[] = [];
  readonly startTime: HrTime;
  endTime: HrTime = NOT_ENDED;
  status: SpanStatus = UNSET_STATUS;
  readonly resource: ReadableSpan['resource'];
  readonly instrumentationScope: ReadableSpan['instrumentationScope'];
  private readonly context: SpanContext;
  private readonly limits: SdkSpanLimits;
  private readonly lengthLimit: number;
  /** The performance clock at the start, and its offset from the wall clock then (see span-time.ts). */
  private readonly performanceStart: number;
  private readonly performanceOffset: number;
  private readonly startTimeProvided: boolean;
  private readonly host: LightSpanHost;
  /** `@opentelemetry/core`'s functions, held by the span to keep module lookups off the per-attribute path. */
  private readonly core: CoreFunctions;
  private readonly recordEndMetrics: () => void;
  /** Undefined while processors hold the span (onStart, onEnding): they wrote to the unwrapped SDK span. */
  private policy: AttributePolicy | undefined;
  /**
   * Puts so far, never below the number of keys the span holds (a key put again counts twice): while it is below the
   * count limit no put can be over it, and none has to ask whether its key is new. Exact once {@link countsKeys}.
   */
  private attributeBound = 0;
  /** Set when the bound first reaches the count limit: from then on each put asks, as the SDK's span always does. */
  private countsKeys = false;
  private droppedAttributes = 0;
  private droppedEvents = 0;
  private droppedLinks = 0;
  private isEnded = false;
  private spanDuration: HrTime = NO_DURATION;
  /** Set by startPolicySpan when the policy sanitizes (see src/sanitize/source-marks.ts). */
  [SANITIZED_AT_SOURCE] = false;

  constructor(start: LightSpanStart) {
    // Read in the SDK's order: the wall clock first, then the performance clock.
    const now = Date.now();
    this.core = coreFunctions();
    const otperformance = this.core.otperformance;
    this.performanceStart = otperformance.now();
    this.performanceOffset = now - (this.performanceStart + otperformance.timeOrigin);
    this.startTimeProvided = start.startTime != null;
    this.host = start.host;
    this.context = start.spanContext;
    this.limits = start.host.spanLimits;
    this.lengthLimit = this.limits.attributeValueLengthLimit ?? 0;
    this.recordEndMetrics = start.recordEndMetrics;
    this.name = start.name;
    if (start.parentSpanContext) this.parentSpanContext = start.parentSpanContext;
    this.kind = start.kind;
    for (const link of start.links) this.pushLink(link);
    this.startTime = this.hrTimeOf(start.startTime ?? now);
    this.resource = start.host.resource;
    this.instrumentationScope = start.host.instrumentationScope;
    // Start attributes nobody else holds (see startLightSpan) are kept as they are when putting each one would copy
    // them unchanged (no length limit to apply, the count within its limit), which saves a copy per span.
    const kept = start.ownedAttributeCount;
    const countLimit = this.limits.attributeCountLimit;
    if (kept >= 0 && this.lengthLimit === Infinity && (countLimit === undefined || kept <= countLimit)) {
      this.attributes = start.attributes;
      this.attributeBound = kept;
    } else {
      this.attributes = newSpanAttributes();
      this.putAttributes(start.attributes);
    }
    start.host.spanProcessor.onStart(this, start.context);
    this.policy = start.policy;
  }

  spanContext(): SpanContext {
    return this.context;
  }

  [INSPECT](): Record<string, unknown> {
    return inspectView(this);
  }

  // The ReadableSpan fields the SDK also computes or keeps private.
  get duration(): HrTime { return this.spanDuration; }
  get ended(): boolean { return this.isEnded; }
  get droppedAttributesCount(): number { return this.droppedAttributes; }
  get droppedEventsCount(): number { return this.droppedEvents; }
  get droppedLinksCount(): number { return this.droppedLinks; }

  setAttribute(key: string, value: AttributeValue): this {
    this.putAttribute(key, this.policy ? this.policy.filterValue(key, value) : value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    const policy = this.policy;
    if (!policy) {
      this.putAttributes(attributes);
      return this;
    }
    // Each value goes from the policy straight into the span: no filtered copy of the whole object in between.
    for (const key in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
      const clean = policy.filterValue(key, attributes[key]);
      if (clean !== undefined) this.putAttribute(key, clean);
    }
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    const policy = this.policy;
    if (!policy) return this.pushEvent(name, attributesOrTime, time);
    // An event name is code's choice, yet a handler may put an address or an id in one. Without attributes the times
    // go on as given: the SDK then takes the third argument when it is a time (`addEvent(name, undefined, time)`).
    const clean = policy.filterText(name);
    return this.pushEvent(clean, isAttributes(attributesOrTime) ? policy.filterAttributes(attributesOrTime) : attributesOrTime, time);
  }

  addLink(link: Link): this {
    // Filtered first, as the wrapper filtered before the SDK looked: the policy's counters see the same inputs.
    const clean = this.policy && link.attributes !== undefined ? { ...link, attributes: this.policy.filterAttributes(link.attributes) } : link;
    if (this.checkEnded()) return this;
    this.pushLink(clean);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    // The policy wrapper filtered any message it was given, before the SDK's rules below.
    const message: unknown = this.policy && status.message !== undefined ? this.policy.filterText(status.message) : status.message;
    if (this.checkEnded()) return this;
    const next = nextStatus(this.status, status, message);
    if (next === undefined) return this;
    this.status = next;
    return this;
  }

  updateName(name: string): this {
    const clean = this.policy ? this.policy.filterText(name) : name;
    if (this.checkEnded()) return this;
    this.name = clean;
    return this;
  }

  isRecording(): boolean {
    return !this.isEnded;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const clean = this.policy ? this.policy.filterException(exception) : exception;
    const attributes = exceptionAttributes(clean);
    if (attributes) this.pushEvent(EXCEPTION_EVENT, attributes, time);
    else diag.warn(`Failed to record an exception ${String(clean)}`);
  }

  end(endTime?: TimeInput): void {
    if (this.checkEnded()) {
      diag.error(`${this.name} ${this.context.traceId}-${this.context.spanId} - You can only call end() on a span once.`);
      return;
    }
    this.endTime = this.hrTimeOf(endTime);
    this.spanDuration = this.core.hrTimeDuration(this.startTime, this.endTime);
    if (this.spanDuration[0] < 0) {
      diag.warn('Inconsistent start and end time, startTime > endTime. Setting span duration to 0ms.', this.startTime, this.endTime);
      this.endTime = this.startTime.slice() as HrTime;
      this.spanDuration = [0, 0];
    }
    if (this.droppedEvents > 0) diag.warn(`Dropped ${this.droppedEvents} events because eventCountLimit reached`);
    if (this.droppedLinks > 0) diag.warn(`Dropped ${this.droppedLinks} links because linkCountLimit reached`);
    const processor = this.host.spanProcessor;
    if (processor.onEnding) {
      // Processors wrote to the unwrapped SDK span; QueueOtel's late calls (ignored, and warned about) still
      // go through the policy afterwards, as they went through the wrapper.
      const policy = this.policy;
      this.policy = undefined;
      processor.onEnding(this);
      this.policy = policy;
    }
    this.recordEndMetrics();
    this.isEnded = true;
    processor.onEnd(this);
  }

  /** The `HrTime` of a time input on this span's clock (see span-time.ts). */
  private hrTimeOf(input: TimeInput | undefined): HrTime {
    return spanTimeOf(this.core, input, this.startTime, this.performanceStart, this.performanceOffset, this.startTimeProvided);
  }

  /** Whether the span ended; warns, as the SDK does, that an operation on an ended span is ignored. */
  private checkEnded(): boolean {
    if (!this.isEnded) return false;
    const ids = `{traceId: ${this.context.traceId}, spanId: ${this.context.spanId}}`;
    diag.warn(`Cannot execute the operation on ended Span ${ids}`, new Error(`Operation attempted on ended Span ${ids}`));
    return true;
  }

  private putAttributes(attributes: Attributes): void {
    for (const key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) this.putAttribute(key, attributes[key]);
    }
  }

  /** One attribute, with the SDK's validation and count and length limits. */
  private putAttribute(key: string, value: AttributeValue | undefined): void {
    if (value == null || (this.isEnded && this.checkEnded())) return;
    if (key.length === 0) {
      diag.warn(`Invalid attribute key: ${key}`);
      return;
    }
    if (!this.core.isAttributeValue(value)) {
      diag.warn(`Invalid attribute value set for key: ${key}`);
      return;
    }
    const limit = this.limits.attributeCountLimit;
    if (limit !== undefined && (this.countsKeys || this.attributeBound >= limit)) {
      this.putCounted(key, value, limit);
      return;
    }
    this.attributes[key] = this.limitedValue(value);
    this.attributeBound++;
  }

  /** {@link putAttribute} at the count limit: the SDK's rule, a new key is dropped once the span holds `limit` keys. */
  private putCounted(key: string, value: AttributeValue, limit: number): void {
    if (!this.countsKeys) {
      this.attributeBound = Object.keys(this.attributes).length;
      this.countsKeys = true;
    }
    const isNew = !Object.prototype.hasOwnProperty.call(this.attributes, key);
    if (isNew && this.attributeBound >= limit) {
      this.droppedAttributes++;
      return;
    }
    this.attributes[key] = this.limitedValue(value);
    if (isNew) this.attributeBound++;
  }

  /** The providers' default length limit (none) keeps a primitive as it is: no call needed. */
  private limitedValue(value: AttributeValue): AttributeValue {
    return this.lengthLimit === Infinity && !Array.isArray(value) ? value : truncateValue(value, this.lengthLimit);
  }

  private pushEvent(name: string, attributesOrTime: Attributes | TimeInput | undefined, time: TimeInput | undefined): this {
    if (this.checkEnded()) return this;
    const limit = this.limits.eventCountLimit;
    if (limit === 0) {
      diag.warn('No events allowed.');
      this.droppedEvents++;
      return this;
    }
    if (makeRoom(this.events, limit, this.droppedEvents === 0, 'events')) this.droppedEvents++;
    const attributes = this.core.isTimeInput(attributesOrTime) ? undefined : attributesOrTime;
    const kept: Attributes = {};
    const dropped = copyLimited(attributes, this.limits.attributePerEventCountLimit, this.lengthLimit, kept);
    const eventTime = this.hrTimeOf(eventTimeInput(this.core, attributesOrTime, time));
    this.events.push({ name, attributes: kept, time: eventTime, droppedAttributesCount: dropped });
    return this;
  }

  /** One link, with the SDK's link count limit (the oldest goes) and per-link attribute limits. */
  private pushLink(link: Link): void {
    const limit = this.limits.linkCountLimit;
    if (limit === 0) {
      this.droppedLinks++;
      return;
    }
    if (makeRoom(this.links, limit, this.droppedLinks === 0, 'links')) this.droppedLinks++;
    const kept = limitedLink(link, this.limits.attributePerLinkCountLimit, this.lengthLimit);
    this.links.push(kept);
  }
}
