/** Details a user notices on screen: the queue list's position, the footer's keys, help's keys, the job info's trace id. */
import { fakeServices } from './fake-services.js';
import { renderApp } from './render-helpers.js';
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

/** Job 7 with a parent and a four-line stack: more info lines than 80 × 24 has rows for. */
function longJobServices(): ReturnType<typeof fakeServices> {
  const services = fakeServices();
  const base = services.getJob;
  services.getJob = async (queue, jobId) => {
    const job = await base(queue, jobId);
    return job && { ...job, parentKey: 'bull:orders:1', stack: ['Error: card declined', '    at a (a.ts:1:1)', '    at b (b.ts:2:2)', '    at c (c.ts:3:3)'] };
  };
  return services;
}

it('at 80 × 24 the job info keeps the trace id, leaving out the data and the stack\'s last lines', async () => {
  app = renderApp(longJobServices(), 80, 24, { kind: 'job', queue: 'orders', jobId: '7' });
  const frame = await app.waitFor(['Job 7 · orders', 'Error', 'spans']);
  // Before: the lines were cut at the panel's end, and the trace id was the last of them.
  expect(frame).toMatch(/Trace ID\s+a{31}7/);
  expect(frame).toMatch(/Error\s+card declined/);
  expect(frame).not.toContain('{"order":7}');
});

it('in a taller terminal the job info still shows every line in its order', async () => {
  app = renderApp(longJobServices(), 80, 40, { kind: 'job', queue: 'orders', jobId: '7' });
  const frame = await app.waitFor(['Job 7 · orders', 'Error', 'spans']);
  const order = ['Queued', 'Parent', 'Error', 'at c (c.ts:3:3)', 'Data       {"order":7}', 'Trace ID'].map((text) => frame.indexOf(text));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});
