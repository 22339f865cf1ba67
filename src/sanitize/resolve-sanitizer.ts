import { defaultSanitizer } from './default-sanitizer';
import { Sanitizer } from './sanitizer';
import type { SanitizeOptions } from './options';

/** Accepts a ready {@link Sanitizer} (to share counters) or options to build one; nothing means the process-wide default. */
export function resolveSanitizer(sanitizer: Sanitizer | SanitizeOptions | undefined): Sanitizer {
  if (sanitizer instanceof Sanitizer) return sanitizer;
  return sanitizer === undefined ? defaultSanitizer() : new Sanitizer(sanitizer);
}
