import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RedisMemoryServer } from 'redis-memory-server';

/**
 * Finds a redis-server binary: `$REDISMS_SYSTEM_BINARY`, then `PATH`, then Debian's path. Undefined when
 * there is none, in which case redis-memory-server downloads and builds Redis itself (needs internet).
 */
export function findRedisBinary(): string | undefined {
  const fromEnv = process.env.REDISMS_SYSTEM_BINARY;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}

/** A throwaway Redis for development, demos and tests. */
export interface EmbeddedRedis {
  host: string;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Starts a throwaway Redis on a free loopback port, preferring the system's binary. */
export async function startEmbeddedRedis(): Promise<EmbeddedRedis> {
  const systemBinary = findRedisBinary();
  const server = new RedisMemoryServer(systemBinary ? { binary: { systemBinary } } : {});
  const host = await server.getHost();
  const port = await server.getPort();
  return { host, port, url: `redis://${host}:${port}`, stop: async () => void (await server.stop()) };
}
