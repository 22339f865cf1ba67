/**
 * Reads spans that were stored but not yet forwarded (the fallback-buffer role of the store) and marks them
 * forwarded. Per trace, the spans list only grows at its tail, so "forwarded" is a count `f` in the trace's
 * meta hash: entries at index >= f are pending. A pending set holds the traces with such entries; every
 * write gives a trace a new sequence number there, which lets a reader remove a trace only if nothing was
 * written to it since it was read.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { RedisClient } from './connection';
import type { StoreKeys } from './keys';
import { runCommands, valueOf } from './pipeline-runner';
import type { SlotCommand } from './pipeline-runner';
import { isWrongType } from './reply-errors';
import { ScriptNames } from './scripts';
import { MAX_SPAN_RECORD_BYTES, decodeSpan } from './span-codec';
import type { StoredSpan } from './stored-span';
import { toReadableSpans } from './to-readable-span';

/** Spans read from the buffer and not yet marked forwarded. */
export interface BufferedBatch {
  /** Rebuilt spans, ready for an OTLP exporter; oldest-written traces first. */
  spans: ReadableSpan[];
  /** Marks exactly these spans forwarded. Call it after the backend accepted them; idempotent. */
  markForwarded(): Promise<void>;
}

interface TraceCursor {
  traceId: string;
  sequence: string;
  forwarded: number;
  taken: number;
  /** True when the read reached the end of the trace's list. */
  complete: boolean;
}

type Invoke = (pipeline: unknown, name: string, args: (string | number)[]) => void;
const invoke: Invoke = (pipeline, name, args) => {
  const method = (pipeline as Record<string, (...a: (string | number)[]) => unknown>)[name];
  if (!method) throw new Error(`span store script ${name} is not registered`);
  method.apply(pipeline, args);
};

async function pendingTraces(client: RedisClient, keys: StoreKeys, limit: number): Promise<[string, string][]> {
  const flat = await client.zrange(keys.pending(), 0, String(limit - 1), 'WITHSCORES');
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as string, flat[i + 1] as string]);
  return pairs;
}

async function markForwarded(client: RedisClient, keys: StoreKeys, cursors: readonly TraceCursor[]): Promise<void> {
  const advance = cursors.filter((c) => c.taken > 0).map((c): SlotCommand => ({
    slotKey: keys.meta(c.traceId),
    add: (p) => invoke(p, ScriptNames.markForwarded, [keys.meta(c.traceId), c.forwarded, c.forwarded + c.taken]),
  }));
  for (const reply of await runCommands(client, advance)) valueOf(reply);
  // Only after the counts moved: a trace leaves the pending set when it was read to its end and not written since.
  const unpend = cursors.filter((c) => c.complete).map((c): SlotCommand => ({
    slotKey: keys.pending(),
    add: (p) => invoke(p, ScriptNames.unpendIfUnchanged, [keys.pending(), c.traceId, c.sequence]),
  }));
  for (const reply of await runCommands(client, unpend)) valueOf(reply);
}

/** A key of another type, or the read script failing on the values it found (`ERR user_script:…`). */
function isDataError(error: Error): boolean {
  return isWrongType(error) || error.message.includes('user_script');
}

/**
 * Reads up to `limit` pending spans, oldest-written traces first, without marking them.
 * Delivery is at least once: a crash between the backend accepting the spans and `markForwarded` re-sends them.
 */
export async function readBuffered(client: RedisClient, keys: StoreKeys, limit: number): Promise<BufferedBatch> {
  const cursors: TraceCursor[] = [];
  const stored: StoredSpan[] = [];
  if (limit <= 0) return { spans: [], markForwarded: async () => undefined };
  const traces = await pendingTraces(client, keys, limit);
  const replies = await runCommands(client, traces.map(([traceId]): SlotCommand => ({
    slotKey: keys.spans(traceId),
    add: (p) => invoke(p, ScriptNames.readUnforwarded, [keys.spans(traceId), keys.meta(traceId), limit, MAX_SPAN_RECORD_BYTES]),
  })));
  traces.forEach(([traceId, sequence], index) => {
    const reply = replies[index];
    if (!reply) throw new Error('missing Redis reply');
    if (!reply.ok) {
      // An error about this trace's keys (not a list and a hash, a non-numeric `f` failing the script): data no read
      // will ever forward. Leaving it pending would offer it, and fail on it, at the head of every read. Any other
      // error (BUSY, LOADING, TRYAGAIN while a cluster reshards, a reply cut short) passes: the read fails and is
      // tried again, where marking the trace complete would drop its spans from the replay for good.
      if (!isDataError(reply.error)) throw reply.error;
      cursors.push({ traceId, sequence, forwarded: 0, taken: 0, complete: true });
      return;
    }
    const [forwarded, length, items] = reply.value as [number, number, string[]];
    const room = limit - stored.length;
    const taken = Math.min(room, items.length);
    for (const json of items.slice(0, taken)) {
      const span = decodeSpan(traceId, json);
      if (span) stored.push(span);
    }
    cursors.push({ traceId, sequence, forwarded, taken, complete: forwarded + taken >= length });
  });
  let marked = false;
  return {
    spans: toReadableSpans(stored),
    markForwarded: async () => {
      if (marked) return;
      await markForwarded(client, keys, cursors);
      marked = true;
    },
  };
}
