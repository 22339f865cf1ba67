import { diag } from '@opentelemetry/api';
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { sanitizeAttributes } from '@opentelemetry/core';

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
 * not positive truncates nothing and is warned about on every value, as the SDK warns.
 */
export function truncateValue(value: AttributeValue, limit: number): AttributeValue {
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

/** The attributes of an event or a link after validation, the per-item count limit and truncation. */
export interface LimitedAttributes {
  attributes: Attributes;
  /** How many attributes the count limit dropped (invalid ones are not counted, as in the SDK). */
  dropped: number;
  /** How many were kept. */
  kept: number;
}

/**
 * Validates `attributes` (invalid values are dropped, as `sanitizeAttributes` does), keeps the first `countLimit`
 * and truncates their values: what the SDK does to the attributes of one event or one link.
 */
export function limitAttributes(attributes: Attributes | undefined, countLimit: number | undefined, lengthLimit: number): LimitedAttributes {
  const valid = sanitizeAttributes(attributes);
  const kept: Attributes = {};
  let count = 0;
  let dropped = 0;
  for (const key in valid) {
    if (!Object.prototype.hasOwnProperty.call(valid, key)) continue;
    if (countLimit !== undefined && count >= countLimit) {
      dropped++;
      continue;
    }
    kept[key] = truncateValue(valid[key]!, lengthLimit);
    count++;
  }
  return { attributes: kept, dropped, kept: count };
}
