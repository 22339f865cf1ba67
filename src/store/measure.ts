/**
 * Redis memory cost of stored spans, for the benchmark: `MEMORY USAGE` (exact, `SAMPLES 0`) over each
 * trace's keys divided by the spans they hold.
 */
import type { RedisClient } from './connection';
import { DEFAULT_KEY_PREFIX, storeKeys } from './keys';
import { runCommands, valueOf } from './pipeline-runner';
import type { SlotCommand } from './pipeline-runner';

/** What {@link measureStoredBytes} found. */
export interface StoredBytesReport {
  /** Traces that still had keys. */
  traces: number;
  /** Spans stored in those traces. */
  spans: number;
  /** Bytes of the traces' spans, meta and jobs keys (global index keys not included). */
  traceBytes: number;
  /** Bytes of the global index keys (trace list, pending set, job index), shared by every trace. */
  indexBytes: number;
  /** `traceBytes / spans`, 0 when there are no spans. */
  bytesPerSpan: number;
}

/**
 * Measures the memory of the given traces. The keys are read on the client's node(s) one pipeline per slot.
 *
 * @example const { bytesPerSpan } = await measureStoredBytes(redis, traceIds);
 */
export async function measureStoredBytes(
  client: RedisClient, traceIds: readonly string[], options: { keyPrefix?: string } = {},
): Promise<StoredBytesReport> {
  const keys = storeKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  const usage = (key: string): SlotCommand => ({
    slotKey: key,
    add: (pipeline) => pipeline.memory('USAGE', key, 'SAMPLES', 0),
  });
  const commands: SlotCommand[] = [];
  for (const traceId of traceIds) {
    const spansKey = keys.spans(traceId);
    commands.push(
      { slotKey: spansKey, add: (pipeline) => pipeline.llen(spansKey) },
      usage(spansKey), usage(keys.meta(traceId)), usage(keys.jobs(traceId)),
    );
  }
  commands.push(usage(keys.traces()), usage(keys.pending()), usage(keys.jobTraces()), usage(keys.jobTimes()));
  const replies = (await runCommands(client, commands)).map((reply) => Number(valueOf(reply) ?? 0));
  const report: StoredBytesReport = { traces: 0, spans: 0, traceBytes: 0, indexBytes: 0, bytesPerSpan: 0 };
  for (let i = 0; i < traceIds.length; i += 1) {
    const [count = 0, spansBytes = 0, metaBytes = 0, jobsBytes = 0] = replies.slice(i * 4, i * 4 + 4);
    if (spansBytes + metaBytes === 0) continue;
    report.traces += 1;
    report.spans += count;
    report.traceBytes += spansBytes + metaBytes + jobsBytes;
  }
  report.indexBytes = replies.slice(traceIds.length * 4).reduce((sum, bytes) => sum + bytes, 0);
  report.bytesPerSpan = report.spans === 0 ? 0 : report.traceBytes / report.spans;
  return report;
}
