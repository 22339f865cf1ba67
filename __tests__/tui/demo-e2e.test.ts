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
  // Failing jobs of the mix show up on the orders queue.
  await tmux.waitFor(/orders(\s+\d+){5}\s+[1-9]/, 30_000);
  tmux.send('j');
  tmux.send('Enter');
  // The view opens on the failed jobs; rows arrive after a first read.
  const jobs = await tmux.waitFor(/charge-card\s+failed\s+\d\/\d.*[0-9a-f]{32}/, 30_000);
  expect(jobs).toContain('orders · failed');
  tmux.send('T');
  const waterfall = await tmux.waitFor(/process orders/, 30_000);
  expect(waterfall).toContain('send orders');
  expect(waterfall).toContain('[!]');

  tmux.send('C-c');
  const after = await tmux.waitFor('DEMO-EXITED', 30_000);
  const pids = [...after.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
  const port = Number(/Redis: redis:\/\/127\.0\.0\.1:(\d+)/.exec(after)?.[1]);
  expect(pids).toHaveLength(3);
  expect(port).toBeGreaterThan(0);
  expect(pids.filter(alive)).toEqual([]);
  expect(await portOpen(port)).toBe(false);
}, 120_000);
