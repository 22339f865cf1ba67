import { ESSENTIAL_KEYS, fitHints, keysFor } from '../../src/tui/model/keys.js';
import { stateTabs } from '../../src/tui/model/state-tabs.js';
import { wrapLines } from '../../src/tui/model/status.js';
import { traceLine } from '../../src/tui/model/trace-list.js';
import { tracesScreen } from '../../src/tui/model/screens.js';
import type { TraceSummary } from 'queue-otel/store';

const WIDTHS = [60, 70, 100, 140, 160];

test.each(WIDTHS)('the footer keeps ? help, esc back and q quit at %i columns and never overflows', (width) => {
  for (const screen of [tracesScreen('a'.repeat(32)), { kind: 'job' as const, queue: 'q', jobId: '1' }, { kind: 'jobs' as const, queue: 'q', state: 'failed' as const, selected: 0, top: 0 }]) {
    const hints = fitHints(keysFor(screen, {}), width);
    const text = hints.map((hint) => `${hint.key} ${hint.action}  `).join('');
    expect(text.length).toBeLessThanOrEqual(width);
    for (const essential of ESSENTIAL_KEYS) expect(hints).toContainEqual(essential);
  }
});

test('the state tabs shorten before they drop any, and always show the current one', () => {
  expect(stateTabs('failed', 100).map((tab) => tab.label)).toContain('waiting-children');
  const at70 = stateTabs('failed', 68);
  expect(at70.map((tab) => tab.state)).toContain('failed');
  expect(at70).toHaveLength(7);
  const tiny = stateTabs('delayed', 24);
  expect(tiny.map((tab) => tab.state)).toContain('delayed');
  expect(tiny.reduce((w, tab) => w + tab.label.length + 2, 0)).toBeLessThanOrEqual(24);
});

test('a long message is wrapped whole (a URL can be copied), up to a limit', () => {
  const url = `https://grafana.example.com/explore?left=${'x'.repeat(120)}`;
  const lines = wrapLines(`could not open ${url}: spawn xdg-open ENOENT`, 70, 3);
  expect(lines.every((line) => line.length <= 70)).toBe(true);
  expect(lines.join('').replace(/\s/g, '')).toContain(url);
  expect(wrapLines('y'.repeat(500), 70, 3)[2]).toMatch(/…$/);
});

test('a trace line in the 140-column list shows the id prefix and the age', () => {
  const trace: TraceSummary = { traceId: 'd2738e16'.padEnd(32, '0'), rootName: 'POST /checkout', startUs: 0, durationUs: 612_000, spanCount: 5, droppedSpans: 0, error: true, lastWriteMs: 0 };
  // At 140 columns the list's lines are 35 wide (trace-layout.ts).
  const line = traceLine(trace, 35, 3000);
  expect(line.length).toBeLessThanOrEqual(35);
  expect(line).toMatch(/^✗ POST \/checko…\s+612ms\s+3s d2738e$/);
  expect(traceLine(trace, 35, 3000, 'retried')).toMatch(/^↻/);
});
