/**
 * The UI in a real terminal (tmux) over a queue that changes while the test runs: jobs arrive every few hundred
 * milliseconds, failed ones beyond twenty are removed. Issue 21: the keys act on the highlighted item while rows
 * arrive and leave (1), nothing of a screen outlives it (2), every key of a burst counts (3), span details and
 * folding in the wide layout (4), footers, tabs, links and messages fit at 140 and 70 columns (8).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { jobTraceOf } from 'queue-otel/store';
import { BIN } from '../cli/run-cli';
import { redisConnection } from '../../../__tests__/support/redis';
import { waitFor } from '../../../__tests__/support/tracing';
import { startLiveTraffic } from './live-traffic';
import type { LiveTraffic } from './live-traffic';
import { TmuxSession } from './tmux';

/** The job screen (its panel title names the job), once its trace id is read. */
const JOB_SCREEN_WITH_TRACE = /│Job \d+ · orders[\s\S]*Trace ID {3}[0-9a-f]{32}/;

let traffic: LiveTraffic;
let dir: string;
let queue: Queue;
const sessions: TmuxSession[] = [];

/** A long deep link, so that wrapping (not cutting) it is what makes it copyable at 70 columns. */
const LONG_TEMPLATE = 'http://apm.test/explore?orgId=1&left=%7B%22datasource%22%3A%22tempo-1%22%2C%22queries%22%3A%5B%7B%22query%22%3A%22{traceId}%22%7D%5D%2C%22range%22%3A%7B%22from%22%3A%22{startMs}%22%7D%7D';

beforeAll(async () => {
  traffic = await startLiveTraffic({ keepFailed: 20 });
  queue = new Queue('orders', { connection: redisConnection(), prefix: traffic.bullPrefix });
  dir = mkdtempSync(join(tmpdir(), 'qo-live-'));
  writeFileSync(join(dir, 'opener.sh'), `#!/bin/sh\nprintf '%s' "$1" > "${join(dir, 'opened.txt')}"\n`);
  chmodSync(join(dir, 'opener.sh'), 0o755);
});

// One UI at a time: a finished test's UI must not keep polling while the next one runs.
afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
});

afterAll(async () => {
  await queue?.close();
  await traffic?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The UI in tmux over the live queue; `opener` receives the URL of `o` (a path that does not exist fails). */
function startUi(width: number, height: number, opener = join(dir, 'opener.sh'), template = 'http://apm.test/trace/{traceId}'): TmuxSession {
  const tmux = new TmuxSession();
  sessions.push(tmux);
  tmux.start(['env', `QUEUE_OTEL_OPENER=${opener}`, 'NODE_OPTIONS=', process.execPath, BIN, 'tui', '--refresh', '300',
    '--redis', traffic.redisUrl, '--prefix', traffic.bullPrefix, '--key-prefix', traffic.keyPrefix, '--link-template', template], width, height);
  return tmux;
}

/** Opens the failed jobs of `orders` from the queue list. */
async function openFailed(tmux: TmuxSession): Promise<void> {
  await tmux.waitFor(/› orders/, 30_000);
  await tmux.pressUntil('Enter', /orders · failed · \d+\/\d+/, 30_000, 8_000);
  await tmux.waitFor(/trace [0-9a-f]{32}/);
}

/**
 * Opens the newest failed job and waits for the job screen itself with its trace id read: the jobs screen's peek
 * panel shows a Trace ID too, and a key sent before the job screen has its job acts on no trace. Failed jobs beyond
 * twenty are removed as traffic goes on; on a slow machine the highlighted one may go before its screen reads it,
 * and then the newest is opened again.
 */
async function openNewestFailedJob(tmux: TmuxSession): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    tmux.send('g');
    tmux.send('Enter');
    await tmux.waitFor(new RegExp(`${JOB_SCREEN_WITH_TRACE.source}|not found \\(removed\\?\\)`));
    if (JOB_SCREEN_WITH_TRACE.test(tmux.capture())) return;
    if (attempt === 3) throw new Error(`three failed jobs were removed before their screen read them:\n${tmux.capture()}`);
    tmux.send('Escape');
    await tmux.waitFor(/orders · failed · \d+\/\d+/);
  }
}

/** The job ids of the table, top to bottom, and the one under the cursor. */
function table(screen: string): { ids: string[]; cursor: string | undefined; position: number | undefined } {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (const line of screen.split('\n')) {
    const match = /^│([› ]) (\d+)\s+(?:charge-card|send-receipt)/.exec(line);
    if (!match) continue;
    ids.push(match[2] as string);
    if (match[1] === '›') cursor = match[2];
  }
  return { ids, cursor, position: cursor === undefined ? undefined : ids.indexOf(cursor) };
}

/** `k` of the jobs panel's `orders · failed · k/n`. */
const selectedRow = (screen: string): number => Number(/orders · failed · (\d+)\//.exec(screen)?.[1] ?? 0);
/** The trace the status line names. */
const statusTrace = (screen: string): string | undefined => /^trace ([0-9a-f]{32})\s*$/m.exec(screen)?.[1];

async function traceOfJob(id: string): Promise<string | undefined> {
  const job = await Job.fromId(queue, id);
  return jobTraceOf(job?.opts.telemetry?.metadata).traceId;
}

it('item 1: the cursor stays on its job while failed jobs arrive above it and leave below; o and t act on it; when it is removed the UI says so', async () => {
  const tmux = startUi(140, 40);
  await openFailed(tmux);
  // Jobs keep arriving, so the row number of the target moves too: wait for the job, not for a row number.
  const first = table(await tmux.waitFor(/│› \d+/));
  const job = first.ids[(first.position ?? 0) + 2] as string;
  expect(job).toMatch(/^\d+$/);
  tmux.send('j', 'j');
  const start = await waitFor(`the cursor on job ${job}`, () => {
    const screen = tmux.capture();
    return table(screen).cursor === job && screen;
  }, 15_000);
  // Rows arrive above it: its row number grows, the cursor stays on it. Every screen on the way has it selected.
  let screen = start;
  await waitFor('rows to arrive above the selected job', () => {
    screen = tmux.capture();
    const cursor = table(screen).cursor;
    if (cursor !== undefined) expect(cursor).toBe(job);
    return selectedRow(screen) >= selectedRow(start) + 3;
  }, 30_000);
  const traceId = await traceOfJob(job);
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  await tmux.waitFor(`trace ${traceId}`);
  tmux.send('o');
  await waitFor('the opener ran', () => existsSync(join(dir, 'opened.txt')) && readFileSync(join(dir, 'opened.txt'), 'utf8'), 15_000);
  expect(readFileSync(join(dir, 'opened.txt'), 'utf8')).toBe(`http://apm.test/trace/${traceId}`);
  tmux.send('t');
  await waitFor('the OSC 52 copy', () => tmux.buffer() === traceId, 15_000);
  // Twenty failed jobs are kept: the job leaves the list and the UI says so, the cursor on the row now at its place.
  const gone = await tmux.waitFor(`job ${job} is no longer in orders › failed`, 45_000);
  expect(table(gone).cursor).not.toBe(job);
  // Away from the bottom (where rows keep leaving), the keys act on the row under the cursor.
  tmux.send('kkk');
  const settled = await waitFor('a highlighted job and its trace on one screen', () => {
    const screen = tmux.capture();
    const cursor = table(screen).cursor;
    const shown = statusTrace(screen);
    return cursor && shown && cursor !== job ? { cursor, shown } : undefined;
  }, 15_000);
  expect(await traceOfJob(settled.cursor)).toBe(settled.shown);
  rmSync(join(dir, 'opened.txt'), { force: true });
  tmux.send('o');
  await waitFor('the opener ran again', () => existsSync(join(dir, 'opened.txt')) && readFileSync(join(dir, 'opened.txt'), 'utf8'), 15_000);
  expect(readFileSync(join(dir, 'opened.txt'), 'utf8')).toBe(`http://apm.test/trace/${settled.shown}`);
}, 150_000);

it('item 1: in the trace list, new traces arrive above the highlighted one; Enter opens it and r lists its jobs', async () => {
  const tmux = startUi(140, 40);
  await tmux.waitFor(/› orders/, 30_000);
  await tmux.pressUntil('T', 'Traces (', 30_000, 8_000);
  // Keys are handled in order: once the help that `?` opens is drawn, both j's were handled, however slow the
  // machine (a fixed pause before reading the highlight let the second j move it afterwards on a loaded machine).
  tmux.send('j', 'j', '?');
  await tmux.waitFor('Keys (esc/?/q close)', 15_000);
  tmux.send('?');
  await waitFor('the help to close', () => !tmux.capture().includes('Keys (esc/?/q close)'), 15_000);
  const traceId = await waitFor('a trace to be highlighted', () => statusTrace(tmux.capture()), 15_000);
  const count = (screen: string): number => Number(/Traces \((\d+)\)/.exec(screen)?.[1] ?? 0);
  const before = count(tmux.capture());
  await waitFor('new traces above it', () => {
    const screen = tmux.capture();
    const shown = statusTrace(screen);
    if (shown !== undefined) expect(shown).toBe(traceId);
    return count(screen) >= before + 2;
  }, 30_000);
  // The highlighted row is the trace's: the list shows its id prefix.
  expect(tmux.capture()).toMatch(new RegExp(`│›.*${traceId.slice(0, 6)}`));
  tmux.send('Enter');
  await tmux.waitFor(`queue-otel · trace ${traceId}`);
  tmux.send('r');
  await tmux.waitFor(`Related jobs of trace ${traceId}`);
}, 120_000);

it('item 2: after Esc from a queue the queues screen has no trace: t, r and T act on it; a message goes by itself', async () => {
  const tmux = startUi(140, 40);
  await openFailed(tmux);
  tmux.send('Escape');
  const queues = await tmux.waitFor(/Queues · 1\/1/);
  expect(statusTrace(queues)).toBeUndefined();
  tmux.send('t');
  await tmux.waitFor('no trace here');
  expect(tmux.buffer()).toBe('');
  // r, then ? and ? again: keys are handled in order, so once the help has opened and closed, r has been handled
  // (a screen it opened would be the one under the help).
  tmux.send('r');
  tmux.send('?');
  await tmux.waitFor('Keys (esc/?/q close)', 15_000);
  tmux.send('?');
  await waitFor('the help to close', () => !tmux.capture().includes('Keys (esc/?/q close)'), 15_000);
  expect(tmux.capture()).not.toContain('Related jobs');
  tmux.send('T');
  const traces = await tmux.waitFor('Traces (');
  // The trace list, not the waterfall of the queue's last trace.
  expect(traces).toMatch(/queue-otel · traces /);
  // Once the list is read, t copies the highlighted trace's id.
  await tmux.waitFor(/^trace [0-9a-f]{32}/m);
  tmux.send('t');
  await tmux.waitFor(/sent trace id [0-9a-f]{32} to the terminal clipboard/);
  await waitFor('the message to expire', () => !tmux.capture().includes('sent trace id'), 20_000);
}, 120_000);

it('item 3: jj and Down Down Down sent as one burst move the cursor two and three jobs', async () => {
  const tmux = startUi(140, 40);
  await openFailed(tmux);
  for (const [keys, rows] of [[['jj'], 2], [['Down', 'Down', 'Down'], 3], [['kk'], -2]] as const) {
    // Settle on a screen whose cursor row is known, then send the burst in one send-keys call.
    const before = table(await tmux.waitFor(/│› \d+/));
    const target = before.ids[(before.position ?? 0) + rows];
    expect(target).toBeDefined();
    tmux.send(...keys);
    await waitFor(`the cursor ${rows} rows on, on job ${target}`, () => table(tmux.capture()).cursor === target, 15_000);
  }
}, 120_000);

it('item 4: in the wide layout s hides and shows the span details, and folding keeps the span count', async () => {
  const tmux = startUi(140, 40);
  await openFailed(tmux);
  tmux.send('T');
  await tmux.waitFor('Span details');
  const spans = /(\d+) spans ·/.exec(await tmux.waitFor(/\d+ spans ·/))?.[1];
  tmux.send('s');
  await waitFor('the details to close', () => !tmux.capture().includes('Span details'), 15_000);
  tmux.send('s');
  await tmux.waitFor('Span details');
  tmux.send('Enter');
  await tmux.waitFor(new RegExp(`${spans} spans \\(\\d+ folded\\)`));
}, 120_000);

it('item 8: at 140 columns the job and trace footers keep help, back and quit; at 70 the failed tab, the link and a failed o fit whole', async () => {
  const wide = startUi(140, 40);
  await openFailed(wide);
  await openNewestFailedJob(wide);
  expect(wide.capture()).toMatch(/\? help {2}esc back {2}q quit/);
  wide.send('T');
  await wide.waitFor('Span details');
  expect(wide.capture()).toMatch(/\? help {2}esc back {2}q quit/);

  const narrow = startUi(70, 30, join(dir, 'no-such-opener'), LONG_TEMPLATE);
  await openFailed(narrow);
  expect(narrow.capture()).toMatch(/ wait .* failed /);
  await openNewestFailedJob(narrow);
  const traceId = statusTrace(await narrow.waitFor(/^trace [0-9a-f]{32}/m)) as string;
  const url = LONG_TEMPLATE.replace('{traceId}', traceId);
  const joined = (screen: string): string => screen.split('\n').map((line) => line.replace(/^│|│$/g, '').trim()).join('').replace(/\s/g, '');
  // The link in the job info wraps: read whole, it holds the URL up to its time window.
  await waitFor('the wrapped link', () => joined(narrow.capture()).includes(url.slice(0, url.indexOf('{startMs}'))), 15_000);
  narrow.send('o');
  const failed = await narrow.waitFor('could not open');
  expect(joined(failed)).toContain(`couldnotopen${url.slice(0, url.indexOf('{startMs}'))}`);
  expect(failed.split('\n').every((line) => Array.from(line).length <= 70)).toBe(true);
}, 150_000);
