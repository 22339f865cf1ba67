/**
 * The real program in an 80 × 24 tmux terminal, on jobs and spans recorded by a real QueueOtel and
 * RedisSpanExporter: the job info keeps the trace id on screen, the queue list shows its position.
 */
import { BIN } from '../cli/run-cli';
import { waitFor } from '../../../__tests__/support/tracing';
import { seedTracedJobs } from './seed-traced-jobs';
import type { SeededTrace } from './seed-traced-jobs';
import { TmuxSession } from './tmux';

let seeded: SeededTrace;
let tmux: TmuxSession;

beforeAll(async () => {
  seeded = await seedTracedJobs();
  tmux = new TmuxSession();
  tmux.start(['env', 'NODE_OPTIONS=', process.execPath, BIN, 'tui', '--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix,
    '--key-prefix', seeded.keyPrefix, '--apm', 'jaeger', '--apm-url', 'http://jaeger.test:16686'], 80, 24);
});

afterAll(() => tmux?.kill());

it('at 80 × 24 the job info of a failed job shows its trace id, and the queue list its position', async () => {
  const { traceId } = seeded;
  await tmux.waitFor(/Queues · 1\/1/);
  await tmux.pressUntil('Enter', 'orders · failed · 1/1', 30_000, 8_000);
  tmux.send('Enter');
  await tmux.waitFor(`orders › job ${seeded.failedJobId}`);
  // Before: the error's stack, the data and the link filled the panel and the Trace ID line was cut off.
  const info = await tmux.waitFor(`Trace ID   ${traceId}`);
  expect(info).toContain('card declined by issuer');
  expect(info).toContain('[o] open in APM');
  tmux.send('q');
  await waitFor('the program to exit', () => !tmux.alive(), 10_000);
});
