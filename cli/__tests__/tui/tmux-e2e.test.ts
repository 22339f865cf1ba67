/**
 * End to end in a real terminal: the real queue-otel program in tmux, against the test Redis holding jobs and
 * spans recorded by a real QueueOtel and RedisSpanExporter.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../cli/run-cli';
import { waitFor } from '../../../__tests__/support/tracing';
import { seedTracedJobs } from './seed-traced-jobs';
import type { SeededTrace } from './seed-traced-jobs';
import { TmuxSession } from './tmux';

let seeded: SeededTrace;
let dir: string;
let tmux: TmuxSession;

beforeAll(async () => {
  seeded = await seedTracedJobs();
  dir = mkdtempSync(join(tmpdir(), 'qo-tui-'));
  // The test opener records the URL it was given instead of starting a browser.
  const opener = join(dir, 'opener.sh');
  writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > "${join(dir, 'opened.txt')}"\n`);
  chmodSync(opener, 0o755);
  tmux = new TmuxSession();
  tmux.start(['env', `QUEUE_OTEL_OPENER=${opener}`, 'NODE_OPTIONS=', process.execPath, BIN, 'tui',
    '--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--key-prefix', seeded.keyPrefix,
    '--apm', 'jaeger', '--apm-url', 'http://jaeger.test:16686']);
});

afterAll(() => {
  tmux?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('finds a failed job, shows, opens and copies its trace id, lists related jobs and draws the waterfall', async () => {
  const { traceId } = seeded;
  // Queues → the orders queue opens on its failed jobs.
  await tmux.waitFor(/› orders\s+0\s+0\s+0\s+0\s+1\s+1/);
  // The first key may arrive before the UI listens for input: press until the view opens.
  const jobs = await tmux.pressUntil('Enter', 'orders · failed · 1/1', 30_000, 8_000);
  expect(jobs).toMatch(new RegExp(`› ${seeded.failedJobId}\\s+charge-card\\s+failed\\s+1/1.*${traceId}`));

  // Job info: the trace id and the actions.
  tmux.send('Enter');
  await tmux.waitFor(`orders › job ${seeded.failedJobId}`);
  const info = await tmux.waitFor(`Trace ID   ${traceId}`);
  expect(info).toContain('card declined by issuer');
  expect(info).toContain(`http://jaeger.test:16686/trace/${traceId}`);
  expect(info).toContain('[o] open in APM');
  await tmux.waitFor(`trace ${traceId}`);

  // o: the opener receives the Jaeger deep link as its only argument.
  tmux.send('o');
  await tmux.waitFor(`opened http://jaeger.test:16686/trace/${traceId}`);
  const opened = join(dir, 'opened.txt');
  await waitFor('the opener ran', () => existsSync(opened) && readFileSync(opened, 'utf8'));
  // With the spans read, the link also highlights the root span.
  expect(readFileSync(opened, 'utf8')).toMatch(new RegExp(`^http://jaeger\\.test:16686/trace/${traceId}(\\?uiFind=[0-9a-f]{16})?$`));

  // t: OSC 52 reaches the terminal; tmux (set-clipboard on) decodes it into its paste buffer. No clipboard tool
  // ran (no DISPLAY), so the message says the id was sent, not that it was copied: the program cannot know.
  tmux.send('t');
  const sent = await tmux.waitFor(`sent trace id ${traceId} to the terminal clipboard (OSC 52)`);
  expect(sent).not.toContain('copied trace id');
  await waitFor('the OSC 52 copy', () => tmux.buffer() === traceId);

  // r: every job of the trace with its live state.
  tmux.send('r');
  const related = await tmux.waitFor(`Related jobs of trace ${traceId} (2)`);
  expect(related).toMatch(new RegExp(`orders\\s+${seeded.failedJobId}\\s+charge-card\\s+failed`));
  expect(related).toMatch(new RegExp(`orders\\s+${seeded.completedJobId}\\s+send-receipt\\s+completed`));

  // Esc back to the job, T: its waterfall, with the error marker, the queue wait and the critical path.
  tmux.send('Escape');
  await tmux.waitFor(`Trace ID   ${traceId}`);
  tmux.send('T');
  const waterfall = await tmux.waitFor('[!] process orders');
  expect(waterfall).toContain(`Trace ${traceId} · Redis span store`);
  expect(waterfall).toMatch(/\*\s*▼ POST \/checkout/);
  expect(waterfall).toContain('wait orders');
  expect(waterfall).toMatch(/Span details[│ ]+\n.*Span\s+POST \/checkout/);
  // j moves down the spans until the failed attempt's details show its error class. After each j, wait for the
  // details of the next line (a span's id, or a gap's first line): a j not drawn yet must not be followed by another.
  const selected = (screen: string): string | undefined => /(?:Span ID|Backoff|Queued)\s+[^│\n]*/.exec(screen)?.[0];
  for (let i = 0; i < 8 && !/Status\s+error/.test(tmux.capture()); i += 1) {
    const before = selected(tmux.capture());
    tmux.send('j');
    await waitFor(`the details of the line after ${String(before)}`, () => {
      // Undefined while a frame is half drawn: that is not yet the next line.
      const now = selected(tmux.capture());
      return now !== undefined && now !== before;
    }, 15_000);
  }
  expect(tmux.capture()).toMatch(/Status\s+error: card declined by issuer/);

  // q quits and the program ends.
  tmux.send('q');
  await waitFor('the program to exit', () => !tmux.alive(), 10_000);
});
