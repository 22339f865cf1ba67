import { startEmbeddedRedis } from '../../cli/src/dev/embedded-redis';
import type { EmbeddedRedis } from '../../cli/src/dev/embedded-redis';

/** Starts one real Redis for the whole test run; tests isolate themselves with unique queue names. */
export default async function globalSetup(): Promise<void> {
  const redis = await startEmbeddedRedis();
  process.env.QO_TEST_REDIS_URL = redis.url;
  (globalThis as { __redis?: EmbeddedRedis }).__redis = redis;
}
