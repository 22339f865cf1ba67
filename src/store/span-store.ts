/**
 * Reads traces back from the Redis span store, as a {@link TraceSource} like the backend clients.
 */
import { checkOptionNames } from '../options';
import type { TraceSpan } from '../traces/span-model';
import { requireTraceId } from '../traces/span-ids';
import type { TraceSource } from '../traces/trace-source';
import type { TraceRead } from '../traces/trace-read';
import { releaseClient, resolveClient } from './connection';
import type { RedisClient, RedisConnectionInput, ResolvedClient } from './connection';
import { countOption, keyPrefixOption } from './store-options';
import { isTraceId, storeKeys } from './keys';
import type { StoreKeys } from './keys';
import { runCommands } from './pipeline-runner';
import type { SlotCommand } from './pipeline-runner';
import { isWrongType, unlessWrongType } from './reply-errors';
import { ScriptNames, ensureScripts } from './scripts';
import { MAX_SPAN_RECORD_BYTES, decodeSpan } from './span-codec';
import { storedReadWarnings } from './stored-read';
import type { StoredRead } from './stored-read';
import { toTraceSpan } from './stored-span';
import type { ListTracesOptions, SpanStoreStats, TraceSummary } from './types';

/** Default of {@link SpanStoreOptions.maxSpans}: ten times the exporter's default `maxSpansPerTrace`. */
const DEFAULT_MAX_SPANS = 10_000;

/** Options of {@link SpanStore}. */
export interface SpanStoreOptions {
  /** Redis to read from: a shared ioredis client (never closed by the store), options, or a URL. */
  connection: RedisConnectionInput;
  /** Key prefix the exporter wrote with (not empty, no `{` or `}`: they would break the cluster hash tags; else a TypeError). @default 'qo' */
  keyPrefix?: string;
  /** Name shown in the UI and error messages. @default 'Redis span store' */
  name?: string;
  /**
   * Spans `getTrace` reads of one trace at most (the first ones written); the rest are counted in
   * `stats().skippedSpans`. Bounds a read of a list some other writer let grow. @default 10000
   */
  maxSpans?: number;
}

/** Every option, so a misspelt one (`key_prefix`, reading another prefix than the exporter wrote) is refused. */
const STORE_OPTIONS: Readonly<Record<keyof SpanStoreOptions, true>> = { connection: true, keyPrefix: true, name: true, maxSpans: true };

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}

/** A count from a summary field: a non-negative integer up to 2^53, else 0. */
function countOf(value: string | undefined): number {
  const count = Number(value ?? 0);
  return Number.isSafeInteger(count) && count >= 0 ? count : 0;
}

/** The summary of a meta hash, or undefined when its times are not integers in 0..2^53 µs. */
function summaryOf(traceId: string, lastWriteMs: number, meta: Record<string, string>): TraceSummary | undefined {
  const startUs = Number(meta.s);
  const endUs = Number(meta.e);
  if (!Number.isSafeInteger(startUs) || !Number.isSafeInteger(endUs) || startUs < 0) return undefined;
  const summary: TraceSummary = {
    traceId,
    startUs,
    durationUs: Math.max(0, endUs - startUs),
    spanCount: countOf(meta.c),
    droppedSpans: countOf(meta.d),
    error: meta.x === '1',
    lastWriteMs,
  };
  if (meta.n !== undefined) summary.rootName = meta.n;
  return summary;
}

/** True when Redis refused to run the script for this user (ACL), not because of the data or a failure. */
function isNoScripting(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOPERM');
}

/** The read script as ioredis registers it: KEYS[1..2], then ARGV. */
type ReadTrace = (spansKey: string, metaKey: string, maxSpans: number, maxRecordBytes: number) => Promise<[number, string[], string]>;

/** What the read script returns: the list's length (-1: not a list), its first entries, the meta hash's `d`. */
type ListReply = [number, string[], string | null];

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
  private readonly maxSpans: number;
  private readonly counters: SpanStoreStats = { skippedSpans: 0, skippedTraces: 0 };

  /** Connects, or adopts the given client. */
  constructor(options: SpanStoreOptions) {
    // Checked first: a bad option throws before a connection is opened that nothing would close.
    checkOptionNames(options, STORE_OPTIONS, 'SpanStore');
    this.name = options.name ?? 'Redis span store';
    this.maxSpans = countOption('SpanStore', 'maxSpans', options.maxSpans, DEFAULT_MAX_SPANS);
    this.keys = storeKeys(keyPrefixOption('SpanStore', options.keyPrefix));
    this.resolved = resolveClient(options.connection);
    ensureScripts(this.resolved.client);
  }

  /** A copy of what this reader skipped since it was created (bad data in Redis; see {@link SpanStoreStats}). */
  stats(): SpanStoreStats {
    return { ...this.counters };
  }

  /** The client the store reads with. */
  get client(): RedisClient {
    return this.resolved.client;
  }

  /**
   * The stored spans of `traceId` (at most `maxSpans`, the first written), ordered by start time; empty when
   * the trace is unknown or expired, or its key is not a list. Entries that fail to parse are skipped; both
   * are counted in {@link stats}. Throws a TypeError for an id that is not 16/32 hex digits. {@link readTrace} says
   * too whether these are all the spans of the trace.
   */
  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpan[]> {
    return (await this.readStored(traceId, signal)).spans;
  }

  /**
   * {@link getTrace} as a {@link TraceRead}: `partial`, with a warning saying why, when the store knows spans of the
   * trace are missing from the read: the exporter dropped some (its `maxSpansPerTrace`, or a record over 1 MiB: the
   * trace's `d` count), or this read left stored ones out (past `maxSpans`, malformed or too long; counted in
   * {@link stats} too). Spans lost in a failed export leave no mark in Redis: such a trace reads as complete.
   */
  async readTrace(traceId: string, signal?: AbortSignal): Promise<TraceRead> {
    const read = await this.readStored(traceId, signal);
    const warnings = storedReadWarnings(read, this.maxSpans);
    return { spans: read.spans, partial: warnings.length > 0, warnings };
  }

  /** One read of a trace's spans with what the store knows is missing from it; counts what it skipped. */
  private async readStored(traceId: string, signal: AbortSignal | undefined): Promise<StoredRead> {
    const id = requireTraceId(traceId);
    throwIfAborted(signal);
    // One script on the trace's keys (its hash tag's slot): the length, the first maxSpans entries, and of those only
    // the ones Redis can tell are not too long to be a record (the others arrive blank, and count as skipped below),
    // and the count of spans the exporter dropped.
    const [length, entries, dropped] = await this.readList(this.keys.spans(id), this.keys.meta(id));
    throwIfAborted(signal);
    if (length < 0) {
      this.counters.skippedTraces += 1; // a key of another type than a list
      return { spans: [], dropped: 0, notRead: 0, malformed: 0 };
    }
    const spans: TraceSpan[] = [];
    for (const entry of entries) {
      const span = decodeSpan(id, entry);
      if (span) spans.push(toTraceSpan(span));
    }
    const malformed = entries.length - spans.length;
    const notRead = Math.max(0, length - entries.length);
    this.counters.skippedSpans += malformed + notRead;
    return { spans: spans.sort(byStart), dropped: countOf(dropped ?? undefined), notRead, malformed };
  }

  /**
   * The list's length and first `maxSpans` entries (oversized ones blank), or length -1 when it is not a list; and
   * the meta hash's dropped count (null without one).
   */
  private async readList(spansKey: string, metaKey: string): Promise<ListReply> {
    const client = this.resolved.client;
    const read = (client as unknown as Record<string, ReadTrace>)[ScriptNames.readTrace];
    if (!read) throw new Error(`span store script ${ScriptNames.readTrace} is not registered`);
    try {
      return await read.call(client, spansKey, metaKey, this.maxSpans, MAX_SPAN_RECORD_BYTES);
    } catch (error) {
      // A reader's Redis user may be allowed to read but not to run scripts (ACL `-@scripting`): it still reads the
      // trace, as before the script, at the cost of receiving an oversized record whole (parsing stays bounded).
      if (!isNoScripting(error)) throw error;
      const [[length, entries], dropped] = await Promise.all([
        unlessWrongType<[number, string[]]>(Promise.all([client.llen(spansKey), client.lrange(spansKey, 0, this.maxSpans - 1)]), [-1, []]),
        unlessWrongType(client.hget(metaKey, 'd'), null),
      ]);
      return [length, entries, dropped];
    }
  }

  /**
   * Stored traces, most recently written first. A trace listed in the index whose keys have expired or been
   * deleted is skipped, so a page may hold fewer than `limit` entries before the end is reached; so is one
   * whose id or summary is malformed (counted in {@link stats}).
   */
  async listTraces(options: ListTracesOptions = {}): Promise<TraceSummary[]> {
    const limit = Math.max(0, Math.floor(options.limit ?? 50)) || 0;
    if (limit === 0) return [];
    const max = options.before === undefined ? '+inf' : `(${options.before}`;
    const flat = await this.resolved.client.zrevrangebyscore(
      this.keys.traces(), max, '-inf', 'WITHSCORES', 'LIMIT', 0, limit,
    );
    const listed: [string, number][] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const traceId = flat[i] as string;
      // Not an id the exporter writes (nor one getTrace accepts): no key of it is read.
      if (isTraceId(traceId)) listed.push([traceId, Number(flat[i + 1])]);
      else this.counters.skippedTraces += 1;
    }
    const replies = await runCommands(this.resolved.client, listed.map(([traceId]): SlotCommand => ({
      slotKey: this.keys.meta(traceId),
      add: (pipeline) => pipeline.hgetall(this.keys.meta(traceId)),
    })));
    const summaries: TraceSummary[] = [];
    listed.forEach(([traceId, lastWriteMs], index) => {
      const reply = replies[index];
      if (!reply) throw new Error('missing Redis reply');
      if (!reply.ok) {
        if (!isWrongType(reply.error)) throw reply.error;
        this.counters.skippedTraces += 1;
        return;
      }
      const meta = reply.value as Record<string, string>;
      const summary = summaryOf(traceId, lastWriteMs, meta);
      if (summary) summaries.push(summary);
      else if (Object.keys(meta).length > 0) this.counters.skippedTraces += 1; // present but unusable; empty = expired
    });
    return summaries;
  }

  /** Closes the client if the store created it. */
  async close(): Promise<void> {
    await releaseClient(this.resolved);
  }
}
