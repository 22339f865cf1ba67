/** What the trace list says when it is empty: nothing stored, or only nothing matching the filter. */
import { fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

it('says the filter matched nothing, not that no traces are stored, for an id that matches nothing', async () => {
  app = renderApp(fakeServices(), 100);
  await app.waitFor('Queues · 1/2');
  await app.press(KEYS.ctrlT);
  await app.type('DEADBEEF\r');
  const frame = await app.waitFor('Traces (0) · filter "deadbeef"');
  expect(frame).not.toContain('no traces stored');
  // The panel is narrow here: the message is wrapped over its lines, not cut.
  const text = frame.split('\n').map((line) => /^│(.*?)│/.exec(line)?.[1]?.trim() ?? '').join(' ');
  expect(text).toContain('no trace matches "deadbeef" (an id prefix or a root name, among the 2 newest)');
});

it('says no traces are stored when the store is empty', async () => {
  app = renderApp(fakeServices({ listTraces: async () => [] }), 100, 30, { kind: 'traces', focus: 'list', listSelected: 0, spanSelected: 0, folded: [], details: false });
  await app.waitFor('Traces (0)');
  expect(await app.waitFor('no traces stored')).not.toContain('no trace matches');
});

it('filters by an upper-case id prefix', async () => {
  app = renderApp(fakeServices(), 100);
  await app.waitFor('Queues · 1/2');
  await app.press(KEYS.ctrlT);
  await app.type('AAAAAAAA\r');
  const frame = await app.waitFor('Traces (2) · filter "aaaaaaaa"');
  expect(frame).toContain('✓ POST /');
});
