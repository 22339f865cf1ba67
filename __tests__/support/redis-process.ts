import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { findRedisBinary } from './redis-binary';

/**
 * A redis-server of a test's own, which the test can freeze (the process is stopped: connections are
 * accepted by the kernel, nothing is ever answered) or stop for good, without touching the shared one.
 */
export interface RedisProcess {
  port: number;
  /** `{ host, port }` for ioredis options. */
  options: { host: string; port: number };
  /** SIGSTOP: Redis keeps its sockets but answers nothing until {@link resume}. */
  freeze(): void;
  /** SIGCONT after {@link freeze}. */
  resume(): void;
  /** Kills the server (SIGKILL) and waits until it is gone; safe to call twice. */
  stop(): Promise<void>;
  /** After {@link stop}: starts an empty server again on the same port and waits until it answers. */
  restart(): Promise<void>;
  /** False between {@link stop} and {@link restart}. */
  running(): boolean;
}

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    // disconnectTimeout 0: disconnect() after a refused attempt would arm a 2 s timer nothing clears, which a
    // process measuring what holds it (a fixture) would see.
    const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, disconnectTimeout: 0 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}

/** A running redis-server process on `port`, killed on exit of the test process if nothing stopped it. */
async function spawnServer(binary: string, port: number): Promise<{ freeze(): void; resume(): void; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const kill = (): void => { child.kill('SIGKILL'); };
  process.once('exit', kill);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPing(port);
  } catch (error) {
    kill();
    throw error;
  }
  return {
    freeze: () => { child.kill('SIGSTOP'); },
    resume: () => { child.kill('SIGCONT'); },
    stop: async () => {
      process.removeListener('exit', kill);
      if (child.exitCode === null && child.signalCode === null) kill();
      await exited;
    },
  };
}

/** Starts a redis-server on a free loopback port, without persistence. */
export async function startRedisProcess(): Promise<RedisProcess> {
  const binary = findRedisBinary();
  if (!binary) throw new Error('redis-server not found');
  const port = await freePort();
  let server = await spawnServer(binary, port);
  let up = true;
  return {
    port,
    options: { host: '127.0.0.1', port },
    freeze: () => server.freeze(),
    resume: () => server.resume(),
    stop: async () => {
      up = false;
      await server.stop();
    },
    restart: async () => {
      await server.stop();
      server = await spawnServer(binary, port);
      up = true;
    },
    running: () => up,
  };
}
