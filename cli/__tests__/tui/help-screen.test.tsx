/** The help screen (`?`) in small and large terminals: every key is there, nothing is cut, it scrolls. */
import { HELP_LINES } from '../../src/tui/model/keys.js';
import { fakeServices } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

/** The help panel's text lines (inside the border), the key column included. */
function panelLines(frame: string): string[] {
  return frame.split('\n').map((line) => /^│(.*)│$/.exec(line)?.[1]?.trimEnd()).filter((line): line is string => line !== undefined);
}

it.each([[60, 20], [80, 24]])('at %i × %i shows every entry whole, scrolling with j', async (columns, rows) => {
  app = renderApp(fakeServices(), columns, rows);
  await app.waitFor('Queues · 1/2');
  await app.press('?');
  const first = await app.waitFor('Keys (esc/?/q close) · j/k scroll: 0 above');
  // Before: each description was cut with … at the panel's edge, and at 60 × 20 ink dropped whole entries
  // (and the title) to fit the height.
  const seen: string[] = [];
  let frame = first;
  for (let i = 0; i < 80 && !/, 0 below/.test(frame); i += 1) {
    seen.push(...panelLines(frame).slice(1));
    await app.press('j');
    // j scrolls one line: the frame that says so is the one drawn after the key.
    frame = await app.waitFor(`j/k scroll: ${i + 1} above`);
  }
  seen.push(...panelLines(frame).slice(1));
  expect(frame).toMatch(/, 0 below/);
  expect(seen.join('\n')).not.toContain('…');
  const text = seen.map((line) => line.slice(10).trim()).join(' ');
  for (const [key, description] of HELP_LINES) {
    expect(seen.some((line) => line.startsWith(key))).toBe(true);
    expect(text).toContain(description);
  }
  await app.press(KEYS.escape);
  expect(await app.waitFor('Queues · 1/2')).not.toContain('Keys (esc');
});

it('fits without scrolling in a large terminal', async () => {
  app = renderApp(fakeServices(), 200, 50);
  await app.waitFor('Queues · 1/2');
  await app.press('?');
  const frame = await app.waitFor('Keys (esc/?/q close)');
  expect(frame).not.toContain('j/k scroll');
  for (const [key] of HELP_LINES) expect(panelLines(frame).some((line) => line.startsWith(key))).toBe(true);
});
