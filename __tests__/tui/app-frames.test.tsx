import { fakeServices, FAILED_TRACE } from './fake-services.js';
import { KEYS, renderApp } from './render-helpers.js';

describe('rendered frames', () => {
  it('drills from queues into jobs with Enter', async () => {
    const app = renderApp(fakeServices(), 100);
    await app.waitFor('orders');
    await app.press('j', KEYS.enter);
    const frame = await app.waitFor('orders · failed');
    expect(frame).toContain('charge-card');
    app.unmount();
  });
});
