/**
 * The real program in tmux started on a trace (`tui --trace <id>`), on jobs and spans recorded by a real QueueOtel
 * and RedisSpanExporter: Esc leaves the waterfall to the trace list, then to the queues, and q still quits.
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
    '--key-prefix', seeded.keyPrefix, '--trace', seeded.traceId]);
});

afterAll(() => tmux?.kill());

it('Esc leaves the waterfall it started on to the trace list, a second Esc to the queues; q quits', async () => {
  const { traceId } = seeded;
  await tmux.waitFor(`queue-otel · trace ${traceId}`, 30_000);
  await tmux.waitFor('[!] process orders');
  // Before: the waterfall was the only screen and Esc did nothing. The first key may arrive before the UI listens.
  // The wide layout draws the list beside the waterfall: the header says which has the focus.
  // Pressed again only while the waterfall still has the screen: a second Esc after a slow redraw would go on to the queues.
  const list = await tmux.pressUntil('Escape', 'queue-otel · traces ', 30_000, 8_000, `queue-otel · trace ${traceId}`);
  expect(list).toMatch(new RegExp(`›. POST /checkout .* ${traceId.slice(0, 6)}`));
  tmux.send('Escape');
  await tmux.waitFor(/Queues · 1\/1/);
  tmux.send('q');
  await waitFor('the program to exit', () => !tmux.alive(), 10_000);
});
