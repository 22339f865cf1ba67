/**
 * Redis stream entry ids are `<ms>-<seq>`, where `<ms>` is the Redis server's clock when the entry was
 * added. BullMQ adds its events inside the same script that changes the job, so the id is the time the
 * event happened, on one clock for every worker.
 */

/** Epoch milliseconds encoded in a stream entry id, or undefined when it is not one. */
export function streamIdTime(id: unknown): number | undefined {
  if (typeof id !== 'string') return undefined;
  const dash = id.indexOf('-');
  const ms = Number(dash < 0 ? id : id.slice(0, dash));
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}
