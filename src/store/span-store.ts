/**
 * Reads traces back from the Redis span store, as a {@link TraceSource} like the backend clients.
 */
import type { TraceSpan } from '../traces/span-model';
import { requireTraceId } from '../traces/span-ids';
import type { TraceSource } from '../traces/trace-source';
import { releaseClient, resolveClient } from './connection';
import type { RedisClient, RedisConnectionInput, ResolvedClient } from './connection';
import { DEFAULT_KEY_PREFIX, storeKeys } from './keys';
import type { StoreKeys } from './keys';
import { runCommands } from './pipeline-runner';
import type { SlotCommand } from './pipeline-runner';
import { decodeSpan } from './span-codec';
import { toTraceSpan } from './stored-span';
import type { ListTracesOptions, TraceSummary } from './types';

/** Options of {@link SpanStore}. */
export interface SpanStoreOptions {
  /** Redis to read from: a shared ioredis client (never closed by the store), options, or a URL. */
  connection: RedisConnectionInput;
  /** Key prefix the exporter wrote with. @default 'qo' */
  keyPrefix?: string;
  /** Name shown in the UI and error messages. @default 'Redis span store' */
  name?: string;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}

function summaryOf(traceId: string, lastWriteMs: number, meta: Record<string, string>): TraceSummary | undefined {
  const startUs = Number(meta.s);
  const endUs = Number(meta.e);
  if (!Number.isFinite(startUs) || !Number.isFinite(endUs)) return undefined;
  const summary: TraceSummary = {
    traceId,
    startUs,
    durationUs: Math.max(0, endUs - startUs),
    spanCount: Number(meta.c ?? 0),
    droppedSpans: Number(meta.d ?? 0),
    error: meta.x === '1',
    lastWriteMs,
  };
  if (meta.n !== undefined) summary.rootName = meta.n;
  return summary;
}

/** Start time; within the same microsecond a parent before its child. */
function byStart(a: TraceSpan, b: TraceSpan): number {
  if (a.startUs !== b.startUs) return a.startUs - b.startUs;
  if (b.parentSpanId === a.spanId) return -1;
  return a.parentSpanId === b.spanId ? 1 : 0;
}

/**
 * Reader of the span store written by `RedisSpanExporter`.
 *
 * @example
 * const store = new SpanStore({ connection: redis });
 * const [latest] = await store.listTraces({ limit: 1 });
 * const spans = latest ? await store.getTrace(latest.traceId) : [];
 */
export class SpanStore implements TraceSource {
  /** Name of this source. */
  readonly name: string;
  private readonly resolved: ResolvedClient;
  private readonly keys: StoreKeys;

  /** Connects, or adopts the given client. */
  constructor(options: SpanStoreOptions) {
    this.name = options.name ?? 'Redis span store';
    this.resolved = resolveClient(options.connection);
    this.keys = storeKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  }

  /** The client the store reads with. */
  get client(): RedisClient {
    return this.resolved.client;
  }

  /**
   * Every stored span of `traceId`, ordered by start time; empty when the trace is unknown or expired.
   * Entries that fail to parse are skipped. Throws a TypeError for an id that is not 16/32 hex digits.
   */
  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpan[]> {
    const id = requireTraceId(traceId);
    throwIfAborted(signal);
    const entries = await this.resolved.client.lrange(this.keys.spans(id), 0, -1);
    throwIfAborted(signal);
    const spans: TraceSpan[] = [];
    for (const entry of entries) {
      const span = decodeSpan(id, entry);
      if (span) spans.push(toTraceSpan(span));
    }
    return spans.sort(byStart);
  }

  /**
   * Stored traces, most recently written first. A trace listed in the index whose keys have expired or been
   * deleted is skipped, so a page may hold fewer than `limit` entries before the end is reached.
   */
  async listTraces(options: ListTracesOptions = {}): Promise<TraceSummary[]> {
    const limit = Math.max(0, options.limit ?? 50);
    if (limit === 0) return [];
    const max = options.before === undefined ? '+inf' : `(${options.before}`;
    const flat = await this.resolved.client.zrevrangebyscore(
      this.keys.traces(), max, '-inf', 'WITHSCORES', 'LIMIT', 0, limit,
    );
    const listed: [string, number][] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) listed.push([flat[i] as string, Number(flat[i + 1])]);
    const replies = await runCommands(this.resolved.client, listed.map(([traceId]): SlotCommand => ({
      slotKey: this.keys.meta(traceId),
      add: (pipeline) => pipeline.hgetall(this.keys.meta(traceId)),
    })));
    const summaries: TraceSummary[] = [];
    listed.forEach(([traceId, lastWriteMs], index) => {
      const reply = replies[index];
      if (!reply?.ok) throw reply?.error ?? new Error('missing Redis reply');
      const summary = summaryOf(traceId, lastWriteMs, reply.value as Record<string, string>);
      if (summary) summaries.push(summary);
    });
    return summaries;
  }

  /** Closes the client if the store created it. */
  async close(): Promise<void> {
    await releaseClient(this.resolved);
  }
}
