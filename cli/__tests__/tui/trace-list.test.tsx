import { filterTraces, ROOT_NOT_STORED, traceLine } from '../../src/tui/model/trace-list.js';
import type { TraceSummary } from 'queue-otel/store';

const base: TraceSummary = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736', startUs: 0, durationUs: 59_000, spanCount: 4, droppedSpans: 0, error: false, lastWriteMs: 0,
};

test('a trace whose root span is not stored says so, instead of a name', () => {
  const line = traceLine(base, 100, 0);
  expect(line).toContain(ROOT_NOT_STORED);
  expect(line).toContain(base.traceId);
  expect(traceLine({ ...base, rootName: 'POST /checkout' }, 100, 0)).toContain('POST /checkout');
  expect(traceLine({ ...base, rootName: 'POST /checkout' }, 100, 0)).not.toContain(ROOT_NOT_STORED);
});

test('the filter matches an id prefix or a part of the root name, and never a trace without a root by its label', () => {
  const traces = [{ ...base, rootName: 'POST /checkout' }, { ...base, traceId: 'aa'.repeat(16) }];
  expect(filterTraces(traces, '4bf9').map((t) => t.traceId)).toEqual([base.traceId]);
  expect(filterTraces(traces, 'checkout')).toHaveLength(1);
  expect(filterTraces(traces, 'root not stored')).toHaveLength(0);
});
