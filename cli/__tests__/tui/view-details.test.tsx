/** Details a user notices on screen: the queue list's position, the footer's keys, help's keys, the job info's trace id. */
import { FAILED_TRACE, fakeServices } from './fake-services.js';
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

/** Failed jobs: the first without a trace id, the second not sampled by its producer, the third traced. */
function mixedTraceServices(): ReturnType<typeof fakeServices> {
  const services = fakeServices();
  const base = services.listJobs;
  services.listJobs = async (...args) => {
    const page = await base(...args);
    return {
      ...page,
      rows: page.rows.map((row) => {
        if (row.id === '7') {
          const { traceId: _traceId, ...untraced } = row;
          return untraced;
        }
        if (row.id === '8') return { ...row, sampled: false };
        return row;
      }),
    };
  };
  return services;
}

/** The footer: the frame's last line. */
function footer(frame: string): string {
  return frame.trimEnd().split('\n').at(-1) ?? '';
}

it('the footer lists o, t and r only where they work for the selected row', async () => {
  app = renderApp(mixedTraceServices(), 160, 30, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 });
  // Before: `o open in APM  t copy trace id  r related jobs` on a job without a trace id, where each says `no trace here`.
  let frame = await app.waitFor(['orders · failed · 1/3', '› 7 ']);
  expect(footer(frame)).not.toMatch(/\bo open in APM|\bt copy trace id|\br related jobs/);
  expect(footer(frame)).toContain('T traces');
  await app.press('j');
  frame = await app.waitFor(['orders · failed · 2/3', `trace ${'8'.padStart(32, 'a')}`]);
  // Not sampled: the id can be copied and its jobs listed, but there is no trace to open.
  expect(footer(frame)).not.toContain('o open in APM');
  expect(footer(frame)).toMatch(/^T waterfall {2}t copy trace id .* r related jobs {2}\^T/);
  await app.press('j');
  frame = await app.waitFor(['orders · failed · 3/3', `trace ${'9'.padStart(32, 'a')}`]);
  // The footer ranks the keys into the terminal's features first, o (leaving it for the APM) last of the trace keys.
  expect(footer(frame)).toMatch(/^T waterfall {2}t copy trace id .* r related jobs {2}o open in APM {2}/);
});

it('the help screen\'s footer says esc, ? and q close it, and q does', async () => {
  app = renderApp(fakeServices(), 100);
  await app.waitFor('Queues · 1/2');
  await app.press('?');
  const frame = await app.waitFor('Keys (esc/?/q close)');
  // Before: `q quit` in the footer, while q closed the help.
  expect(footer(frame)).toContain('esc/?/q close help');
  expect(footer(frame)).not.toContain('q quit');
  await app.press('q');
  expect(await app.waitFor('Queues · 1/2')).not.toContain('Keys (esc');
});

it('in a prompt the footer lists only the prompt\'s keys, and q is typed', async () => {
  app = renderApp(fakeServices(), 100);
  await app.waitFor('Queues · 1/2');
  await app.press(KEYS.ctrlT);
  const frame = await app.waitFor('trace id: ');
  expect(footer(frame)).toContain('enter submit  esc cancel');
  expect(footer(frame)).not.toContain('q quit');
  await app.press('q');
  expect(footer(await app.waitFor('trace id: q'))).toContain('esc cancel');
  await app.press(KEYS.escape);
  expect(footer(await app.waitFor('enter jobs'))).toContain('q quit');
});

it('t says `copied … (xclip)` only when a clipboard tool confirmed the copy', async () => {
  const services = fakeServices({ copy: async () => ({ sentToTerminal: true, tool: 'xclip' }) });
  app = renderApp(services, 100, 30, { kind: 'job', queue: 'orders', jobId: '7' });
  await app.waitFor(`trace ${FAILED_TRACE}`);
  await app.press('t');
  await app.waitFor(`copied trace id ${FAILED_TRACE} (xclip)`);
});

it('t says the copy failed when neither a tool nor the terminal took the id', async () => {
  app = renderApp(fakeServices({ copy: async () => ({ sentToTerminal: false }) }), 100, 30, { kind: 'job', queue: 'orders', jobId: '7' });
  await app.waitFor(`trace ${FAILED_TRACE}`);
  await app.press('t');
  expect(await app.waitFor(`could not copy trace id ${FAILED_TRACE}`)).not.toContain('copied trace id');
});
