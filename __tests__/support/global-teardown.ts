import type { EmbeddedRedis } from '../../cli/src/dev/embedded-redis';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __redis?: EmbeddedRedis }).__redis?.stop();
}
