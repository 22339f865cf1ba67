import { demoUiRefresh } from '../../src/cli/demo/ui-refresh';
import { DEMO_EXPORT_DELAY_MS, demoChildEnv } from '../../src/cli/demo/child-processes';

test("the demo's processes export every half second, so new traces show their root soon", () => {
  const env = demoChildEnv({ PATH: '/usr/bin' }, 'redis://127.0.0.1:6400');
  expect(env).toMatchObject({ PATH: '/usr/bin', REDIS_URL: 'redis://127.0.0.1:6400', OTEL_BSP_SCHEDULE_DELAY: String(DEMO_EXPORT_DELAY_MS) });
  expect(DEMO_EXPORT_DELAY_MS).toBeLessThan(5000);
});

test('an export delay the user set wins', () => {
  expect(demoChildEnv({ OTEL_BSP_SCHEDULE_DELAY: '2000' }, 'redis://x').OTEL_BSP_SCHEDULE_DELAY).toBe('2000');
});

test("the demo's UI refreshes every second, unless the flag or QUEUE_OTEL_REFRESH_MS says otherwise", () => {
  expect(demoUiRefresh(undefined, {})).toEqual({ refresh: '1000' });
  expect(demoUiRefresh('5000', { QUEUE_OTEL_REFRESH_MS: '3000' })).toEqual({ refresh: '5000' });
  // The UI reads the variable itself: the demo hands it no flag that would override it.
  expect(demoUiRefresh(undefined, { QUEUE_OTEL_REFRESH_MS: '3000' })).toEqual({});
  expect(demoUiRefresh(undefined, { QUEUE_OTEL_REFRESH_MS: '' })).toEqual({ refresh: '1000' });
});
