import { diag } from '../otel-api';

/**
 * Makes room for one more event or link under its count limit, by the SDK's rule: once `records` holds `limit`
 * items the oldest goes (the latest say most about how the span ended). Says so at debug level on the span's first
 * drop (`firstDrop`). Returns whether an item was dropped; a limit of 0 is the caller's, since the SDK treats it
 * differently for events and for links.
 */
export function makeRoom(records: unknown[], limit: number | undefined, firstDrop: boolean, kind: 'events' | 'links'): boolean {
  if (limit === undefined || records.length < limit) return false;
  if (firstDrop) diag.debug(`Dropping extra ${kind}.`);
  records.shift();
  return true;
}
