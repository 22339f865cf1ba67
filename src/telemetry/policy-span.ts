import type {
  Attributes,
  AttributeValue,
  Context,
  Exception,
  Link,
  Span,
  SpanContext,
  SpanKind,
  SpanOptions,
  SpanStatus,
  TimeInput,
  Tracer,
} from '@opentelemetry/api';
import { markSanitizedAtSource } from '../sanitize';
import type { AttributePolicy } from './attribute-policy';
import { filterAttributesInto, isAttributes } from './attribute-policy';
import { LightSpan, newSpanAttributes, startLightSpan } from '../light-span';
import { BullmqNativeAttributes, MessagingAttributes } from '../vocabulary';

/** A span QueueOtel asks for, before the attribute policy. */
export interface PolicySpanRequest {
  /** The first word of the span name (`process`, `wait`, `stalled` ...): chosen by code, not by users. */
  operation: string;
  /** The queue: the rest of the span name (none when empty). User data, so it goes through the policy like any value. */
  queue: string;
  kind: SpanKind;
  /** What the span starts with, which is all a sampler sees. */
  attributes: Attributes;
  startTime: TimeInput;
  links?: Link[] | undefined;
}

/**
 * How QueueOtel starts an OpenTelemetry span (with {@link startFilteredSpan}, which the tracer core calls directly
 * when a start template holds the filtered name and fixed attributes). Its name, start attributes and links go through
 * `policy` before the SDK (and its sampler) sees them, and a recording span is handed back wrapped, so
 * whatever is set on it later (attributes, events, exceptions, status, a new name) goes through the same
 * policy. Spans reach the application's own tracer provider this way, with or without a sanitizing
 * processor there; one that sanitizes is marked, so that such a processor does not scan it again. An
 * unsampled span is returned as it is: it records nothing and needs no guard.
 */
export function startPolicySpan(tracer: Tracer, policy: AttributePolicy, request: PolicySpanRequest, parent: Context): Span {
  return startFilteredSpan(tracer, policy, filterSpanRequest(policy, request), parent);
}

/** The name and start attributes of `request` through `policy`: what {@link startPolicySpan} starts a span with. */
export function filterSpanRequest(policy: AttributePolicy, request: PolicySpanRequest): FilteredSpanRequest {
  // Into an object a light span keeps as it is (see attribute-object.ts): the span later adds its end attributes to it.
  const attributes = filterAttributesInto(newSpanAttributes(), policy, request.attributes);
  const name = request.queue === '' ? request.operation : `${request.operation} ${queueInName(policy, request, attributes)}`;
  return { name, kind: request.kind, attributes, startTime: request.startTime, links: request.links };
}

/** A span whose name and start attributes went through the policy already (see start-templates.ts). */
export interface FilteredSpanRequest {
  name: string;
  kind: SpanKind;
  /** Filtered, in an object the span may keep (see attribute-object.ts). */
  attributes: Attributes;
  startTime: TimeInput;
  /** Not filtered yet: done here. */
  links?: Link[] | undefined;
}

/** Starts a span as {@link startPolicySpan} does, for a request whose name and attributes are filtered already. */
export function startFilteredSpan(tracer: Tracer, policy: AttributePolicy, request: FilteredSpanRequest, parent: Context): Span {
  const options: SpanOptions = { kind: request.kind, attributes: request.attributes, startTime: request.startTime };
  if (request.links !== undefined) options.links = filterLinks(policy, request.links);
  const name = request.name;
  // The SDK's tracer, when detected, is spared its SpanImpl and this function its wrapper: a LightSpan is both,
  // and applies the policy itself (see src/light-span). Anything else goes through the public API.
  const span = startLightSpan(tracer, name, options, parent, policy) ?? tracer.startSpan(name, options, parent);
  if (!span.isRecording()) return span;
  // A sanitizing processor or exporter downstream then passes it on as it is (sanitized once, counted once).
  if (policy.sanitizes) markSanitizedAtSource(span);
  return span instanceof LightSpan ? span : new PolicySpan(span, policy);
}

/** Keys that name the queue on QueueOtel's spans: messaging spans use the convention's, the wait span BullMQ's. */
const QUEUE_KEYS = [MessagingAttributes.destinationName, BullmqNativeAttributes.queueName] as const;

/** The queue as the span name shows it: the filtered queue attribute when there is one, spared a second pass. */
function queueInName(policy: AttributePolicy, request: PolicySpanRequest, filtered: Attributes): string {
  for (const key of QUEUE_KEYS) {
    const clean = filtered[key];
    if (typeof clean === 'string' && request.attributes[key] === request.queue) return clean;
  }
  return policy.filterText(request.queue);
}

function filterLink(policy: AttributePolicy, link: Link): Link {
  return link.attributes === undefined ? link : { ...link, attributes: policy.filterAttributes(link.attributes) };
}

/** `links` with their attributes through the policy; the same array when no link has attributes (nothing to filter). */
function filterLinks(policy: AttributePolicy, links: Link[]): Link[] {
  for (let i = 0; i < links.length; i++) {
    if (links[i]!.attributes !== undefined) return links.map((link) => filterLink(policy, link));
  }
  return links;
}

export { isAttributes } from './attribute-policy';

/** A recording SDK span whose every input passes the attribute policy on its way in. */
class PolicySpan implements Span {
  constructor(
    private readonly span: Span,
    private readonly policy: AttributePolicy,
  ) {}

  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    return this.setAttributes({ [key]: value });
  }

  setAttributes(attributes: Attributes): this {
    this.span.setAttributes(this.policy.filterAttributes(attributes));
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    // Event names are code's choice, yet a handler may put an address or an id in one.
    const clean = this.policy.filterText(name);
    // Without attributes the times go on as given: the SDK takes the third argument when it is a time.
    this.span.addEvent(clean, isAttributes(attributesOrTime) ? this.policy.filterAttributes(attributesOrTime) : attributesOrTime, time);
    return this;
  }

  addLink(link: Link): this {
    this.span.addLink(filterLink(this.policy, link));
    return this;
  }

  addLinks(links: Link[]): this {
    this.span.addLinks(filterLinks(this.policy, links));
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.span.setStatus(status.message === undefined ? status : { code: status.code, message: this.policy.filterText(status.message) });
    return this;
  }

  updateName(name: string): this {
    this.span.updateName(this.policy.filterText(name));
    return this;
  }

  end(endTime?: TimeInput): void {
    this.span.end(endTime);
  }

  isRecording(): boolean {
    return this.span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.span.recordException(this.policy.filterException(exception), time);
  }
}
