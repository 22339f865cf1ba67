/**
 * Text pasted into the trace id prompt: a paste arrives as one input event, line breaks included, and often holds
 * more than the id (the UI's own `trace <id>` line, a log line, a traceparent).
 */
import { traceIdIn } from '../../src/tui/model/prompt.js';
import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

it('keeps a pasted line break in the prompt instead of submitting and handing the rest of the paste to the screen', async () => {
  app = renderApp(fakeServices(), 100);
  await app.waitFor('Queues · 1/2');
  await app.press(KEYS.ctrlT);
  // Before: Enter submitted "payment failed", and the `q` of "request" quit the UI.
  await app.type(`payment failed\rrequest ${FAILED_TRACE}`);
  await app.waitFor(`trace id: payment failed request ${FAILED_TRACE}`);
  await app.press(KEYS.enter);
  await app.waitFor(`Related jobs of trace ${FAILED_TRACE}`);
});

it('submits a paste that ends with a line break, taking the trace id out of the text around it', async () => {
  app = renderApp(fakeServices(), 100);
  await app.waitFor('Queues · 1/2');
  await app.press(KEYS.ctrlT);
  await app.type(`trace ${FAILED_TRACE.toUpperCase()}\r`);
  await app.waitFor(`Related jobs of trace ${FAILED_TRACE}`);
});

it('opens the waterfall of a pasted traceparent in the trace view', async () => {
  app = renderApp(fakeServices(), 160, 30, { kind: 'traces', focus: 'list', listSelected: 0, spanSelected: 0, folded: [], details: false });
  await app.waitFor('POST /signup');
  await app.press(KEYS.ctrlT);
  await app.type(`00-${FAILED_TRACE}-00f067aa0ba902b7-01\r`);
  await app.waitFor(`Trace ${FAILED_TRACE}`);
  expect(app.frame()).not.toContain('filter "');
});

describe('traceIdIn', () => {
  it('finds the one id in pasted text, in lower case', () => {
    expect(traceIdIn(` ${FAILED_TRACE.toUpperCase()}\n`)).toBe(FAILED_TRACE);
    expect(traceIdIn(`traceId=${FAILED_TRACE} level=error`)).toBe(FAILED_TRACE);
    expect(traceIdIn('4bf92f3577b34da6')).toBe('4bf92f3577b34da6');
  });

  it('finds none in a prefix, a longer hex run or text with two different ids', () => {
    expect(traceIdIn('4bf92f35')).toBeUndefined();
    expect(traceIdIn(`${FAILED_TRACE}0`)).toBeUndefined();
    expect(traceIdIn(`${FAILED_TRACE} ${'1'.repeat(32)}`)).toBeUndefined();
    expect(traceIdIn(`${FAILED_TRACE} again ${FAILED_TRACE}`)).toBe(FAILED_TRACE);
  });
});
