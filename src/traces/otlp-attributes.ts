/**
 * OTLP `AnyValue` / `KeyValue` conversion to the span model's flat attributes. The model only holds
 * primitives and homogeneous arrays, so nested structures are flattened or serialised rather than dropped.
 */
import type { TraceAttributes, TraceAttributeValue } from './span-model';
import { asArray, asNumber, isRecord } from './json-guards';

type Primitive = string | number | boolean;

/**
 * How deep arrays and kvlists are followed. Real attributes nest a few levels; a hostile response can nest
 * thousands, which would overflow the stack (losing the whole trace) and build ever longer dotted keys.
 * Deeper values are dropped (inside an array: shown as null).
 */
const MAX_DEPTH = 16;

/** Reads one scalar `AnyValue`; `intValue` arrives as a string in protobuf JSON. */
function scalar(value: Record<string, unknown>): Primitive | undefined {
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined) return asNumber(value.intValue);
  if (value.doubleValue !== undefined) return asNumber(value.doubleValue);
  // Bytes stay base64: there is no binary attribute type in the model and base64 is what the source sent.
  if (typeof value.bytesValue === 'string') return value.bytesValue;
  return undefined;
}

/** Turns a list of primitives into a homogeneous array; mixed lists fall back to strings. */
function homogeneous(items: Primitive[]): TraceAttributeValue {
  if (items.every((item): item is string => typeof item === 'string')) return items;
  if (items.every((item): item is number => typeof item === 'number')) return items;
  if (items.every((item): item is boolean => typeof item === 'boolean')) return items;
  return items.map(String);
}

/** A readable JSON form of a nested value, for array elements the model cannot hold natively. */
function toPlain(value: unknown, depth: number): unknown {
  if (!isRecord(value) || depth > MAX_DEPTH) return null;
  const single = scalar(value);
  if (single !== undefined) return single;
  if (isRecord(value.arrayValue)) return asArray(value.arrayValue.values).map((item) => toPlain(item, depth + 1));
  if (isRecord(value.kvlistValue)) {
    const entries = asArray(value.kvlistValue.values).filter(isRecord);
    return Object.fromEntries(entries.map((entry) => [String(entry.key), toPlain(entry.value, depth + 1)]));
  }
  return null;
}

/** Adds one `AnyValue` under `key`, flattening kvlists to dotted keys (`http.request.header.x`). */
function addValue(target: TraceAttributes, key: string, value: unknown, depth: number): void {
  if (!isRecord(value) || depth > MAX_DEPTH) return;
  const single = scalar(value);
  if (single !== undefined) {
    target[key] = single;
    return;
  }
  if (isRecord(value.arrayValue)) {
    const items = asArray(value.arrayValue.values);
    const primitives = items.map((item) => (isRecord(item) ? scalar(item) : undefined));
    target[key] = primitives.every((item): item is Primitive => item !== undefined)
      ? homogeneous(primitives)
      : items.map((item) => JSON.stringify(toPlain(item, depth + 1)));
    return;
  }
  if (isRecord(value.kvlistValue)) {
    for (const entry of asArray(value.kvlistValue.values)) {
      if (isRecord(entry) && typeof entry.key === 'string') addValue(target, `${key}.${entry.key}`, entry.value, depth + 1);
    }
  }
}

/** Converts an OTLP `KeyValue[]` list to attributes; entries without a key or a value are skipped. */
export function otlpAttributes(list: unknown): TraceAttributes {
  const attributes: TraceAttributes = {};
  for (const entry of asArray(list)) {
    if (isRecord(entry) && typeof entry.key === 'string') addValue(attributes, entry.key, entry.value, 0);
  }
  return attributes;
}
