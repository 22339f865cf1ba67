import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runFixture } from '../support/processes';
import { OtlpReceiver } from '../support/otlp-receiver';
import { redisUrl, uniqueQueueName } from '../support/redis';

// A service runs two jobs with parts of queue-otel, shuts everything down the documented way, and reports what still
// holds its event loop (see the fixture). What BullMQ leaves is only its Redis sockets, closing after QUIT; anything
// else (a timer, a socket to the Collector, a listening server) would keep a process that had shut down alive.
// runFixture itself resolves on the child's exit event: a part that held the process for good fails the test there.

interface Leftovers {
  resources: string[];
  peers: string[];
}

async function leftovers(env: Record<string, string>): Promise<Leftovers> {
  const stdout = await runFixture('leftovers-after-shutdown.ts', { REDIS_URL: redisUrl(), QUEUE: uniqueQueueName('left'), ...env });
  return JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!) as Leftovers;
}

/** What may remain: the stdio pipes and sockets (to Redis, or already destroyed and being released). */
function expectOnlyRedisSockets(left: Leftovers): void {
  expect(left.resources.filter((kind) => kind !== 'PipeWrap' && kind !== 'TCPSocketWrap')).toEqual([]);
  expect(left.peers.filter((peer) => peer !== new URL(redisUrl()).port)).toEqual([]);
}

async function refusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('plain BullMQ, the baseline: only its closing Redis sockets remain', async () => {
  expectOnlyRedisSockets(await leftovers({ PARTS: '' }));
});

test('QueueOtel, QueueMetrics with its server and depth polling, the observer, the span store and a trace source leave nothing', async () => {
  // A trace backend that knows no trace: the source's keep-alive connection to it stays open on its side.
  const backend = createHttpServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = backend.address() as AddressInfo;
    expectOnlyRedisSockets(await leftovers({ PARTS: 'otel,metrics,observer,store,traces', TRACES_URL: `http://127.0.0.1:${port}` }));
  } finally {
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
  }
});

test('setupTracing to a Collector that never answers, with its fallback on a Redis that is down: nothing left once shutdown() resolved', async () => {
  const collector = new OtlpReceiver();
  collector.mode = 'hang';
  await collector.start();
  try {
    // The fallback's client was waiting to reconnect; closing it used to leave ioredis' 2 s disconnect timer armed.
    const left = await leftovers({
      PARTS: 'tracing,otel',
      ENDPOINT: `http://127.0.0.1:${collector.port}`,
      FALLBACK_REDIS_URL: `redis://127.0.0.1:${await refusedPort()}`,
      FLUSH_TIMEOUT: '1000',
    });
    expectOnlyRedisSockets(left);
    expect(collector.requests).toBeGreaterThanOrEqual(1);
  } finally {
    collector.releaseHanging();
    await collector.stop();
  }
});

test('the observer\'s copy of a QueueEvents client, closed while Redis is down: nothing left once close() resolved', async () => {
  // The copy waits to reconnect; closing it used to leave ioredis' 2 s disconnect timer armed (the fixture's Redis is
  // its own, stopped there, not the shared one).
  const stdout = await runFixture('observer-redis-down.ts', {});
  expect(JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!)).toEqual([]);
});

test('the observer\'s copy of a QueueEvents Cluster client, closed while every node is down: nothing left once close() resolved', async () => {
  // The copy waits to reconnect (ioredis' default clusterRetryStrategy); it kept the caller's node settings, so its
  // node clients' 2 s disconnect timers outlived close() (the fixture's cluster is its own, stopped there).
  const stdout = await runFixture('observer-cluster-down.ts', {}, 60_000);
  expect(JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!)).toEqual([]);
}, 90_000);
