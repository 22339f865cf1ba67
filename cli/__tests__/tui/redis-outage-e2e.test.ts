/**
 * End to end in a real terminal: the UI over a Redis of the test's own that stops answering while the UI is open
 * and then comes back. The UI must say so instead of showing the last data as if it were live, stay calm (no
 * busy loop, no pile of reads) and recover by itself.
 */
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { BIN } from '../cli/run-cli';
import { startRedisProcess } from '../../../__tests__/support/redis-process';
import type { RedisProcess } from '../../../__tests__/support/redis-process';
import { TmuxSession } from './tmux';

let redis: RedisProcess;
let tmux: TmuxSession;

beforeAll(async () => {
  redis = await startRedisProcess();
  const queue = new Queue('outage', { connection: redis.options });
  await queue.add('first', {});
  await queue.close();
});

afterAll(async () => {
  tmux?.kill();
  redis?.resume();
  await redis?.stop();
});

/** CPU time (user + system, in clock ticks) the process has used so far. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

it('says Redis does not answer, stays idle meanwhile and recovers when it answers again', async () => {
  tmux = new TmuxSession();
  tmux.start(['env', 'NODE_OPTIONS=', process.execPath, BIN, 'tui', '--redis', `redis://127.0.0.1:${redis.port}`, '--refresh', '500'], 100, 24);
  await tmux.waitFor(/› outage\s+1\s/, 30_000);

  redis.freeze();
  // Before: the reads waited in the client's offline queue for ever and the screen kept the old counts, silently.
  const stalled = await tmux.waitFor('no answer for 5s', 20_000);
  expect(stalled).toMatch(/outage\s+1\s/);
  // While it waits, one read is pending, not one more every 500 ms: next to no CPU.
  const pid = Number(tmux.paneProcessId());
  const before = cpuTicks(pid);
  // A pause kept on purpose: what is measured is a rate, the CPU used over a window in which the UI's 500 ms refresh
  // timer fires about four times. Nothing on screen or in Redis (frozen) marks those ticks, and the program runs in
  // its own process with the real clock, so there is no clock to advance instead. The bound is loose (1 s of CPU).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(cpuTicks(pid) - before).toBeLessThan(100);

  redis.resume();
  const queue = new Queue('outage', { connection: redis.options });
  await queue.add('second', {});
  await queue.close();
  const recovered = await tmux.waitFor(/› outage\s+2\s/, 20_000);
  expect(recovered).not.toContain('no answer');
  expect(tmux.alive()).toBe(true);
}, 90_000);
