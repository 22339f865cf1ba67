import { Sanitizer } from './sanitizer';
import type { SanitizeOptions } from './options';

/** Accepts a ready {@link Sanitizer} (to share counters) or options to build one. */
export function resolveSanitizer(sanitizer: Sanitizer | SanitizeOptions | undefined): Sanitizer {
  return sanitizer instanceof Sanitizer ? sanitizer : new Sanitizer(sanitizer ?? {});
}
