/** A first read that Redis never answers: the UI says so, and does not claim to show earlier data it never had. */
import { fakeServices } from './fake-services.js';
import { renderApp } from './render-helpers.js';
import type { Rendered } from './render-helpers.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

it('a first read unanswered for 5 s says Redis may be unreachable, without "(showing the last data)"', async () => {
  app = renderApp(fakeServices({ listQueues: () => new Promise(() => undefined) }), 120);
  const frame = await app.waitFor('no answer for 5s: is Redis reachable?');
  expect(frame).not.toContain('showing the last data');
}, 30_000);
