import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

const WIDTHS = [60, 100, 160] as const;
let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** Every line of the frame is exactly as wide as the terminal or narrower. */
function expectFits(frame: string, columns: number): void {
  for (const line of frame.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(columns);
}

describe.each(WIDTHS)('at %i columns', (columns) => {
  it('shows queues with counts, fits the width and lists the keys in the footer', async () => {
    app = renderApp(fakeServices(), columns);
    const frame = await app.waitFor('orders');
    expectFits(frame, columns);
    expect(frame).toMatch(/orders\s+0\s+2/);
    expect(frame).toContain('enter jobs');
    if (columns >= 160) expect(frame).toContain('FAIL/s');
    else expect(frame).not.toContain('DELAYED');
  });

  it('opens the failed jobs of a queue and shows the trace id of the failed job', async () => {
    app = renderApp(fakeServices(), columns);
    await app.waitFor('orders');
    await app.press('j', KEYS.enter);
    // At 100 columns and more the full id and the job name are in the peek panel, which loads after the
    // table: wait for the frame that has the table and the panel together.
    const wanted = columns >= 100 ? [FAILED_TRACE, 'charge-card'] : [FAILED_TRACE.slice(0, 8)];
    const frame = await app.waitFor(['orders · failed · 1/3', ...wanted]);
    expectFits(frame, columns);
    expect(frame).toContain('failed');
  });

  it('draws the waterfall with error marker, queue wait and critical path', async () => {
    app = renderApp(fakeServices(), columns, 34);
    await app.waitFor('orders');
    await app.press('T');
    await app.waitFor('POST /checkout');
    await app.press(KEYS.enter);
    // Beside the waterfall (100 columns and more) the span details can be drawn a frame after the spans.
    const frame = await app.waitFor(columns >= 100 ? ['[!] proc', 'Span details'] : '[!] proc');
    expectFits(frame, columns);
    expect(frame).toContain('wait ord');
    expect(frame).toMatch(/\*\s*▼ POST \/checkout/);
    expect(frame).toContain('critical path');
    expect(frame).toMatch(/[█▏▎▍▌▋▊▉]/);
    const lines = frame.split('\n');
    const listLine = lines.findIndex((line) => line.includes('Traces ('));
    const traceLine = lines.findIndex((line) => line.includes(`Trace ${FAILED_TRACE.slice(0, 12)}`));
    if (columns >= 100) {
      expect(listLine).toBe(traceLine);
      expect(frame).toContain('Span details');
    } else {
      expect(traceLine).toBeGreaterThan(listLine);
    }
  });
});

describe('keys', () => {
  it('folds and unfolds a span with Enter and shows span details with s', async () => {
    app = renderApp(fakeServices(), 160, 34, { kind: 'traces', focus: 'waterfall', traceId: FAILED_TRACE, listSelected: 0, spanSelected: 0, folded: [], details: false });
    await app.waitFor('[!] proc');
    await app.press('j', KEYS.enter);
    // The fold hides the span's children in the render that draws its ▶.
    const folded = await app.waitFor('▶ add orders');
    expect(folded).toContain('▶ add orders');
    expect(folded).not.toContain('process orders');
    await app.press(KEYS.enter, 'j', 'j', 's');
    const frame = await app.waitFor('Span details');
    expect(frame).toContain('error.type = PaymentDecl');
    expect(frame).toContain('error: card declined');
  });

  it('o opens the deep link, t copies the trace id, r lists related jobs', async () => {
    const services = fakeServices();
    app = renderApp(services, 100, 30, { kind: 'job', queue: 'orders', jobId: '7' });
    // The status line names the trace the keys act on once the job has been read.
    await app.waitFor(`trace ${FAILED_TRACE}`);
    expect(app.frame()).toContain('[o] open in APM');
    await app.press('o');
    expect(services.opened).toEqual([`http://jaeger.test/trace/${FAILED_TRACE}`]);
    expect(await app.waitFor('opened http://jaeger.test')).toContain(FAILED_TRACE);
    await app.press('t');
    expect(services.copied).toEqual([FAILED_TRACE]);
    expect(await app.waitFor(`sent trace id ${FAILED_TRACE} to the terminal clipboard (OSC 52)`)).not.toContain('copied');
    await app.press('r');
    // The title is drawn before the jobs have been read: wait for the cursor's row too.
    const related = await app.waitFor(['Related jobs of trace', '│›']);
    expect(related).toContain('send-receipt');
    expect(related).toMatch(/orders\s+7\s+charge-card\s+failed/);
  });

  it('does not open a trace for a job its producer did not sample, but still copies the id', async () => {
    const base = fakeServices();
    const UNSAMPLED = '0123456789abcdef0123456789abcdef';
    const services = fakeServices({
      getJob: async (queue, jobId) => {
        const job = await base.getJob(queue, jobId);
        return job && { ...job, traceId: UNSAMPLED, traceIds: [UNSAMPLED], sampled: false };
      },
    });
    app = renderApp(services, 100, 30, { kind: 'job', queue: 'orders', jobId: '7' });
    await app.waitFor('not sampled by its producer');
    // The status line names the trace the keys act on once the job has been read.
    await app.waitFor(`trace ${UNSAMPLED}`);
    await app.press('o');
    expect(await app.waitFor('was not sampled by its producer')).toContain(UNSAMPLED);
    expect(services.opened).toEqual([]);
    await app.press('t');
    expect(services.copied).toEqual([UNSAMPLED]);
  });

  it('says so when no APM is configured', async () => {
    app = renderApp(fakeServices({ traceUrl: () => undefined }), 100, 30, { kind: 'job', queue: 'orders', jobId: '7' });
    await app.waitFor(`trace ${FAILED_TRACE}`);
    await app.press('o');
    expect(await app.waitFor('no APM configured')).toContain('no APM configured');
  });

  it('Ctrl+T with a full trace id lists the jobs of that trace; ? shows help and Esc closes it', async () => {
    app = renderApp(fakeServices(), 100);
    await app.waitFor('orders');
    await app.press(KEYS.ctrlT);
    expect(await app.waitFor('trace id: ')).toContain('trace id: ');
    await app.press(FAILED_TRACE, KEYS.enter);
    await app.waitFor(`Related jobs of trace ${FAILED_TRACE}`);
    await app.press('?');
    expect(await app.waitFor('Keys (esc')).toContain('Ctrl+T');
    await app.press(KEYS.escape);
    // The help replaces the view: the related jobs drawn again mean Esc has been handled.
    expect(await app.waitFor(`Related jobs of trace ${FAILED_TRACE}`)).not.toContain('Keys (esc');
    await app.press(KEYS.escape);
    expect(await app.waitFor('Queues · 1/2')).toContain('enter jobs');
  });

  it('/ filters the trace list', async () => {
    app = renderApp(fakeServices(), 160, 30, { kind: 'traces', focus: 'list', listSelected: 0, spanSelected: 0, folded: [], details: false });
    await app.waitFor('POST /signup');
    await app.press('/', 'signup', KEYS.enter);
    const frame = await app.waitFor('filter "signup"');
    expect(frame).toContain('Traces (1)');
    expect(frame).not.toContain('✗ POST /checkout');
  });
});

describe('10,000 jobs', () => {
  it('reads only the visible window while jumping to the end with G', async () => {
    const services = fakeServices();
    app = renderApp(services, 100, 30, { kind: 'jobs', queue: 'orders', state: 'completed', selected: 0, top: 0 });
    await app.waitFor('1/10000');
    const started = Date.now();
    await app.press('G');
    await app.waitFor('10000/10000');
    expect(Date.now() - started).toBeLessThan(1500);
    // The counter moves first; the window's rows come with the next read: wait for the row itself.
    const frame = await app.waitFor(['10000/10000', '› 1 ']);
    expect(frame).toMatch(/› 1\s/);
    const counts = services.calls.map((call) => Number(call.split(':')[3]));
    expect(Math.max(...counts)).toBeLessThan(40);
    expect(services.calls.some((call) => Number(call.split(':')[2]) > 9_950)).toBe(true);
  });

  it('drops the name column below 60 columns', async () => {
    app = renderApp(fakeServices(), 50, 30, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 });
    const frame = await app.waitFor('1/3');
    expect(frame).not.toContain('NAME');
    expect(frame).toContain('STATE');
    expectFits(frame, 50);
  });
});
