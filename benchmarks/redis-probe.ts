import type { Redis } from 'ioredis';

/** Redis memory taken by waiting jobs, read right after the add phase. */
export interface JobMemory {
  /** Mean `MEMORY USAGE ... SAMPLES 0` of the sampled job hashes. */
  hashBytes: number;
  /** Share of sampled job hashes still in the compact listpack encoding. */
  listpackShare: number;
  /** Mean length of the hash's `opts` field. */
  optsBytes: number;
}

/** Reads `used_memory` from `INFO memory`. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /used_memory:(\d+)/.exec(info);
  return match ? Number(match[1]) : 0;
}

/** Redis server CPU seconds (user + sys) from `INFO cpu`. */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const read = (key: string): number => Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return read('used_cpu_user') + read('used_cpu_sys');
}

/** Samples `count` job hashes spread evenly over ids 1..jobs of `queue`. */
export async function sampleJobMemory(redis: Redis, queue: string, jobs: number, count = 200): Promise<JobMemory> {
  const step = Math.max(1, Math.floor(jobs / count));
  const pipeline = redis.pipeline();
  let sampled = 0;
  for (let id = 1; id <= jobs; id += step) {
    const key = `bull:${queue}:${id}`;
    pipeline.memory('USAGE', key, 'SAMPLES', 0).object('ENCODING', key).hget(key, 'opts');
    sampled += 1;
  }
  const replies = (await pipeline.exec()) ?? [];
  let bytes = 0;
  let listpack = 0;
  let opts = 0;
  for (let i = 0; i < sampled; i += 1) {
    bytes += Number(replies[i * 3]?.[1] ?? 0);
    if (replies[i * 3 + 1]?.[1] === 'listpack') listpack += 1;
    opts += String(replies[i * 3 + 2]?.[1] ?? '').length;
  }
  return { hashBytes: bytes / sampled, listpackShare: listpack / sampled, optsBytes: opts / sampled };
}
