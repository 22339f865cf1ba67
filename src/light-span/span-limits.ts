import { diag } from '../otel-api';
import type { Attributes, AttributeValue, Link } from '@opentelemetry/api';
import { coreFunctions } from './core-functions';

/** The SDK's span limits as its tracer holds them (the provider fills in its defaults; any may be undefined). */
export interface SdkSpanLimits {
  attributeCountLimit?: number | undefined;
  attributeValueLengthLimit?: number | undefined;
  eventCountLimit?: number | undefined;
  linkCountLimit?: number | undefined;
  attributePerEventCountLimit?: number | undefined;
  attributePerLinkCountLimit?: number | undefined;
}

/**
 * Truncates text values (and the text items of arrays) to `limit` characters, as the SDK does: a limit that is
 * not positive truncates nothing and is warned about on every value, as the SDK warns. An array comes back as a
 * copy (the SDK's `map`), so that a caller changing its array later does not change the span.
 */
export function truncateValue(value: AttributeValue, limit: number): AttributeValue {
  // The providers' default: nothing to cut, only arrays to copy.
  if (limit === Infinity) return Array.isArray(value) ? (value.slice() as AttributeValue) : value;
  if (limit <= 0) {
    diag.warn(`Attribute value limit must be positive, got ${limit}`);
    return value;
  }
  if (typeof value === 'string') return value.length <= limit ? value : value.substring(0, limit);
  if (Array.isArray(value)) {
    return value.map((item: unknown) => (typeof item === 'string' && item.length > limit ? item.substring(0, limit) : item)) as AttributeValue;
  }
  return value;
}

/**
 * Copies the attributes of one event or one link into `out` as the SDK keeps them: invalid keys and values are
 * dropped with the warnings of `sanitizeAttributes` (null and undefined values are kept, as it keeps them), the
 * first `countLimit` are kept, their values truncated. Returns how many the count limit dropped.
 */
export function copyLimited(source: Attributes | undefined, countLimit: number | undefined, lengthLimit: number, out: Attributes): number {
  // A limit that is not positive warns per kept value: the SDK's two passes keep those warnings after the others.
  const { isAttributeValue, sanitizeAttributes } = coreFunctions();
  const valid = lengthLimit > 0 ? source : sanitizeAttributes(source);
  if (typeof valid !== 'object' || valid === null) return 0;
  let count = 0;
  let dropped = 0;
  for (const key in valid) {
    if (!Object.prototype.hasOwnProperty.call(valid, key)) continue;
    const value = valid[key];
    if (valid === source) {
      // One pass instead of the SDK's two (validate, then limit): the same outcome and warnings, one object less.
      if (key === '') {
        diag.warn(`Invalid attribute key: ${key}`);
        continue;
      }
      if (!isAttributeValue(value)) {
        diag.warn(`Invalid attribute value set for key: ${key}`);
        continue;
      }
    }
    if (countLimit !== undefined && count >= countLimit) {
      dropped++;
      continue;
    }
    out[key] = truncateValue(value as AttributeValue, lengthLimit);
    count++;
  }
  return dropped;
}

/** A link as the SDK keeps it: its attributes limited, `attributes` only if any is kept, the count of dropped ones if any. */
export function limitedLink(link: Link, countLimit: number | undefined, lengthLimit: number): Link {
  // Most links carry no attributes (a producer's context): nothing to validate, copy or count.
  if (link.attributes === undefined || !hasKeys(link.attributes)) return { context: link.context };
  const attributes: Attributes = {};
  const dropped = copyLimited(link.attributes, countLimit, lengthLimit, attributes);
  const kept: Link = { context: link.context };
  if (hasKeys(attributes)) kept.attributes = attributes;
  if (dropped > 0) kept.droppedAttributesCount = dropped;
  return kept;
}

/** Whether `attributes` has a key of its own. */
function hasKeys(attributes: Attributes): boolean {
  for (const key in attributes) if (Object.prototype.hasOwnProperty.call(attributes, key)) return true;
  return false;
}
