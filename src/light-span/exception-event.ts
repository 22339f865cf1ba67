import type { Attributes, Exception } from '@opentelemetry/api';

/**
 * The attributes of the `exception` event `recordException` adds, as the SDK builds them: the message of a string;
 * of an object, its `code` (else its `name`) as the type, its message and stack. Undefined when there is neither a
 * type nor a message, the specification's minimum: the SDK then adds no event (and warns).
 */
export function exceptionAttributes(exception: Exception): Attributes | undefined {
  const attributes: Attributes = {};
  if (typeof exception === 'string') {
    attributes['exception.message'] = exception;
  } else if (exception) {
    if (exception.code) attributes['exception.type'] = exception.code.toString();
    else if (exception.name) attributes['exception.type'] = exception.name;
    if (exception.message) attributes['exception.message'] = exception.message;
    if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
  }
  return attributes['exception.type'] || attributes['exception.message'] ? attributes : undefined;
}
