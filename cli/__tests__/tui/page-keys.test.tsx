/**
 * PgUp/PgDn move a page in every list, as the keys table (docs/tui.md) and the help screen say: the queue list and
 * the related jobs had only j/k/g/G, so PgDn did nothing there.
 */
import type { QueueSummary } from '../../src/cli/services-types.js';
import type { TraceJob } from 'queue-otel/store';
import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { renderApp } from './render-helpers.js';

/** Waits for a frame matching `pattern` (a bounded wait: a frame can take seconds on a loaded machine). */
async function waitForMatch(app: ReturnType<typeof renderApp>, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!pattern.test(app.frame())) {
    if (Date.now() > deadline) throw new Error(`${String(pattern)} not rendered; last frame:\n${app.frame()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const PAGE_DOWN = '\u001b[6~';
const PAGE_UP = '\u001b[5~';
const COUNTS = { waiting: 0, active: 0, delayed: 0, prioritized: 0, 'waiting-children': 0, completed: 1, failed: 0 };

it('PgDn and PgUp move ten queues in the queue list', async () => {
  const queues: QueueSummary[] = Array.from({ length: 30 }, (_, i) => ({ name: `q${String(i).padStart(2, '0')}`, counts: COUNTS }));
  const app = renderApp(fakeServices({ listQueues: async () => queues }), 120, 40);
  try {
    await app.waitFor('Queues · 1/30');
    await app.press(PAGE_DOWN);
    await app.waitFor(['Queues · 11/30', '› q10']);
    await app.press(PAGE_DOWN, PAGE_DOWN);
    await app.waitFor(['Queues · 30/30', '› q29']);
    await app.press(PAGE_UP);
    await app.waitFor(['Queues · 20/30', '› q19']);
  } finally {
    app.unmount();
  }
});

it('PgDn moves ten jobs in the related jobs of a trace', async () => {
  const jobs: TraceJob[] = Array.from({ length: 25 }, (_, i) => ({ queue: 'orders', jobId: `job-${i}`, name: 'charge-card', state: 'completed', attemptsMade: 1 }));
  const app = renderApp(fakeServices({ relatedJobs: async () => jobs }), 120, 40, { kind: 'related', traceId: FAILED_TRACE, selected: 0 });
  try {
    await waitForMatch(app, /› orders\s+job-0 /);
    await app.press(PAGE_DOWN);
    await waitForMatch(app, /› orders\s+job-10 /);
  } finally {
    app.unmount();
  }
});
