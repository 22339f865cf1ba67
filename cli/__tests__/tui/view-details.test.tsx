/** Details a user notices on screen: the queue list's position, the footer's keys, help's keys, the job info's trace id. */
import { fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

it('the queue list title shows the selected position like the jobs table (1/2, then 2/2)', async () => {
  app = renderApp(fakeServices(), 100);
  // Before: `Queues (2)`, a count without the position.
  await app.waitFor('Queues · 1/2');
  await app.press('j');
  expect(await app.waitFor('Queues · 2/2')).toMatch(/› orders/);
});
