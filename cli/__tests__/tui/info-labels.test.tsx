/**
 * Labels of the job info and the span details keep a space before their value and are not clipped where there is
 * room: at 120 × 35 the peek panel read `Processi…237ms` and the span details `Attribut…`.
 */
import { infoLabelWidth, labelCell } from '../../src/tui/model/info-labels.js';
import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** A label cut with `…` and touching what follows it. */
const CLIPPED_LABEL = /│[A-Z][a-z ]*…\S/;

it('at 120 × 35 the peek panel shows whole labels, each followed by a space', async () => {
  app = renderApp(fakeServices(), 120, 35, { kind: 'jobs', queue: 'orders', state: 'failed', selected: 0, top: 0 });
  const frame = await app.waitFor(['│Processing 200ms', `Trace ID   ${FAILED_TRACE}`]);
  expect(frame).not.toMatch(CLIPPED_LABEL);
});

it('at 120 × 35 the span details show `Attributes` whole and their labels apart from the values', async () => {
  app = renderApp(fakeServices(), 120, 35, { kind: 'traces', focus: 'waterfall', traceId: FAILED_TRACE, listSelected: 0, spanSelected: 3, folded: [] });
  const frame = await app.waitFor(['Span details', '│Attributes', 'process orders']);
  expect(frame).toMatch(/│Duration +200ms/);
  expect(frame).not.toMatch(CLIPPED_LABEL);
});

it('a label is cut before its column ends, never into the value, and the column fits the longest label where there is room', () => {
  expect(labelCell('Processing', 9)).toBe('Process… ');
  expect(labelCell('Wait', 9)).toBe('Wait     ');
  const lines = [{ label: 'Processing', value: '200ms' }, { label: 'Attributes', value: '' }, { label: 'Wait', value: '3ms' }];
  expect(infoLabelWidth(lines, 46)).toBe(11);
  // A heading (a label without a value) is drawn whole over the value column: it does not widen it.
  expect(infoLabelWidth([{ label: 'Attributes', value: '' }, { label: 'Duration', value: '2ms' }], 29)).toBe(9);
  expect(infoLabelWidth(lines, 20)).toBe(9);
});
