import { createHash, createHmac } from 'node:crypto';
import type { AttributeValue } from '@opentelemetry/api';

/**
 * Describes a payload without its content: its size in UTF-8 bytes and the first 12 hex digits of its
 * SHA-256 (or HMAC-SHA256 with `hashKey`). Equal payloads get equal summaries, so a backend can still group
 * "same result" jobs.
 * @example
 * summarizePayload('{"email":"a@b.co"}') // "[PAYLOAD size=18B sha256=…]"
 */
export function summarizePayload(value: AttributeValue, hashKey?: string): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const bytes = Buffer.byteLength(text, 'utf8');
  const hash = hashKey === undefined ? createHash('sha256') : createHmac('sha256', hashKey);
  const digest = hash.update(text, 'utf8').digest('hex').slice(0, 12);
  return `[PAYLOAD size=${bytes}B ${hashKey === undefined ? 'sha256' : 'hmac'}=${digest}]`;
}
