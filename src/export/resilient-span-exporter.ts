import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { backoffDelay } from './backoff';
import { CircuitBreaker } from './circuit-breaker';
import { toError } from './errors';
import { exportErrorType, isPermanentRejection } from './export-error-type';
import type { ExportDropReason, ExportHooks, ExportTarget } from './export-hooks';
import { safely } from './export-hooks';
import { exportOnce } from './export-once';
import type { ExportOutcome } from './export-once';
import { FallbackChannel } from './fallback-channel';
import { resolveResilientOptions } from './resilient-options';
import type { ResilientExporterStats, ResilientSpanExporterOptions, ResolvedResilientOptions } from './resilient-options';
import { SpanQueue } from './span-queue';
import { within } from '../wait';

const NO_DROPS: Record<ExportDropReason, number> = { buffer_full: 0, rejected: 0, fallback_failed: 0, shutdown: 0 };

/**
 * Wraps any `SpanExporter` so a slow or absent backend costs bounded memory and never time on the caller's
 * path. `export()` puts the spans in a bounded buffer and reports success at once; one background sender
 * exports batches with a timeout, retries with exponential backoff and jitter, and stops trying behind a
 * circuit breaker (after `failureThreshold` consecutive failures), probing with one batch after
 * `cooldownMillis`. Spans that do not fit go to the `fallback` if given, else are dropped and counted.
 * See docs/degradation.md.
 *
 * @example
 * const exporter = new ResilientSpanExporter(new OTLPTraceExporter({ url }), {
 *   maxBufferedSpans: 4096,
 *   health: new TracingHealthMetrics({ registry }),
 * });
 * const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
 */
export class ResilientSpanExporter implements SpanExporter {
  readonly #inner: SpanExporter;
  readonly #o: ResolvedResilientOptions;
  readonly #hooks: ExportHooks;
  readonly #queue: SpanQueue;
  readonly #breaker: CircuitBreaker;
  readonly #fallback: FallbackChannel | undefined;
  readonly #dropped = { ...NO_DROPS };
  #accepted = 0;
  #exported = 0;
  #replayed = 0;
  #replayRejected = 0;
  #failures = 0;
  #inFlight = 0;
  #retryAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<boolean> | undefined;
  #stopped = false;
  #shutdown: Promise<void> | undefined;

  /** @throws TypeError for a name that is no option (naming the nearest one); RangeError when an option is out of range (the message names it). */
  constructor(exporter: SpanExporter, options: ResilientSpanExporterOptions = {}) {
    this.#inner = exporter;
    this.#o = resolveResilientOptions(options);
    this.#hooks = options;
    this.#queue = new SpanQueue(this.#o.maxBufferedSpans, this.#o.overflow);
    this.#breaker = new CircuitBreaker({
      failureThreshold: this.#o.failureThreshold,
      cooldownMillis: this.#o.cooldownMillis,
      now: this.#o.now,
      onStateChange: (state, previous) => safely(() => options.onCircuitStateChange?.(state, previous)),
    });
    this.#fallback = options.fallback
      ? new FallbackChannel(
          options.fallback,
          { capacity: this.#o.maxFallbackPendingSpans, timeoutMillis: this.#o.exportTimeoutMillis, replay: this.#o.replayFromFallback },
          { failed: (count, error) => this.#fallbackFailed(count, error), replayError: (error) => this.#reportError('fallback', error) },
        )
      : undefined;
  }

  /** Buffers `spans` and reports SUCCESS at once (FAILED after shutdown). Never waits, never throws. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#shutdown) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('ResilientSpanExporter is shut down') });
      return;
    }
    this.#accepted += spans.length;
    // The batch in flight keeps its slots: it may be put back, and memory is bounded by one number.
    const evicted = this.#queue.push(spans, this.#o.maxBufferedSpans - this.#inFlight);
    this.#overflow(evicted, 'buffer_full');
    resultCallback({ code: ExportResultCode.SUCCESS });
    this.#kick();
  }

  /**
   * Tries to send everything buffered, for at most `flushTimeoutMillis`: it skips a pending backoff or
   * cooldown and stops at the first failure. Then waits for spills to the fallback and flushes the wrapped
   * exporter, within the same deadline. Never rejects; what could not be sent stays buffered.
   */
  async forceFlush(): Promise<void> {
    await this.#flush(this.#o.now() + this.#o.flushTimeoutMillis);
  }

  /**
   * Flushes (as in {@link forceFlush}; with a fallback for at most half of `flushTimeoutMillis`), stops the
   * sender and its timers, hands what is still buffered to the fallback (or drops it, reason `shutdown`), then
   * shuts down the wrapped exporter and the fallback. Resolves within `flushTimeoutMillis` in all: what has not
   * finished by then is abandoned (a batch still in flight is dropped or spilled, and counted, when its attempt
   * ends). Idempotent; `export()` reports FAILED from the first call on.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#stop();
    return this.#shutdown;
  }

  /** A snapshot of the counters; see {@link ResilientExporterStats} for how they add up. */
  stats(): ResilientExporterStats {
    const droppedTotal = Object.values(this.#dropped).reduce((a, b) => a + b, 0);
    return {
      accepted: this.#accepted,
      buffered: this.#queue.size + this.#inFlight,
      inFlight: this.#inFlight,
      capacity: this.#o.maxBufferedSpans,
      exported: this.#exported,
      spilled: this.#fallback?.spilled ?? 0,
      fallbackPending: this.#fallback?.pending ?? 0,
      replayed: this.#replayed,
      replayRejected: this.#replayRejected,
      dropped: { ...this.#dropped },
      droppedTotal,
      failures: this.#failures,
      consecutiveFailures: this.#breaker.consecutiveFailures,
      circuit: this.#breaker.state,
      circuitOpened: this.#breaker.openCount,
      circuitClosed: this.#breaker.closeCount,
    };
  }

  /** Starts the sender when it is idle and has work, after any backoff or cooldown still running. */
  #kick(): void {
    if (this.#stopped || this.#running || this.#timer || !this.#hasWork()) return;
    // Even with no wait the send starts on a timer, so export()'s caller never pays for serialization.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run(false);
    }, this.#waitMillis());
    this.#timer.unref();
  }

  #hasWork(): boolean {
    return this.#queue.size > 0 || (this.#fallback?.replayWanted ?? false);
  }

  #waitMillis(): number {
    return Math.max(this.#breaker.waitMillis(), this.#retryAt - this.#o.now(), 0);
  }

  #run(force: boolean): Promise<boolean> {
    if (this.#running) return this.#running;
    const run = this.#pump(force).finally(() => {
      this.#running = undefined;
      this.#kick();
    });
    this.#running = run;
    return run;
  }

  /** Sends batches one at a time; resolves true when there is nothing left to send. */
  async #pump(force: boolean): Promise<boolean> {
    while (!this.#stopped) {
      if (force) this.#breaker.probeNow();
      else if (this.#waitMillis() > 0) return false;
      let ok: boolean;
      if (this.#queue.size > 0) ok = await this.#sendBuffered();
      else if (force) return true; // a flush sends the memory buffer; the fallback is durable and can wait
      else {
        const replay = await this.#fallback?.readReplay(this.#o.maxExportBatchSize);
        if (!replay) return this.#queue.size === 0;
        ok = await this.#attempt(replay.spans, async (outcome) => {
          if (outcome.ok) this.#replayed += replay.spans.length;
          else this.#replayRejected += replay.spans.length;
          if (!outcome.ok) this.#notifyDropped('replay_rejected', replay.spans.length);
          await replay.markForwarded().catch((error: unknown) => {
            // Unmarked spans would be read again at once: stop this round rather than resend them in a loop.
            this.#fallback?.pauseReplay();
            this.#reportError('fallback', error);
          });
        });
      }
      if (!ok && force) return false;
    }
    return false;
  }

  async #sendBuffered(): Promise<boolean> {
    const batch = this.#queue.take(this.#o.maxExportBatchSize);
    this.#inFlight = batch.length;
    return this.#attempt(batch, (outcome) => {
      if (outcome.ok) this.#exported += batch.length;
      else this.#drop('rejected', batch.length);
    }, () => {
      if (this.#stopped) this.#overflow(batch, 'shutdown');
      else this.#overflow(this.#queue.putBack(batch), 'buffer_full');
    }).finally(() => {
      this.#inFlight = 0;
    });
  }

  /**
   * One export attempt. `settled` runs when the backend answered (accepted, or refused for good);
   * `retry` when the attempt failed and the spans should be kept. Returns whether the backend answered.
   */
  async #attempt(spans: ReadableSpan[], settled: (outcome: ExportOutcome) => unknown, retry?: () => void): Promise<boolean> {
    const outcome = await exportOnce(this.#inner, spans, this.#o.exportTimeoutMillis);
    if (outcome.ok || isPermanentRejection(outcome.error)) {
      if (!outcome.ok) this.#reportError('primary', outcome.error);
      // A refusal still proves the backend is reachable: it must not open the circuit.
      this.#breaker.recordSuccess();
      this.#retryAt = 0;
      await settled(outcome);
      return true;
    }
    this.#failures += 1;
    this.#reportError('primary', outcome.error);
    this.#breaker.recordFailure();
    this.#retryAt = this.#o.now() + backoffDelay(this.#breaker.consecutiveFailures, {
      baseMillis: this.#o.backoffBaseMillis, maxMillis: this.#o.backoffMaxMillis, random: this.#o.random,
    });
    retry?.();
    return false;
  }

  async #flush(deadline: number): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while ((this.#queue.size > 0 || this.#running) && this.#o.now() < deadline) {
      const forced = !this.#running;
      const drained = await within(this.#run(forced), deadline - this.#o.now());
      if (forced && drained !== true) break;
    }
    const left = (): number => deadline - this.#o.now();
    await this.#fallback?.settled(left());
    await within(this.#inner.forceFlush?.() ?? Promise.resolve(), left());
  }

  /** Everything within one `flushTimeoutMillis`: shutdown is what a process waits for before it exits. */
  async #stop(): Promise<void> {
    const started = this.#o.now();
    const deadline = started + this.#o.flushTimeoutMillis;
    // With a fallback, the flush leaves half the time for handing what is still buffered to it.
    await this.#flush(this.#fallback ? started + this.#o.flushTimeoutMillis / 2 : deadline);
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#overflow(this.#queue.take(this.#queue.size), 'shutdown');
    const left = (): number => deadline - this.#o.now();
    await this.#fallback?.settled(left());
    await within(Promise.allSettled([this.#inner.shutdown(), this.#fallback?.exporter.shutdown()]), left());
  }

  /** Spans that lost their place: to the fallback if it has room, else dropped for `reason`. */
  #overflow(spans: ReadableSpan[], reason: ExportDropReason): void {
    if (spans.length === 0) return;
    if (!this.#fallback?.spill(spans)) this.#drop(reason, spans.length);
  }

  #fallbackFailed(count: number, error: Error): void {
    this.#reportError('fallback', error);
    this.#drop('fallback_failed', count);
  }

  #drop(reason: ExportDropReason, count: number): void {
    this.#dropped[reason] += count;
    this.#notifyDropped(reason, count);
  }

  #notifyDropped(reason: ExportDropReason | 'replay_rejected', count: number): void {
    safely(() => this.#hooks.health?.spansDropped(reason, count));
    safely(() => this.#hooks.onDropped?.(reason, count));
  }

  #reportError(target: ExportTarget, error: unknown): void {
    const err = toError(error);
    const type = exportErrorType(err);
    safely(() => this.#hooks.health?.exportError(target === 'primary' ? this.#o.backend : this.#o.fallbackBackend, type));
    safely(() => this.#hooks.onExportError?.(type, { target, error: err }));
  }
}
