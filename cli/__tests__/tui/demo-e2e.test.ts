/**
 * The README's main command, end to end in a real terminal: `queue-otel demo` starts an embedded Redis, a
 * producer and two workers in child processes, opens the UI on traced jobs, and Ctrl+C stops all of it.
 */
import { connect } from 'node:net';
import { BIN } from '../cli/run-cli';
import { TmuxSession } from './tmux';

let tmux: TmuxSession;

afterAll(() => tmux?.kill());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

it('runs producer and workers in separate processes, shows their traced jobs, and Ctrl+C stops everything it started', async () => {
  tmux = new TmuxSession();
  // The shell keeps the pane open after the demo exits, so its start-up lines (pids, Redis URL) can be read.
  tmux.start(['sh', '-c', `NODE_OPTIONS= ${process.execPath} ${BIN} demo; echo DEMO-EXITED; sleep 60`], 160, 48);
  await tmux.waitFor(/› emails/, 45_000);
  // The start-up lines are behind the UI: its help screen lists the workers' metrics endpoints, which answer.
  const help = await tmux.pressUntil('?', /worker-2 metrics http:\/\/127\.0\.0\.1:\d+\/metrics/);
  const metricsUrl = /worker-1 metrics (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(help)?.[1] ?? '';
  expect((await fetch(metricsUrl)).status).toBe(200);
  tmux.send('Escape');
  await tmux.waitFor(/Queues · /);
  // Failing jobs of the mix show up on the orders queue.
  await tmux.waitFor(/orders(\s+\d+){5}\s+[1-9]/, 30_000);
  await tmux.pressUntil('j', /› orders/);
  await tmux.pressUntil('Enter', 'orders · ', 30_000, 8_000);
  // The view opens on the failed jobs; rows arrive after a first read.
  const jobs = await tmux.waitFor(/charge-card\s+failed\s+\d\/\d.*[0-9a-f]{32}/, 30_000);
  expect(jobs).toContain('orders · failed');
  tmux.send('T');
  await tmux.waitFor(/process orders/, 30_000);
  // The failed job's last attempt may reach the span store after its earlier ones: the view reads the trace again
  // until its failed span, marked [!], is there.
  const waterfall = await tmux.waitFor(/\[!\]/, 30_000);
  expect(waterfall).toMatch(/process orders/);
  expect(waterfall).toMatch(/\badd(Flow|Node)? orders\b/);

  tmux.send('C-c');
  const after = await tmux.waitFor('DEMO-EXITED', 30_000);
  const pids = [...after.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
  const port = Number(/Redis: redis:\/\/127\.0\.0\.1:(\d+)/.exec(after)?.[1]);
  expect(pids).toHaveLength(3);
  expect(port).toBeGreaterThan(0);
  expect(pids.filter(alive)).toEqual([]);
  expect(await portOpen(port)).toBe(false);
}, 120_000);

it('stops everything it started when its terminal closes (SIGHUP)', async () => {
  const closing = new TmuxSession();
  try {
    closing.start(['sh', '-c', `NODE_OPTIONS= ${process.execPath} ${BIN} demo`], 140, 40);
    await closing.waitFor(/› emails/, 45_000);
    // The start-up lines are on the main screen, behind the UI; read the processes from the system instead.
    const port = Number(/redis:\/\/127\.0\.0\.1:(\d+)/.exec(closing.capture())?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await portOpen(port)).toBe(true);
    closing.kill();
    const deadline = Date.now() + 15_000;
    while ((await portOpen(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await portOpen(port)).toBe(false);
  } finally {
    closing.kill();
  }
}, 90_000);
