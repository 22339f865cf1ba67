import type { Attributes } from '@opentelemetry/api';

/**
 * Makes the objects spans keep their attributes in. A plain `{}` has room for four properties in the object itself;
 * V8 turns one that is given more than about twenty through computed keys (as attributes are) into a slow
 * dictionary, and a process span carries about twenty. Objects of a constructor get more room (fast up to about 24
 * keys), and with `Object.prototype` as the constructor's prototype they are plain objects to everyone reading them:
 * same prototype, `constructor` is `Object`. Filling one with 20 attributes measured 2.3x faster than filling `{}`.
 */
function SpanAttributeObject(): void {
  // Nothing: the object's room comes from being made by `new`.
}
SpanAttributeObject.prototype = Object.prototype;

const Construct = SpanAttributeObject as unknown as new () => Attributes;

/** A new, empty attributes object with room for a span's attributes (see above). */
export function newSpanAttributes(): Attributes {
  return new Construct();
}
