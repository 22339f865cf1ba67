/**
 * Sends commands in as few round trips as Redis allows: one pipeline on a single node, one pipeline per
 * cluster slot (in parallel) on a cluster, where ioredis requires every key of a pipeline to share a slot.
 */
import calculateSlot from 'cluster-key-slot';
import type { ChainableCommander } from 'ioredis';
import { isClusterClient } from './connection';
import type { RedisClient } from './connection';

/** One command for a pipeline, with the key that decides its slot. */
export interface SlotCommand {
  /** Any key the command touches; all of its keys must share this key's slot. */
  slotKey: string;
  /** Adds the command (or a few commands of the same slot) to a pipeline; the last one's reply is the reply. */
  add(pipeline: ChainableCommander): void;
}

/** A command's reply, or the error Redis gave for it. */
export type CommandReply = { ok: true; value: unknown } | { ok: false; error: Error };

async function execPipeline(client: RedisClient, commands: readonly SlotCommand[]): Promise<CommandReply[]> {
  const pipeline = client.pipeline();
  // A SlotCommand may queue several Redis commands; remember where each one's replies end.
  const ends: number[] = [];
  for (const command of commands) {
    command.add(pipeline);
    ends.push(pipeline.length);
  }
  const replies = (await pipeline.exec()) ?? [];
  let start = 0;
  return ends.map((end): CommandReply => {
    const own = replies.slice(start, end);
    const expected = end - start;
    start = end;
    const failed = own.find(([error]) => error);
    if (failed?.[0]) return { ok: false, error: failed[0] };
    // Fewer replies than queued commands means the pipeline was cut short.
    if (expected === 0 || own.length < expected) return { ok: false, error: new Error('no reply from Redis') };
    return { ok: true, value: own[own.length - 1]?.[1] };
  });
}

/**
 * Runs `commands` and returns their replies in the same order. On a single node all go in one pipeline, in
 * order; on a cluster, commands of one slot keep their relative order and slots run in parallel.
 * Rejects when a pipeline as a whole fails (connection lost); per-command errors come back as replies.
 */
export async function runCommands(client: RedisClient, commands: readonly SlotCommand[]): Promise<CommandReply[]> {
  if (commands.length === 0) return [];
  if (!isClusterClient(client)) return execPipeline(client, commands);
  const bySlot = new Map<number, number[]>();
  commands.forEach((command, index) => {
    // The slot Redis Cluster assigns to the key (CRC16 of its hash tag, as ioredis computes it).
    const slot = calculateSlot(command.slotKey);
    const indexes = bySlot.get(slot);
    if (indexes) indexes.push(index);
    else bySlot.set(slot, [index]);
  });
  const replies: CommandReply[] = new Array<CommandReply>(commands.length);
  await Promise.all([...bySlot.values()].map(async (indexes) => {
    const slotReplies = await execPipeline(client, indexes.map((index) => commands[index] as SlotCommand));
    indexes.forEach((commandIndex, position) => {
      replies[commandIndex] = slotReplies[position] as CommandReply;
    });
  }));
  return replies;
}

/**
 * Runs `phases` so that every command of a phase is applied after every command of the previous one: on a
 * single node still one pipeline (Redis applies a pipeline in order), on a cluster one parallel round per phase.
 */
export async function runPhases(client: RedisClient, phases: readonly (readonly SlotCommand[])[]): Promise<CommandReply[][]> {
  if (!isClusterClient(client)) {
    const flat = await runCommands(client, phases.flat());
    let offset = 0;
    return phases.map((phase) => {
      const slice = flat.slice(offset, offset + phase.length);
      offset += phase.length;
      return slice;
    });
  }
  const results: CommandReply[][] = [];
  for (const phase of phases) results.push(await runCommands(client, phase));
  return results;
}

/** The value of a reply, or throws its error: for callers that treat any command error as a failure. */
export function valueOf(reply: CommandReply | undefined): unknown {
  if (!reply) throw new Error('missing Redis reply');
  if (!reply.ok) throw reply.error;
  return reply.value;
}
