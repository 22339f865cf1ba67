import { RedisMemoryServer } from 'redis-memory-server';
import { findRedisBinary } from './redis-binary';

/** Starts one real Redis for the whole test run; tests isolate themselves with unique queue names. */
export default async function globalSetup(): Promise<void> {
  const systemBinary = findRedisBinary();
  const server = new RedisMemoryServer(systemBinary ? { binary: { systemBinary } } : {});
  const host = await server.getHost();
  const port = await server.getPort();
  process.env.QO_TEST_REDIS_URL = `redis://${host}:${port}`;
  (globalThis as { __redisServer?: RedisMemoryServer }).__redisServer = server;
}
