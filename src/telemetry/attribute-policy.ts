import type { Attributes, Exception, TimeInput } from '@opentelemetry/api';
import { defaultSanitizer, Sanitizer } from '../sanitize';
import type { SanitizeOptions } from '../sanitize';

/** The three filters a {@link TracerCore} applies, derived from the `sanitize` option. */
export interface AttributePolicy {
  /** Whether the policy sanitizes (false only for `sanitize: false`): its spans are then clean at the source. */
  readonly sanitizes: boolean;
  filterAttributes(attributes: Attributes): Attributes;
  filterException(exception: Exception): Exception;
  filterText(text: string): string;
}

const RAW: AttributePolicy = {
  sanitizes: false,
  // A copy, because callers may add keys to what the policy returns.
  filterAttributes: (attributes) => ({ ...attributes }),
  filterException: (exception) => exception,
  filterText: (text) => text,
};

/**
 * Builds the filters for QueueOtel's spans: `false` filters nothing, a Sanitizer is used as it is, options build
 * one, and nothing means the process-wide {@link defaultSanitizer}. Exceptions are rebuilt as plain objects
 * carrying the sanitized message and stack: the SDK reads `name`, `message` and `stack` from them, and the error
 * object the application threw is left untouched.
 */
export function attributePolicy(option: SanitizeOptions | Sanitizer | false | undefined): AttributePolicy {
  if (option === false) return RAW;
  const sanitizer = option instanceof Sanitizer ? option : option === undefined ? defaultSanitizer() : new Sanitizer(option);
  return {
    sanitizes: true,
    filterAttributes: (attributes) => sanitizer.sanitizeAttributes(attributes),
    filterText: (text) => sanitizer.sanitizeText(text),
    filterException: (exception) => {
      if (typeof exception === 'string') return sanitizer.sanitizeText(exception);
      const { name, message, stack, code } = exception as { name?: string; message?: string; stack?: string; code?: string | number };
      const clean: { name?: string; message?: string; stack?: string; code?: string | number } = {};
      if (name !== undefined) clean.name = name;
      if (code !== undefined) clean.code = code;
      if (message !== undefined) clean.message = sanitizer.sanitizeText(message);
      if (stack !== undefined) clean.stack = sanitizer.sanitizeText(stack);
      return clean as Exception;
    },
  };
}

/** Whether the second argument of `addEvent` is attributes rather than a time. */
export function isAttributes(value: Attributes | TimeInput | undefined): value is Attributes {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}
