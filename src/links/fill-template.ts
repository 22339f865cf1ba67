/** Placeholder substitution for custom link templates. */
import type { LinkValues } from './link-values';

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const KNOWN = new Set(['traceId', 'spanId', 'startMs', 'endMs', 'startSec', 'endSec']);

/**
 * Replaces `{name}` placeholders with URL-encoded values. An unknown placeholder or one whose value was not
 * given is an error, because a link with a literal `{spanId}` in it would silently open the wrong page.
 */
export function fillTemplate(template: string, values: LinkValues): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!KNOWN.has(name)) throw new TypeError(`Unknown placeholder {${name}} in link template "${template}"`);
    const value = values[name as keyof LinkValues];
    if (value === undefined) throw new TypeError(`Link template "${template}" uses {${name}}, which was not given`);
    return encodeURIComponent(String(value));
  });
}
