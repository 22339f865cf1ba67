import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runFixture } from '../support/processes';
import { OtlpReceiver } from '../support/otlp-receiver';

// A short-lived script awaits shutdown() and expects to exit. The exporter's attempt that the bounded shutdown gave up
// on used to hold the event loop: a request the backend never answers until the 10 s export timeout (8 s after
// shutdown), retries to a dead port until the exporter's own retries ran out (about 7 s after). The child prints, on
// its own clock, when shutdown resolved and when its exit event came.
const FLUSH_TIMEOUT = 2_000;

async function lingerAfterShutdown(endpoint: string): Promise<number> {
  const stdout = await runFixture('dead-endpoint-exit.ts', { ENDPOINT: endpoint, FLUSH_TIMEOUT: String(FLUSH_TIMEOUT) });
  const shutdown = JSON.parse(/^SHUTDOWN (.*)$/m.exec(stdout)![1]!) as { started: number; resolved: number };
  const exited = Number(/^EXIT (\d+)$/m.exec(stdout)![1]);
  expect(shutdown.resolved - shutdown.started).toBeLessThan(FLUSH_TIMEOUT + 3_000); // the bound itself held
  return exited - shutdown.resolved;
}

test('a backend that accepts and never answers: the process exits as soon as shutdown() resolves', async () => {
  const receiver = new OtlpReceiver();
  receiver.mode = 'hang';
  await receiver.start();
  try {
    // The request in flight is ended when shutdown is over; the margin is for a busy machine.
    expect(await lingerAfterShutdown(`http://127.0.0.1:${receiver.port}`)).toBeLessThan(1_500);
    expect(receiver.requests).toBeGreaterThanOrEqual(1);
  } finally {
    receiver.releaseHanging();
    await receiver.stop();
  }
});

test('a port nothing listens on: the process exits at the latest when the exporter\'s pending retry comes due', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  // The official exporter's retry timer (1 to 5 s apart, not unref'ed, not reachable) still runs out; its retry is
  // then refused without a further one. Before, it kept retrying for the whole 10 s export timeout.
  expect(await lingerAfterShutdown(`http://127.0.0.1:${port}`)).toBeLessThan(3_500);
});
