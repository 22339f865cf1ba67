/** The help screen's notes (the demo's metrics URLs): listed above the keys, wrapped, and scrolled with them. */
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/app.js';
import { helpMaxOffset } from '../../src/tui/model/help.js';
import { fakeServices } from './fake-services.js';
import { settle } from './render-helpers.js';

const NOTES = [['demo', 'worker-1 metrics http://127.0.0.1:41001/metrics'], ['demo', 'worker-2 metrics http://127.0.0.1:41002/metrics']] as const;

it('? shows the notes above the keys', async () => {
  const instance = render(<App services={fakeServices()} size={{ columns: 100, rows: 40 }} helpNotes={NOTES} />);
  try {
    const deadline = Date.now() + 15_000;
    while (!(instance.lastFrame() ?? '').includes('Queues · 1/2') && Date.now() < deadline) await settle(20);
    instance.stdin.write('?');
    while (!(instance.lastFrame() ?? '').includes('Keys (esc') && Date.now() < deadline) await settle(20);
    const lines = (instance.lastFrame() ?? '').split('\n');
    const first = lines.findIndex((line) => line.includes('worker-1 metrics http://127.0.0.1:41001/metrics'));
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toContain('worker-2 metrics http://127.0.0.1:41002/metrics');
    expect(lines[first]).toMatch(/│demo\s+worker-1/);
    expect(lines.findIndex((line) => /│j k ↓ ↑|│j/.test(line))).toBeGreaterThan(first + 1);
  } finally {
    instance.unmount();
  }
});

it('the notes count in how far the help scrolls', () => {
  expect(helpMaxOffset(60, 20, NOTES)).toBe(helpMaxOffset(60, 20) + 2);
});
