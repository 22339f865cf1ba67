/**
 * Esc from the waterfall goes back to where it was opened from, in the wide layout (list, waterfall and details
 * side by side) as in the narrow one: to the trace list when the waterfall was opened from it, to the screen
 * before the trace view when it was opened on a job's trace. A waterfall the program starts on (`tui --trace`,
 * `--queue` likewise) has the list and the queues behind it.
 */
import { initialScreens } from '../../src/tui/run-tui.js';
import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

describe.each([160, 80])('at %i columns', (columns) => {
  it('from a waterfall opened on a job\'s trace (T), one Esc returns to the jobs table', async () => {
    app = renderApp(fakeServices(), columns, 34, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 });
    await app.waitFor('orders · failed');
    await app.press('T');
    await app.waitFor(`Trace ${FAILED_TRACE.slice(0, 16)}`);
    await app.press(KEYS.escape);
    expect(await app.waitFor('orders · failed')).toContain('queue-otel · orders › failed');
  });

  it('from a waterfall opened from the trace list (Enter), Esc returns to the list, a second Esc to the screen before', async () => {
    app = renderApp(fakeServices(), columns, 34);
    await app.waitFor('orders');
    await app.press('T');
    await app.waitFor('POST /checkout');
    await app.press(KEYS.enter);
    await app.waitFor('queue-otel · trace ');
    await app.press(KEYS.escape);
    const list = await app.waitFor('queue-otel · traces ');
    expect(list).toContain('Traces (');
    await app.press(KEYS.escape);
    await app.waitFor('Queues · 1/2');
  });

  it('from the waterfall `tui --trace <id>` starts on, Esc returns to the trace list (the trace selected), a second to the queues', async () => {
    // Before: the waterfall was the only screen, and Esc did nothing.
    app = renderApp(fakeServices(), columns, 34, initialScreens({ refreshMs: 60_000, traceId: FAILED_TRACE }));
    await app.waitFor(`Trace ${FAILED_TRACE.slice(0, 16)}`);
    await app.press(KEYS.escape);
    const list = await app.waitFor(['queue-otel · traces ', 'Traces (']);
    expect(list).toMatch(/›. POST \/checkout/);
    await app.press(KEYS.escape);
    await app.waitFor('Queues · 1/2');
  });

  it('from the jobs table `tui --queue <name>` starts on, Esc returns to the queues', async () => {
    app = renderApp(fakeServices(), columns, 34, initialScreens({ refreshMs: 60_000, queue: 'orders' }));
    await app.waitFor('orders · failed');
    await app.press(KEYS.escape);
    await app.waitFor('Queues · 1/2');
  });
});
