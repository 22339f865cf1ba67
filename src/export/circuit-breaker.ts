/**
 * State of a {@link CircuitBreaker}: `closed` sends normally, `open` sends nothing until the cooldown has
 * passed, `half-open` lets one probe through whose outcome closes or re-opens the circuit.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. @default 5 (via ResilientExportDefaults) */
  failureThreshold: number;
  /** Time the circuit stays open before a probe is allowed, in ms. */
  cooldownMillis: number;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
  /** Called on every state change; must not throw (errors are swallowed). */
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
}

/**
 * A consecutive-failure circuit breaker. It does not run anything itself: the caller asks
 * {@link CircuitBreaker.waitMillis} before an attempt and reports the outcome. The caller is expected to
 * make one attempt at a time, so half-open means exactly one probe.
 *
 * @example
 * const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMillis: 5_000 });
 * if (breaker.waitMillis() === 0) {
 *   const ok = await send();
 *   ok ? breaker.recordSuccess() : breaker.recordFailure();
 * }
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #opened = 0;
  #closed = 0;
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;

  constructor(options: CircuitBreakerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Current state (does not advance open to half-open; {@link waitMillis} does). */
  get state(): CircuitState {
    return this.#state;
  }

  /** Failures since the last success. */
  get consecutiveFailures(): number {
    return this.#failures;
  }

  /** Times the circuit opened from closed since creation (a failed probe re-opening it is not counted). */
  get openCount(): number {
    return this.#opened;
  }

  /** Times the circuit closed again after being open. */
  get closeCount(): number {
    return this.#closed;
  }

  /**
   * Milliseconds until an attempt is allowed; 0 means "attempt now". When the circuit is open and the
   * cooldown has passed, this moves it to half-open, so the next attempt is the probe.
   */
  waitMillis(): number {
    if (this.#state !== 'open') return 0;
    const remaining = this.#openedAt + this.#options.cooldownMillis - this.#now();
    if (remaining > 0) return remaining;
    this.#move('half-open');
    return 0;
  }

  /** Ends the cooldown early (used by forceFlush): the next attempt is a probe. No-op unless open. */
  probeNow(): void {
    if (this.#state === 'open') this.#move('half-open');
  }

  /** The attempt succeeded (or the backend answered): resets the count and closes the circuit. */
  recordSuccess(): void {
    this.#failures = 0;
    if (this.#state !== 'closed') {
      this.#closed += 1;
      this.#move('closed');
    }
  }

  /** The attempt failed: a failed probe re-opens at once; otherwise the circuit opens at the threshold. */
  recordFailure(): void {
    this.#failures += 1;
    if (this.#state === 'half-open' || (this.#state === 'closed' && this.#failures >= this.#options.failureThreshold)) {
      this.#openedAt = this.#now();
      if (this.#state === 'closed') this.#opened += 1;
      this.#move('open');
    }
  }

  #move(state: CircuitState): void {
    const previous = this.#state;
    this.#state = state;
    try {
      this.#options.onStateChange?.(state, previous);
    } catch {
      // An observer's bug must not break exporting.
    }
  }
}
