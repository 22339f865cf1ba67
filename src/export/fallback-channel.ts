import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { toError } from './errors';
import { ExportTimeoutError, exportOnce } from './export-once';
import { isReplayable } from './fallback-replay';
import type { ReplayBatch } from './fallback-replay';
import { within } from '../wait';

/** Where the {@link FallbackChannel} reports what happened to the spans it was given. */
export interface FallbackReports {
  /** The fallback failed to take `count` spans (they are lost). */
  failed(count: number, error: Error): void;
  /** Reading back from the fallback failed or timed out; replay waits for the next spill. */
  replayError(error: Error): void;
}

/**
 * The overflow path of the resilient exporter: spans that would be dropped are handed to a fallback exporter,
 * at most `capacity` spans awaiting its answer at once (so a slow fallback cannot grow memory without bound),
 * and read back later when the fallback supports it.
 *
 * @example
 * const channel = new FallbackChannel(redisExporter, { capacity: 2048, timeoutMillis: 10_000, replay: true }, reports);
 * if (!channel.spill(evicted)) dropped += evicted.length;
 */
export class FallbackChannel {
  readonly exporter: SpanExporter;
  #pending = 0;
  #spilled = 0;
  #replayWanted = false;
  #replayEnabled: boolean;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    exporter: SpanExporter,
    private readonly options: { capacity: number; timeoutMillis: number; replay: boolean },
    private readonly reports: FallbackReports,
  ) {
    this.exporter = exporter;
    this.#replayEnabled = options.replay && isReplayable(exporter);
  }

  /** Spans handed over and not answered for yet. */
  get pending(): number {
    return this.#pending;
  }

  /** Spans the fallback accepted. */
  get spilled(): number {
    return this.#spilled;
  }

  /** True when spans were spilled since the fallback was last read empty, and it can be read back. */
  get replayWanted(): boolean {
    return this.#replayEnabled && this.#replayWanted;
  }

  /** Ends the current replay round (until the next spill), e.g. when marking spans forwarded failed. */
  pauseReplay(): void {
    this.#replayWanted = false;
  }

  /** Hands `spans` to the fallback; false (nothing taken) when too many spans already await its answer. */
  spill(spans: ReadableSpan[]): boolean {
    if (spans.length === 0) return true;
    if (this.#pending + spans.length > this.options.capacity) return false;
    this.#pending += spans.length;
    const work = exportOnce(this.exporter, spans, this.options.timeoutMillis).then((outcome) => {
      this.#pending -= spans.length;
      if (outcome.ok) {
        this.#spilled += spans.length;
        this.#replayWanted = true;
      } else {
        this.reports.failed(spans.length, outcome.error);
      }
    });
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
    return true;
  }

  /** Resolves when every spill so far is answered, or after `millis`. */
  async settled(millis: number): Promise<void> {
    await within(Promise.all([...this.#inFlight]), millis);
  }

  /**
   * Reads up to `limit` spans back; `undefined` when there is nothing (more) to replay. A read error is
   * reported and ends this round (the next spill asks again); a fallback that cannot replay at all
   * (e.g. a RedisSpanExporter without `buffer: true`, which rejects) only costs one error per spill round.
   */
  async readReplay(limit: number): Promise<ReplayBatch | undefined> {
    if (!this.replayWanted || !isReplayable(this.exporter)) return undefined;
    let failure: Error | undefined;
    const read = this.exporter.readBuffered(limit).catch((error: unknown) => {
      failure = toError(error);
      return undefined;
    });
    const batch = await within(read, this.options.timeoutMillis);
    if (!batch) {
      this.#replayWanted = false;
      this.reports.replayError(failure ?? new ExportTimeoutError(this.options.timeoutMillis));
      return undefined;
    }
    if (batch.spans.length === 0) {
      this.#replayWanted = false;
      return undefined;
    }
    return batch;
  }
}
