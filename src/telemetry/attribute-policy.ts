import type { Attributes, AttributeValue, Exception, TimeInput } from '@opentelemetry/api';
import { defaultSanitizer, Sanitizer } from '../sanitize';
import type { SanitizeOptions } from '../sanitize';
import { errorMessageOf } from '../vocabulary';

/** The three filters a {@link TracerCore} applies, derived from the `sanitize` option. */
export interface AttributePolicy {
  /** Whether the policy sanitizes (false only for `sanitize: false`): its spans are then clean at the source. */
  readonly sanitizes: boolean;
  /** The Sanitizer applied (undefined for `sanitize: false`): observers redact the names they export with it. */
  readonly sanitizer: Sanitizer | undefined;
  filterAttributes(attributes: Attributes): Attributes;
  /**
   * One entry of {@link filterAttributes}: the value to keep under `key`, or undefined when it is dropped (or was
   * undefined or null). Lets a span take each value as it comes, without an object in between.
   */
  filterValue(key: string, value: AttributeValue | undefined): AttributeValue | undefined;
  filterException(exception: Exception): Exception;
  filterText(text: string): string;
  /**
   * Whether a value this policy kept unchanged may be reused for the same key without asking again: true unless
   * per-key redactors (user code, which may count or vary) are configured. See start-templates.ts.
   */
  readonly reusesValues: boolean;
  /** Counts `count` attributes as examined that a caller reused instead of filtering again (see `reusesValues`). */
  countReused(count: number): void;
}

const RAW: AttributePolicy = {
  sanitizes: false,
  sanitizer: undefined,
  // A copy, because callers (and spans that keep it) add keys to what the policy returns. Built key by key, not
  // spread: V8 gives a spread copy a map that keys added later do not share between objects, which made a span
  // that kept it (see LightSpan) several times slower to fill.
  filterAttributes: (attributes) => filterAttributesInto({}, RAW, attributes),
  filterValue: (_key, value) => value ?? undefined,
  filterException: (exception) => exception,
  filterText: (text) => text,
  reusesValues: true,
  countReused: () => undefined,
};

/** Puts what `policy` keeps of `attributes` into `target`, value by value (see `filterValue`), and returns it. */
export function filterAttributesInto(target: Attributes, policy: AttributePolicy, attributes: Attributes): Attributes {
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    const clean = policy.filterValue(key, attributes[key]);
    if (clean !== undefined) target[key] = clean;
  }
  return target;
}

/**
 * Builds the filters for QueueOtel's spans: `false` filters nothing, a Sanitizer is used as it is, options build
 * one, and nothing means the process-wide {@link defaultSanitizer}. Exceptions are rebuilt as plain objects
 * carrying the sanitized message and stack: the SDK reads `name`, `message` and `stack` from them, and the error
 * object the application threw is left untouched. Their `name` and `code` (`exception.type`) are redacted and cut
 * like any value (see {@link limitedType}).
 */
export function attributePolicy(option: SanitizeOptions | Sanitizer | false | undefined): AttributePolicy {
  if (option === false) return RAW;
  const sanitizer = option instanceof Sanitizer ? option : option === undefined ? defaultSanitizer() : new Sanitizer(option);
  return {
    sanitizes: true,
    sanitizer,
    filterAttributes: (attributes) => sanitizer.sanitizeAttributes(attributes),
    filterValue: (key, value) => sanitizer.sanitizeValue(key, value),
    filterText: (text) => sanitizer.sanitizeText(text),
    reusesValues: !sanitizer.hasRedactors,
    countReused: (count) => sanitizer.countExamined(count),
    filterException: (exception) => {
      if (typeof exception === 'string') return sanitizer.sanitizeText(exception);
      const { name, message, stack, code } = exception as { name?: string; message?: string; stack?: string; code?: string | number };
      const clean: { name?: string; message?: string; stack?: string; code?: string | number } = {};
      if (name !== undefined) clean.name = limitedType(sanitizer, name);
      if (code !== undefined) clean.code = typeof code === 'number' ? code : limitedType(sanitizer, code);
      if (message !== undefined) clean.message = sanitizer.sanitizeText(message);
      if (stack !== undefined) clean.stack = sanitizer.sanitizeText(stack);
      return clean as Exception;
    },
  };
}

/**
 * An exception's type as the SDK will write it into `exception.type` (the error's class name, or its code), redacted
 * and cut like `error.type` (the same text on the span): both come from whatever a handler threw, a class name or code
 * built from job data is as personal as a message, and a 100 KB class name was exported whole. Only failures pay for
 * it, and the sanitizer remembers the usual clean types (`TypeError`, `ECONNREFUSED`), so a repeat costs a Set lookup.
 */
function limitedType(sanitizer: Sanitizer, type: unknown): string {
  // The SDK calls toString() on a code; a code that is neither string nor number is turned into text here instead.
  return sanitizer.sanitizeText(typeof type === 'string' ? type : errorMessageOf(type));
}

/** Whether the second argument of `addEvent` is attributes rather than a time. */
export function isAttributes(value: Attributes | TimeInput | undefined): value is Attributes {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}
