import type { Attributes, AttributeValue, Link, SpanKind, TimeInput } from '@opentelemetry/api';
import { MESSAGING_SYSTEM, MessagingAttributes, ServerAttributes } from '../vocabulary';
import { newSpanAttributes } from '../light-span';
import { filterAttributesInto } from './attribute-policy';
import type { AttributePolicy } from './attribute-policy';
import type { JobFacts } from './job-facts';
import { operationTypeOf } from './operations';
import { filterSpanRequest } from './policy-span';
import type { FilteredSpanRequest } from './policy-span';
import type { ServerAddress } from './server-address';

/**
 * The part of a span's start that is the same for every span of one operation on one queue and server: its name and
 * the fixed start attributes (`messaging.system`, the operation's name and type, the destination, the server), put
 * through the attribute policy once. Spans copy the kept values instead of building and filtering them again.
 */
export interface StartTemplate {
  readonly operation: string;
  readonly server: ServerAddress | undefined;
  /** The span name: `{operation} {queue}` with the queue as the policy kept it. */
  readonly name: string;
  /** The fixed attributes before the policy (what a span started with, for `decorate`'s comparison). */
  readonly raw: Attributes;
  /** The same keys, in the same order, after the policy: parallel arrays, copied by index. */
  readonly keys: readonly string[];
  readonly values: readonly AttributeValue[];
}

/** How a span started, kept for what it writes when it ends (see TracerCore.decorate). */
export interface SpanStart {
  /** Its own start attributes (job name, attempt, scheduler), before the policy. */
  readonly attributes: Attributes;
  /** Its fixed start attributes, before the policy (see {@link StartedRequest.fixed}). */
  readonly fixed: Attributes;
  /** What the start attributes were built from, besides what never changes (operation, destination, server). */
  readonly job: JobFacts | undefined;
  readonly queue: string;
}

/** A span's filtered start, with the fixed attributes it was made from before the policy. */
export interface StartedRequest extends FilteredSpanRequest {
  /** The fixed start attributes before the policy: the template's, or those built for the long way. */
  readonly fixed: Attributes;
}

/** How many queues keep templates: beyond it (a queue per tenant …) spans are built the long way. */
const MAX_QUEUES = 1000;

/**
 * How many templates one queue keeps (operations times servers; a few dozen in practice). Templates are found by the
 * server's address object, which instances of one server share up to MAX_SHARED_SERVER_ADDRESSES (server-address.ts);
 * beyond that, each new instance would have learnt templates of its own: spans of further ones take the long way.
 */
export const MAX_TEMPLATES_PER_QUEUE = 64;

/** The fixed start attributes of one kind of span, before the policy (see {@link fixedStartAttributes}). */
export type FixedAttributes = (operation: string, queue: string, server: ServerAddress | undefined) => Attributes;

/**
 * Templates by queue, then by operation and server, for one kind of span (`fixed` says what its fixed attributes
 * are). A template is learnt from the first span of its kind, which went through the policy the long way: only if
 * the policy kept every fixed value unchanged and may reuse values (see {@link AttributePolicy.reusesValues}), so
 * that a reused value is one the policy would keep as it is again, counting nothing but the attribute it examined
 * (which {@link StartTemplates.copyInto} counts). Learning filters nothing itself: no value is counted twice.
 */
export class StartTemplates {
  /** Null marks a queue whose fixed values the policy changes or drops: its spans always take the long way. */
  private readonly byQueue = new Map<string, StartTemplate[] | null>();

  constructor(
    private readonly policy: AttributePolicy,
    private readonly fixed: FixedAttributes,
  ) {}

  /** How many templates are kept, over all queues (tests and diagnostics). */
  get size(): number {
    let count = 0;
    for (const list of this.byQueue.values()) count += list?.length ?? 0;
    return count;
  }

  /** The template of spans of `operation` on `queue` and `server`, once learnt. */
  find(operation: string, queue: string, server: ServerAddress | undefined): StartTemplate | undefined {
    const list = this.byQueue.get(queue);
    if (!list) return undefined;
    for (let i = 0; i < list.length; i++) {
      const template = list[i]!;
      if (template.operation === operation && template.server === server) return template;
    }
    return undefined;
  }

  /**
   * Learns the template of spans of `operation` on `queue` and `server` from one that started the long way: `name`
   * and `filtered` are what the policy made of its name and start attributes. Bounded: beyond 1000 queues, or
   * {@link MAX_TEMPLATES_PER_QUEUE} templates of one queue, nothing more is learnt.
   */
  private learn(operation: string, queue: string, server: ServerAddress | undefined, name: string, filtered: Attributes): void {
    if (!this.policy.reusesValues || queue === '') return;
    let list = this.byQueue.get(queue);
    if (list === null) return;
    if (list === undefined) {
      if (this.byQueue.size >= MAX_QUEUES) return;
      list = [];
      this.byQueue.set(queue, list);
    }
    if (list.length >= MAX_TEMPLATES_PER_QUEUE || this.find(operation, queue, server) !== undefined) return;
    const template = this.templateOf(operation, queue, server, name, filtered);
    // One value the policy changed marks the queue: its names or values need the policy every time.
    if (template === undefined) this.byQueue.set(queue, null);
    else list.push(template);
  }

  /**
   * The filtered start of a span of `operation` on `queue` and `server`, whose own start attributes (before the policy)
   * are `own`. With a learnt template its values are copied and only `own` is filtered; else the fixed attributes and
   * `own` go through the policy the long way, and the template is learnt from the result. Kind, start time and links
   * come as arguments rather than an object: this runs for every recorded span.
   */
  request(operation: string, queue: string, server: ServerAddress | undefined, own: Attributes, kind: SpanKind, startTime: TimeInput, links?: Link[]): StartedRequest {
    const template = this.find(operation, queue, server);
    if (template === undefined) {
      const fixed = this.fixed(operation, queue, server);
      const attributes = Object.assign({}, fixed, own);
      const filtered = filterSpanRequest(this.policy, { operation, queue, attributes, kind, startTime, links });
      this.learn(operation, queue, server, filtered.name, filtered.attributes);
      return { name: filtered.name, kind, attributes: filtered.attributes, startTime, links, fixed };
    }
    const attributes = newSpanAttributes();
    this.copyInto(template, attributes);
    filterAttributesInto(attributes, this.policy, own);
    return { name: template.name, kind, attributes, startTime, links, fixed: template.raw };
  }

  /** Copies the template's values into `target` and counts them as examined, as filtering them would have. */
  private copyInto(template: StartTemplate, target: Attributes): void {
    const { keys, values } = template;
    for (let i = 0; i < keys.length; i++) target[keys[i]!] = values[i];
    this.policy.countReused(keys.length);
  }

  private templateOf(operation: string, queue: string, server: ServerAddress | undefined, name: string, filtered: Attributes): StartTemplate | undefined {
    if (name !== `${operation} ${queue}`) return undefined;
    const raw = this.fixed(operation, queue, server);
    const keys: string[] = [];
    const values: AttributeValue[] = [];
    for (const key of Object.keys(raw)) {
      const value = raw[key]!;
      if (filtered[key] !== value) return undefined;
      keys.push(key);
      values.push(value);
    }
    return { operation, server, name, raw, keys, values };
  }
}

/**
 * The start attributes every messaging span of `operation` on `queue` and `server` has, before the policy: the first
 * part of its sampling attributes (see span-attributes.ts), in their order.
 */
export const fixedStartAttributes: FixedAttributes = function fixedStartAttributes(operation: string, queue: string, server: ServerAddress | undefined): Attributes {
  const attributes: Attributes = {
    [MessagingAttributes.system]: MESSAGING_SYSTEM,
    [MessagingAttributes.operationName]: operation,
  };
  // `addBulkFlows` has no one destination: the conventions then leave it out (of the name too).
  if (queue !== '') attributes[MessagingAttributes.destinationName] = queue;
  // Only the conventions' operation types; BullMQ's background operations (extendLocks ...) have none.
  const type = operationTypeOf(operation);
  if (type !== undefined) attributes[MessagingAttributes.operationType] = type;
  if (server) {
    attributes[ServerAttributes.address] = server.address;
    if (server.port !== undefined) attributes[ServerAttributes.port] = server.port;
  }
  return attributes;
};
