import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findRedisBinary } from './redis-binary';

const run = promisify(execFile);

/** A throw-away 3-master Redis Cluster on loopback, for tests. */
export interface TestRedisCluster {
  /** Seed nodes for `new Cluster(nodes)`. */
  nodes: { host: string; port: number }[];
  /** Kills every server and removes the config directory; safe to call twice. */
  stop(): Promise<void>;
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function anyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A port that is free together with its cluster bus port (port + 10000). */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await anyPort();
    if (port > 55_000 || taken.has(port)) continue;
    if (await isFree(port + 10_000)) return port;
  }
  throw new Error('no free port pair for a cluster node');
}

function redisCli(): string {
  const server = findRedisBinary();
  const sibling = server ? join(dirname(server), 'redis-cli') : undefined;
  return sibling && existsSync(sibling) ? sibling : 'redis-cli';
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts three `redis-server --cluster-enabled yes` processes, joins them with `redis-cli --cluster create`
 * (no replicas) and waits until every node reports `cluster_state:ok`. On any failure it kills what it
 * started before rethrowing.
 */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const binary = findRedisBinary();
  if (!binary) throw new Error('redis-server not found');
  const cli = redisCli();
  const dir = mkdtempSync(join(tmpdir(), 'qo-cluster-'));
  const children: ChildProcess[] = [];
  let stopped = false;
  // Last resort if the test process exits without teardown (a crashed worker): never leave servers behind.
  const killAll = (): void => { for (const child of children) child.kill('SIGKILL'); };
  process.once('exit', killAll);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killAll);
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const port = await freeClusterPort(taken);
      taken.add(port);
      ports.push(port);
    }
    for (const port of ports) {
      children.push(spawn(binary, [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
        '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no',
        '--dir', dir,
      ], { stdio: 'ignore' }));
    }
    for (const port of ports) {
      await waitFor(async () => (await run(cli, ['-p', String(port), 'ping'])).stdout.trim() === 'PONG', `node ${port}`);
    }
    await run(cli, ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      await waitFor(async () => (await run(cli, ['-p', String(port), 'cluster', 'info'])).stdout.includes('cluster_state:ok'), `cluster state on ${port}`);
    }
    return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
