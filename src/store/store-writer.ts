/**
 * Writes planned trace batches to Redis: the per-trace script first, then the global index with the job index
 * (so a trace is never marked pending before its spans are in Redis), then deletes evicted traces.
 */
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './connection';
import { isTraceId, jobDigest } from './keys';
import type { StoreKeys } from './keys';
import { runCommands, runPhases, valueOf } from './pipeline-runner';
import type { SlotCommand } from './pipeline-runner';
import { ScriptNames } from './scripts';
import type { TraceWrite } from './write-plan';

/** Limits a writer applies. */
export interface WriteLimits {
  ttlMs: number;
  maxSpansPerTrace: number;
  maxTraces: number;
  /** Jobs kept in the job index. */
  maxIndexedJobs: number;
  /** Trace ids kept per job in the job index (the latest). */
  maxTracesPerJob: number;
  buffer: boolean;
}

/** What one batch did. */
export interface WriteOutcome {
  stored: number;
  dropped: number;
  evicted: string[];
}

type ScriptPipeline = Record<string, (...args: (string | number)[]) => unknown>;

function script(pipeline: ChainableCommander, name: string, args: (string | number)[]): void {
  const method = (pipeline as unknown as ScriptPipeline)[name];
  if (!method) throw new Error(`span store script ${name} is not registered`);
  method.apply(pipeline, args);
}

function traceCommand(keys: StoreKeys, write: TraceWrite, limits: WriteLimits): SlotCommand {
  const spansKey = keys.spans(write.traceId);
  const jobArgs = [...write.jobs].flat();
  const args = [
    spansKey, keys.meta(write.traceId), keys.jobs(write.traceId),
    limits.ttlMs, limits.maxSpansPerTrace, String(write.minStartUs), String(write.maxEndUs),
    write.rootName ?? '', write.error ? '1' : '0', write.spans.length, write.jobs.size, write.notSent,
    ...write.spans, ...jobArgs,
  ];
  return { slotKey: spansKey, add: (pipeline) => script(pipeline, ScriptNames.storeTrace, args) };
}

/** `[jobDigest, traceId]` pairs of the batch, each once; only for well-formed trace ids (the index stores them fixed-width). */
function jobPairs(writes: readonly TraceWrite[]): string[] {
  const pairs = new Set<string>();
  const args: string[] = [];
  for (const write of writes) {
    if (!isTraceId(write.traceId)) continue;
    for (const job of write.jobRefs) {
      const digest = jobDigest(job.queue, job.jobId);
      const pair = `${digest} ${write.traceId}`;
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      args.push(digest, write.traceId);
    }
  }
  return args;
}

function indexCommand(keys: StoreKeys, writes: readonly TraceWrite[], limits: WriteLimits, nowMs: number): SlotCommand {
  const args = [
    keys.traces(), keys.pending(), keys.sequence(), keys.jobTraces(), keys.jobTimes(),
    nowMs, nowMs - limits.ttlMs, limits.maxTraces, limits.buffer ? '1' : '0',
    limits.ttlMs, limits.maxIndexedJobs, limits.maxTracesPerJob, writes.length,
    ...writes.map((write) => write.traceId), ...jobPairs(writes),
  ];
  return { slotKey: keys.traces(), add: (pipeline) => script(pipeline, ScriptNames.touchIndex, args) };
}

/** Deletes every key of the given traces (their job index entries go with the job's own expiry or cap). */
export async function deleteTraces(client: RedisClient, keys: StoreKeys, traceIds: readonly string[]): Promise<void> {
  const commands = traceIds.map((traceId): SlotCommand => ({
    slotKey: keys.spans(traceId),
    add: (pipeline) => pipeline.del(keys.spans(traceId), keys.meta(traceId), keys.jobs(traceId)),
  }));
  for (const reply of await runCommands(client, commands)) valueOf(reply);
}

/** Writes `writes` and applies the caps. Rejects on any Redis error. */
export async function writeTraces(
  client: RedisClient, keys: StoreKeys, writes: readonly TraceWrite[], limits: WriteLimits,
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { stored: 0, dropped: 0, evicted: [] };
  if (writes.length === 0) return outcome;
  const traceCommands = writes.map((write) => traceCommand(keys, write, limits));
  const [first = [], second = []] = await runPhases(client, [traceCommands, [indexCommand(keys, writes, limits, Date.now())]]);
  first.forEach((reply) => {
    const [stored, dropped] = valueOf(reply) as [number, number];
    outcome.stored += Number(stored);
    outcome.dropped += Number(dropped);
  });
  outcome.evicted = (valueOf(second[0]) as string[]).map(String);
  if (outcome.evicted.length > 0) await deleteTraces(client, keys, outcome.evicted);
  return outcome;
}
