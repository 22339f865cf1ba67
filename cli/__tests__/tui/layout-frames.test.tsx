/**
 * Every screen fits 60, 70, 100, 140 and 160 columns: the footer keeps `? help`, `esc back` and `q quit`, the
 * state tabs keep `failed`, and a long link or error message is wrapped whole (item 8); the classes view (item 5).
 */
import type { ClassSample } from '../../src/cli/class-reader.js';
import type { SampledJob } from '../../src/timing/class-stats.js';
import type { Screen } from '../../src/tui/model/screens.js';
import { FAILED_TRACE, fakeServices, traceIdOf } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

const WIDTHS = [60, 70, 100, 140, 160] as const;
let app: Rendered | undefined;
afterEach(() => app?.unmount());

function expectFits(frame: string, columns: number): void {
  for (const line of frame.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(columns);
}

/** The frame's lines inside the panel borders, joined: a wrapped text reads whole again. */
const unwrapped = (frame: string): string => frame.split('\n').map((line) => line.replace(/^[│ ]|[│ ]+$/g, '').trim()).join('').replace(/\s/g, '');

const NOW = Date.now();
function sampled(n: number, name: string, state: SampledJob['state'], waitMs: number, processMs: number, attemptsMade = 1): SampledJob {
  return {
    id: String(n), name, state, attemptsMade, finishedOn: NOW - n * 1000, traceId: traceIdOf(n),
    timing: { attempts: [], source: 'spans', waitMs, processMs, backoffMs: attemptsMade > 1 ? 300 : 0, totalMs: waitMs + processMs },
  };
}
const SAMPLE: SampledJob[] = [
  sampled(7, 'charge-card', 'failed', 3, 282, 2), sampled(9, 'charge-card', 'failed', 8, 310, 2), sampled(11, 'charge-card', 'completed', 2, 120),
  sampled(12, 'render-invoice', 'completed', 40, 2500), sampled(13, 'render-invoice', 'completed', 900, 1300),
  sampled(14, 'send-receipt', 'completed', 1, 45),
];
const LONG_URL = `https://grafana.example.com/explore?orgId=1&left=${encodeURIComponent(JSON.stringify({ datasource: 'tempo-1', queries: [{ query: FAILED_TRACE }], range: { from: '1700000000000', to: '1700000600000' } }))}`;

function services(): ReturnType<typeof fakeServices> {
  return fakeServices({
    readClasses: async (queue, window): Promise<ClassSample> => ({ queue, window, jobs: SAMPLE, read: { jobs: SAMPLE.length, traces: 2, capped: false } }),
    traceUrl: () => LONG_URL,
    openUrl: async () => {
      throw new Error('spawn xdg-open ENOENT');
    },
  });
}

const SCREENS: [string, Screen, string][] = [
  ['queues', { kind: 'queues', selected: 0 }, 'Queues · 1/2'],
  ['jobs', { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 }, '1/3'],
  ['job', { kind: 'job', queue: 'orders', jobId: '7' }, `Trace ID   ${FAILED_TRACE}`],
  ['waterfall', { kind: 'traces', focus: 'waterfall', traceId: FAILED_TRACE, listSelected: 0, spanSelected: 0, folded: [] }, 'critical path'],
  ['classes', { kind: 'classes', queue: 'orders', window: '15m', sort: 'jobs', selected: 0 }, 'render-invoice'],
  ['class jobs', { kind: 'class-jobs', queue: 'orders', name: 'charge-card', window: '15m', show: 'slowest', selected: 0 }, 'charge-card'],
];

describe.each(WIDTHS)('at %i columns', (columns) => {
  it.each(SCREENS)('%s fits and its footer keeps help, back and quit', async (_name, screen, text) => {
    app = renderApp(services(), columns, 34, screen);
    const frame = await app.waitFor(text);
    expectFits(frame, columns);
    const footer = frame.trimEnd().split('\n').pop() ?? '';
    expect(footer).toMatch(/\? help {2}esc back {2}q quit/);
  });

  it('the jobs screen shows every state tab, failed included', async () => {
    app = renderApp(services(), columns, 34, { kind: 'jobs', queue: 'orders', state: 'completed', selected: 0, top: 0 });
    const frame = await app.waitFor('1/10000');
    const tabs = frame.split('\n')[3] ?? '';
    expect(tabs).toMatch(/failed/);
    expect(tabs).toMatch(/wait/);
  });

  it('a link and an o failure are wrapped whole, so the URL can be copied', async () => {
    app = renderApp(services(), columns, 40, { kind: 'job', queue: 'orders', jobId: '7' });
    await app.waitFor(`trace ${FAILED_TRACE}`);
    expect(unwrapped(app.frame())).toContain(`Link${LONG_URL}`.replace(/\s/g, ''));
    await app.press('o');
    const frame = await app.waitFor('could not open');
    expectFits(frame, columns);
    expect(unwrapped(frame)).toContain(`could not open ${LONG_URL}:`.replace(/\s/g, ''));
  });
});

describe('the classes view (item 5)', () => {
  it('shows count, failure rate, wait and processing percentiles side by side as bars; w cycles the window, s the sort', async () => {
    app = renderApp(services(), 160, 34, { kind: 'queues', selected: 1 });
    await app.waitFor('› orders');
    await app.press('c');
    const frame = await app.waitFor('orders · classes · last 15 min · 6 jobs');
    expect(frame).toMatch(/QUEUE WAIT\s+PROCESSING/);
    expect(frame).toMatch(/NAME\s+JOBS\s+FAIL\s+RETRY\s+p50\s+p95\s+p99\s+p50\s+p95\s+p99/);
    expect(frame).toMatch(/› charge-card\s+3\s+67%\s+2\s+3ms\s+8ms\s+8ms\s+282ms\s+310ms\s+310ms\s+▇+█+/);
    expect(frame).toMatch(/render-invoice\s+2\s+0%\s+0\s+40ms\s+900ms\s+900ms\s+1.3s\s+2.5s\s+2.5s\s+▇+█+/);
    await app.press('w');
    await app.waitFor('orders · classes · last hour');
    await app.press('w');
    await app.waitFor('last 200 jobs');
    await app.press('s', 's', 's');
    expect(await app.waitFor('sort: processing')).toMatch(/› charge-card/);
  });

  it('at 70 columns keeps the p95 columns with short group names and the bar', async () => {
    app = renderApp(services(), 70, 30, { kind: 'classes', queue: 'orders', window: '15m', sort: 'jobs', selected: 0 });
    const frame = await app.waitFor('render-invoice');
    expectFits(frame, 70);
    expect(frame).toMatch(/WAIT\s+PROC\s+▇ wait █ proc/);
    expect(frame).toMatch(/charge-card\s+3\s+67%\s+8ms\s+310ms\s+▇█+/);
  });

  it('Enter opens the slowest jobs of a class, f its failed ones, and Enter there the job\'s waterfall', async () => {
    app = renderApp(services(), 160, 34, { kind: 'classes', queue: 'orders', window: '15m', sort: 'processing', selected: 0 });
    await app.waitFor('› render-invoice');
    await app.press(KEYS.enter);
    // The title is drawn before the jobs have been read: wait for the cursor's row too.
    let frame = await app.waitFor(['orders · render-invoice · slowest jobs', '│›']);
    expect(frame).toMatch(/› 12\s+completed\s+1\s+40ms\s+2.5s\s+0ms\s+2.54s/);
    // Back in the classes view, its rows are read again: each key waits for the state it acts on.
    await app.press(KEYS.escape);
    await app.waitFor('› render-invoice');
    await app.press('j');
    await app.waitFor('› charge-card');
    await app.press('f');
    frame = await app.waitFor(['orders · charge-card · failed jobs', '│›']);
    expect(frame).toMatch(/› 7\s+failed\s+2/);
    await app.press(KEYS.enter);
    await app.waitFor(`Trace ${FAILED_TRACE}`);
  });
});
