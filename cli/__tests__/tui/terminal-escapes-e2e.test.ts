/**
 * End to end in a real terminal: the real queue-otel program in tmux (with `set-clipboard on`, so an OSC 52
 * sequence would reach tmux's paste buffer), over a queue whose job data carries escape sequences.
 */
import { BIN } from '../cli/run-cli';
import { VISIBLE } from '../support/terminal-payloads';
import { waitFor } from '../../../__tests__/support/tracing';
import { seedHostileJob } from './seed-hostile-jobs';
import type { SeededHostileJob } from './seed-hostile-jobs';
import { TmuxSession } from './tmux';

const WIDTH = 160;
let seeded: SeededHostileJob;
let tmux: TmuxSession;

beforeAll(async () => {
  seeded = await seedHostileJob();
  tmux = new TmuxSession();
  tmux.start(['env', 'NODE_OPTIONS=', process.execPath, BIN, 'tui',
    '--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--key-prefix', seeded.keyPrefix,
    '--apm', 'jaeger', '--apm-url', 'http://jaeger.test:16686'], WIDTH, 48);
});

afterAll(() => tmux?.kill());

/** The header on the first line, the panels' borders below it, nothing wider than the terminal. */
function isIntact(screen: string): boolean {
  const lines = screen.split('\n');
  return /^ queue-otel · /.test(lines[0] ?? '') && /^╭─/.test(lines[1] ?? '') && lines.some((line) => line.startsWith('╰─'))
    && lines.every((line) => Array.from(line).length <= WIDTH);
}

/**
 * Waits until the screen shows `text` and is whole. tmux may be captured while ink is still writing a frame,
 * so the first screen that shows the text is not necessarily complete yet.
 */
async function intactScreenShowing(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux.alive() ? tmux.capture() : '';
    const shown = typeof text === 'string' ? screen.includes(text) : text.test(screen);
    if (shown && isIntact(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`screen never showed ${String(text)} whole:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

it('shows a hostile job escaped on every screen; the pane keeps its title, the clipboard stays empty, the screen is not cleared', async () => {
  await intactScreenShowing(/› orders\\x1b\]2;pwned\\x07\s+0\s+0\s+0\s+0\s+0\s+1/, 30_000);
  const title = tmux.paneTitle();
  expect(title).not.toContain('pwned');

  // Jobs and the peek panel: the name, the id and the error message.
  // The first key may arrive before the UI listens for input: press until the view opens.
  await tmux.pressUntil('Enter', `orders${VISIBLE.title} · failed · 1/1`, 30_000, 8_000);
  // The id's escape does not fit its cell: it is left out whole, never shown in part (`job\x9…`).
  await intactScreenShowing(/› job… +charge\\x1b\]52;c;\S*… failed/);
  await intactScreenShowing(`Error      declined${VISIBLE.clipboard}`);

  // The job screen: the stack trace.
  // The peek panel shows the first stack lines too: wait for the job screen's own header before reading them.
  tmux.send('Enter');
  const info = await intactScreenShowing(new RegExp(`› job job[^\\n]*\\n[\\s\\S]*${escapeRegExp(`at charge (${VISIBLE.title}shop.ts:1:1)`)}`));
  expect(info).toContain(`at ${VISIBLE.clipboard}${VISIBLE.clear} (x.ts:2:2)`);
  expect(info).toContain(`declined${VISIBLE.clipboard}${VISIBLE.clear}${VISIBLE.csi8}`);
  await tmux.waitFor(`trace ${seeded.traceId}`);

  // The waterfall: span names from the root span and the queue name.
  tmux.send('T');
  const waterfall = await intactScreenShowing('[!] process orders\\…');
  expect(waterfall).toContain('▼ POST /checkout\\x1b]2;pw…');
  expect(waterfall).toMatch(/Span\s+POST \/checkout\\x1b\]2;pwned\\x07/);

  // Nothing reached the terminal as a command; the project's own colours did.
  expect(tmux.paneTitle()).toBe(title);
  expect(tmux.buffer()).not.toContain('curl evil');
  expect(tmux.captureStyled()).toMatch(/\u001b\[[0-9;]*m/);

  tmux.send('q');
  await waitFor('the program to exit', () => !tmux.alive(), 10_000);
});
