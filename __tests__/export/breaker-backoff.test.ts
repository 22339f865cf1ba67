import { CircuitBreaker, backoffDelay } from '../../src/export';
import type { CircuitState } from '../../src/export';

function clockedBreaker(failureThreshold: number, cooldownMillis: number) {
  let now = 1_000;
  const changes: Array<[CircuitState, CircuitState]> = [];
  const breaker = new CircuitBreaker({
    failureThreshold, cooldownMillis, now: () => now,
    onStateChange: (state, previous) => changes.push([previous, state]),
  });
  return { breaker, changes, advance: (ms: number) => { now += ms; } };
}

describe('CircuitBreaker', () => {
  test('opens after exactly N consecutive failures; a success in between resets the count', () => {
    const { breaker } = clockedBreaker(3, 100);
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.waitMillis()).toBe(0);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.consecutiveFailures).toBe(3);
    expect(breaker.openCount).toBe(1);
  });

  test('open waits out the cooldown, then half-open lets a probe through; success closes', () => {
    const { breaker, changes, advance } = clockedBreaker(2, 100);
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.waitMillis()).toBe(100);
    advance(60);
    expect(breaker.waitMillis()).toBe(40);
    expect(breaker.state).toBe('open');
    advance(40);
    expect(breaker.waitMillis()).toBe(0);
    expect(breaker.state).toBe('half-open');
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(0);
    expect(breaker.closeCount).toBe(1);
    expect(changes).toEqual([['closed', 'open'], ['open', 'half-open'], ['half-open', 'closed']]);
  });

  test('a failed probe re-opens at once for a full cooldown', () => {
    const { breaker, changes, advance } = clockedBreaker(2, 100);
    breaker.recordFailure();
    breaker.recordFailure();
    advance(150);
    expect(breaker.waitMillis()).toBe(0);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.waitMillis()).toBe(100); // counted from the failed probe, not from the first opening
    expect(breaker.openCount).toBe(1);
    expect(changes.map(([, to]) => to)).toEqual(['open', 'half-open', 'open']);
  });

  test('probeNow ends the cooldown early, and only when open', () => {
    const { breaker } = clockedBreaker(1, 10_000);
    breaker.probeNow();
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    breaker.probeNow();
    expect(breaker.state).toBe('half-open');
    expect(breaker.waitMillis()).toBe(0);
  });

  test('a throwing observer does not break the breaker', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMillis: 1, onStateChange: () => { throw new Error('bug'); } });
    expect(() => breaker.recordFailure()).not.toThrow();
    expect(breaker.state).toBe('open');
  });
});

describe('backoffDelay', () => {
  const options = { baseMillis: 100, maxMillis: 1_000 };

  test('doubles per failure, between half and all of the ceiling, capped at the maximum', () => {
    const low = (failures: number) => backoffDelay(failures, { ...options, random: () => 0 });
    const high = (failures: number) => backoffDelay(failures, { ...options, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(low)).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map(high)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(low(0)).toBe(0);
    expect(high(10_000)).toBe(1000); // no overflow to Infinity or NaN after a very long outage
  });

  test('jitter spreads retries of many clients across the window', () => {
    const delays = Array.from({ length: 200 }, () => backoffDelay(3, options));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
    expect(new Set(delays).size).toBeGreaterThan(20);
  });
});
