import type { EmbeddedRedis } from '../../src/dev/embedded-redis';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __redis?: EmbeddedRedis }).__redis?.stop();
}
