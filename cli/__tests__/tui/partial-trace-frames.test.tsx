/**
 * A trace its backend returned only part of (Tempo `PARTIAL`, Jaeger errors next to spans) is drawn under a line
 * saying so and why, in the wide layout and the narrow one; a complete trace has none.
 */
import { FAILED_SPANS, FAILED_TRACE, fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const WHY = 'trace exceeds max size (max bytes: 5000000)';

describe.each([160, 80])('at %i columns', (columns) => {
  it('the waterfall of a partial trace starts with the incomplete line, the spans still drawn', async () => {
    const services = fakeServices({
      traceSourceName: 'Tempo',
      readTrace: async (traceId) => (traceId === FAILED_TRACE ? { spans: FAILED_SPANS, partial: true, warnings: [WHY] } : { spans: [], partial: false, warnings: [] }),
    });
    app = renderApp(services, columns, 34);
    await app.waitFor('orders');
    await app.press('T');
    await app.waitFor('POST /checkout');
    await app.press(KEYS.enter);

    const frame = await app.waitFor('incomplete trace: Tempo returned only part of it');

    expect(frame).toContain('critical path');
  });

  it('a complete trace has no such line', async () => {
    app = renderApp(fakeServices(), columns, 34);
    await app.waitFor('orders');
    await app.press('T');
    await app.waitFor('POST /checkout');
    await app.press(KEYS.enter);

    const frame = await app.waitFor('critical path');

    expect(frame).not.toContain('incomplete trace');
  });
});
