/**
 * A terminal resize keeps the selected item selected and on screen (docs/tui.md: the selection is the item, not the
 * row number): the jobs table scrolls to the job, its status line and footer follow it, and j/k move from it.
 */
import { fakeServices, traceIdOf } from './fake-services.js';
import { LiveJobList } from './live-list.js';
import { renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** The line of the frame with the cursor (`›`). */
const cursorLine = (frame: string): string => frame.split('\n').find((line) => /^│›/.test(line)) ?? '';

/** Job numbers 98 … 1, newest first: row 88 of the failed list holds job 11. */
const jobs = (): LiveJobList => new LiveJobList(Array.from({ length: 98 }, (_, index) => 98 - index));

describe('shrinking the terminal with the selection low in the jobs table', () => {
  it('keeps the selected job selected and visible while jobs arrive; j moves to the job below it', async () => {
    const list = jobs();
    const services = fakeServices({ listJobs: async (_q, _s, start, count, follow) => list.page(start, count, follow) });
    app = renderApp(services, 120, 35, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 }, 150);
    await app.waitFor('1/98');
    await app.type('j'.repeat(87));
    expect(cursorLine(await app.waitFor(['88/98', `trace ${traceIdOf(11)}`]))).toMatch(/› 11 /);
    // A job arrives: the page is read around the selected job from now on, as in a live queue.
    list.arrive(99);
    expect(cursorLine(await app.waitFor('89/99'))).toMatch(/› 11 /);
    app.resize(80, 24);
    list.arrive(100);
    // Before: the cursor was on a `…` row, the position stayed 88/98, the status line was blank and the footer lost t.
    const frame = await app.waitFor(['90/100', `trace ${traceIdOf(11)}`]);
    expect(cursorLine(frame)).toMatch(/› 11 /);
    expect(frame).not.toContain('  …');
    expect(frame.trimEnd().split('\n').pop()).toMatch(/^T waterfall {2}t copy trace id/);
    await app.press('j');
    expect(cursorLine(await app.waitFor(['91/100', `trace ${traceIdOf(10)}`]))).toMatch(/› 10 /);
  });

  it('keeps it when the page reader ignores the followed job (reads by row number only)', async () => {
    app = renderApp(fakeServices(), 120, 35, { kind: 'jobs', queue: 'orders', state: 'completed', selected: 0, top: 0 }, 150);
    await app.waitFor('1/10000');
    await app.type('j'.repeat(40));
    expect(cursorLine(await app.waitFor(['41/10000', `trace ${traceIdOf(9960)}`]))).toMatch(/› 9960 /);
    app.resize(80, 24);
    const frame = await app.waitFor(`trace ${traceIdOf(9960)}`);
    expect(cursorLine(frame)).toMatch(/› 9960 /);
    expect(frame).not.toContain('  …');
  });
});
