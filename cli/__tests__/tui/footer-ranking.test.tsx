/**
 * The footer keeps the keys into the main features at narrow widths: T (waterfall), t (copy the trace id) and /
 * (find a job) come before moving and tabs, and `o` is listed only when an APM is configured (without one it only
 * says `no APM configured`). `? help` is always there.
 */
import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** The footer: the frame's last line. */
const footer = (frame: string): string => frame.trimEnd().split('\n').at(-1) ?? '';
const noApm = (): ReturnType<typeof fakeServices> => fakeServices({ traceUrl: () => undefined });
const JOBS = { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 } as const;
const JOB = { kind: 'job', queue: 'orders', jobId: '7' } as const;

describe('without an APM', () => {
  it.each([[120, 35], [80, 24]])('at %i × %i the jobs footer keeps T, t and /, and has no o', async (columns, rows) => {
    app = renderApp(noApm(), columns, rows, JOBS);
    const line = footer(await app.waitFor(`trace ${FAILED_TRACE}`));
    // Before, at 120: `… o open in APM  t copy trace id  r related jobs  ? help …` without T, c or /; at 80 none of them.
    expect(line).toMatch(/^T waterfall {2}t copy trace id {2}\/ find id {2}/);
    expect(line).not.toContain('open in APM');
    expect(line).toMatch(/\? help {2}esc back {2}q quit\s*$/);
    if (columns >= 120) expect(line).toContain('c classes');
  });

  it('at 80 × 24 the job info footer keeps T, t and r, and the info lists no [o]', async () => {
    app = renderApp(noApm(), 80, 24, JOB);
    const frame = await app.waitFor(`trace ${FAILED_TRACE}`);
    expect(footer(frame)).toMatch(/^T waterfall {2}t copy trace id {2}r related jobs {2}/);
    expect(footer(frame)).toContain('? help');
    expect(frame).not.toContain('open in APM');
    expect(frame).toContain('[t] copy trace id');
  });
});

describe('with an APM', () => {
  it('lists o after the keys that stay in the terminal, where it fits', async () => {
    app = renderApp(fakeServices(), 160, 35, JOB);
    const line = footer(await app.waitFor(`trace ${FAILED_TRACE}`));
    expect(line).toMatch(/^T waterfall {2}t copy trace id {2}r related jobs {2}o open in APM {2}/);
    app.unmount();
    app = renderApp(fakeServices(), 80, 24, JOBS);
    const jobs = footer(await app.waitFor(`trace ${FAILED_TRACE}`));
    expect(jobs).toMatch(/^T waterfall {2}t copy trace id {2}\/ find id {2}/);
    expect(jobs).toContain('? help');
  });
});
