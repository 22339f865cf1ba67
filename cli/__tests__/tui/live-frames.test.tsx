/**
 * The keys act on what the screen shows while the data changes under it (rows arriving and leaving), every key of
 * a burst counts, and nothing of a screen outlives it. Rendered frames over in-memory services with a short
 * refresh; the same stories run in a real terminal over a live queue in live-e2e.test.ts.
 */
import type { TraceSummary } from 'queue-otel/store';
import { FAILED_TRACE, fakeServices, traceIdOf } from './fake-services.js';
import { LiveJobList } from './live-list.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** The line of the frame with the cursor (`›`). */
const cursorLine = (frame: string): string => frame.split('\n').find((line) => /^│›/.test(line)) ?? '';

describe('selection follows the item (issue 21, item 1)', () => {
  it('jobs arriving above and leaving below the selected job: the cursor stays on it and o opens its trace', async () => {
    const list = new LiveJobList([50, 49, 48, 47, 46, 45, 44, 43]);
    const services = fakeServices({ listJobs: async (_q, _s, start, count, follow) => list.page(start, count, follow) });
    app = renderApp(services, 100, 30, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 }, 150);
    await app.waitFor('1/8');
    await app.press('j', 'j');
    expect(cursorLine(await app.waitFor('3/8'))).toMatch(/› 48 /);
    list.arrive(51, 52);
    list.remove(43);
    const frame = await app.waitFor('5/9');
    expect(cursorLine(frame)).toMatch(/› 48 /);
    expect(frame).toContain(`trace ${traceIdOf(48)}`);
    await app.press('o');
    expect(services.opened).toEqual([`http://jaeger.test/trace/${traceIdOf(48)}`]);
  });

  it('a selected job that leaves the list is reported, and the keys act on the row the cursor is on now', async () => {
    const list = new LiveJobList([50, 49, 48, 47, 46]);
    const services = fakeServices({ listJobs: async (_q, _s, start, count, follow) => list.page(start, count, follow) });
    app = renderApp(services, 100, 30, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 }, 150);
    await app.waitFor('1/5');
    await app.press('j');
    await app.waitFor(`trace ${traceIdOf(49)}`);
    list.remove(49);
    const frame = await app.waitFor('job 49 is no longer in orders › failed');
    expect(cursorLine(frame)).toMatch(/› 48 /);
    await app.press('t');
    expect(services.copied).toEqual([traceIdOf(48)]);
  });

  it('traces arriving at the top of the list: Enter opens the highlighted trace, r its jobs', async () => {
    const summary = (n: number): TraceSummary => ({ traceId: traceIdOf(n), rootName: `POST /t${n}`, startUs: 0, durationUs: 1000, spanCount: 1, droppedSpans: 0, error: false, lastWriteMs: Date.now() });
    let traces = [3, 2, 1].map(summary);
    const services = fakeServices({ listTraces: async () => traces });
    app = renderApp(services, 160, 34, { kind: 'traces', focus: 'list', listSelected: 0, spanSelected: 0, folded: [] }, 150);
    await app.waitFor('Traces (3)');
    await app.press('j');
    await app.waitFor(`trace ${traceIdOf(2)}`);
    traces = [5, 4, 3, 2, 1].map(summary);
    const frame = await app.waitFor('Traces (5)');
    expect(cursorLine(frame)).toContain('POST /t2');
    await app.press(KEYS.enter);
    await app.waitFor(`Trace ${traceIdOf(2)}`);
    await app.press('r');
    expect(await app.waitFor('Related jobs of trace')).toContain(traceIdOf(2));
  });
});

describe('no leftover state (item 2)', () => {
  it('after Esc from a queue, t, r and T act on the queues screen, not on the queue\'s last trace', async () => {
    const services = fakeServices();
    app = renderApp(services, 160);
    await app.waitFor('orders');
    await app.press('j', KEYS.enter);
    await app.waitFor(`trace ${FAILED_TRACE}`);
    await app.press(KEYS.escape);
    let frame = await app.waitFor('Queues · 2/2');
    expect(frame).not.toContain(`trace ${FAILED_TRACE}`);
    await app.press('t');
    expect(await app.waitFor('no trace here')).not.toContain('copied');
    expect(services.copied).toEqual([]);
    // r, then ? and ? again: keys are handled in order, so once the help has opened and closed, r has been handled
    // (a screen it opened would be the one under the help).
    await app.press('r', '?');
    await app.waitFor('Keys (esc');
    await app.press('?');
    // The view under the help is drawn anew (its first frame says loading…): wait for its rows.
    await app.waitForGone('Keys (esc');
    expect(await app.waitFor('Queues · 2/2')).toContain('Queues · 2/2');
    await app.press('T');
    frame = await app.waitFor('Traces (2)');
    // The trace list, not a waterfall of the queue's trace.
    expect(frame).toContain('queue-otel · traces ');
  });

  it('a message clears on the next key and expires after a few seconds', async () => {
    app = renderApp(fakeServices(), 100, 30, { kind: 'job', queue: 'orders', jobId: '7' });
    await app.waitFor(`trace ${FAILED_TRACE}`);
    await app.press('t');
    await app.waitFor('sent trace id');
    // j's only effect here is the message's going, and the message also expires by itself, so its going proves
    // nothing. Keys are handled in order and each draws its frame: once ? has opened the help, the frame before
    // the help's first one is the one j drew (none there: j drew nothing).
    const beforeJ = app.framesDrawn();
    await app.press('j', '?');
    await app.waitFor('Keys (esc');
    const drawn = app.framesAfter(beforeJ);
    const afterJ = drawn[drawn.findIndex((frame) => frame.includes('Keys (esc')) - 1];
    expect(afterJ).toBeDefined();
    expect(afterJ).not.toContain('sent trace id');
    await app.press('?');
    // The job view under the help is drawn anew: t acts on its trace once the job has been read again.
    await app.waitForGone('Keys (esc');
    await app.waitFor(`trace ${FAILED_TRACE}`);
    await app.press('t');
    await app.waitFor('sent trace id');
    const deadline = Date.now() + 12_000;
    while (app.frame().includes('sent trace id') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.frame()).not.toContain('sent trace id');
    expect(app.frame()).toContain(`trace ${FAILED_TRACE}`);
  }, 20_000);
});

describe('every key of a burst counts (item 3)', () => {
  it('jj, jjj and three arrows in one read each move the cursor that many rows', async () => {
    app = renderApp(fakeServices(), 100, 30, { kind: 'jobs', queue: 'orders', state: 'completed', selected: 0, top: 0 });
    await app.waitFor('1/10000');
    await app.type('jj');
    await app.waitFor('3/10000');
    await app.type('jjj');
    await app.waitFor('6/10000');
    await app.type(`${KEYS.down}${KEYS.down}${KEYS.down}`);
    await app.waitFor('9/10000');
    await app.type('kG');
    await app.waitFor('10000/10000');
  });

  it('a burst that opens a screen goes on in the new screen: Enter then j, and a typed search with its Enter', async () => {
    app = renderApp(fakeServices(), 160, 34);
    await app.waitFor('orders');
    await app.type('j\rj');
    await app.waitFor('orders · failed · 2/3');
    await app.type('T');
    await app.waitFor('Traces (2)');
    await app.type('/signup\r');
    expect(await app.waitFor('filter "signup"')).toContain('Traces (1)');
  });
});

describe('span details and folding in the wide layout (item 4)', () => {
  it('s hides and shows the span details beside the waterfall; folding keeps the span count', async () => {
    app = renderApp(fakeServices(), 160, 34, { kind: 'traces', focus: 'waterfall', traceId: FAILED_TRACE, listSelected: 0, spanSelected: 0, folded: [] });
    await app.waitFor('Span details');
    await app.press('s');
    expect(await app.waitForGone('Span details')).not.toContain('Span details');
    await app.press('s');
    await app.waitFor('Span details');
    await app.press('j', KEYS.enter);
    const frame = await app.waitFor('▶ add orders');
    expect(frame).toContain('4 spans (2 folded)');
  });
});
