import type { RedisMemoryServer } from 'redis-memory-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __redisServer?: RedisMemoryServer }).__redisServer?.stop();
}
