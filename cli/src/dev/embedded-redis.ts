import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RedisMemoryServer } from 'redis-memory-server';

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

/**
 * Starts a throwaway Redis on a free loopback port, preferring the system's binary. Needs the optional
 * peer dependency `redis-memory-server` (a development dependency of this repository); applications
 * that only use QueueOtel never load it.
 */
export async function startEmbeddedRedis(): Promise<EmbeddedRedis> {
  let Server: typeof RedisMemoryServer;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional dependency: a clear error when it is missing
    Server = (require('redis-memory-server') as { RedisMemoryServer: typeof RedisMemoryServer }).RedisMemoryServer;
  } catch {
    throw new Error('an embedded Redis needs the redis-memory-server package: npm install --save-dev redis-memory-server (or give a Redis URL)');
  }
  const systemBinary = findRedisBinary();
  const server = new Server(systemBinary ? { binary: { systemBinary } } : {});
  const host = await server.getHost();
  const port = await server.getPort();
  const info = server.getInstanceInfo();
  const pid = info ? (info.childProcess?.pid ?? info.instance.childProcess?.pid) : undefined;
  // redis-memory-server's watchdog shares our process group, so a closed terminal (SIGHUP) kills it along
  // with us and leaves redis-server (which ignores SIGHUP) running. Whatever way this process exits, the
  // server it started goes too.
  const killOnExit = (): void => {
    try {
      if (pid !== undefined) process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  return {
    host,
    port,
    url: `redis://${host}:${port}`,
    stop: async () => {
      await server.stop();
      // Only now: a signal arriving while the server stops must still find the exit hook.
      process.removeListener('exit', killOnExit);
    },
  };
}
