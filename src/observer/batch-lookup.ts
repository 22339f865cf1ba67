/**
 * A bounded queue of job-hash lookups, read in pipelined batches with a limit on batches in flight.
 * Offering never blocks and never grows memory past `maxPending`: when the queue is full the item is
 * refused, and the caller counts it as dropped.
 */

/** The part of an ioredis client (single node or cluster) the lookups use. */
export interface PipelineClient {
  pipeline(): { hmget(key: string, ...fields: string[]): unknown; exec(): Promise<[Error | null, unknown][] | null> };
}

/** Limits of a {@link BatchLookup}. */
export interface BatchLookupLimits {
  maxPending: number;
  batchSize: number;
  concurrency: number;
}

/** One lookup: the job-hash key and whatever the caller needs back. */
export interface LookupItem {
  key: string;
}

/** Receives each item with its HMGET reply (null when the reply is not a list of fields). */
export type LookupHandler<T> = (item: T, reply: (string | null)[] | null) => void;

/**
 * Receives lookups that failed: a whole batch (the pipeline could not be sent) or some of its commands (ioredis
 * settles a pipeline whose commands failed, connection lost or retries exhausted, with an error per command).
 * Either way the job hash was not read, which is not the same as a job hash that is gone.
 */
export type BatchErrorHandler = (error: unknown, items: number) => void;

/** Receives what the reply handler threw for one item (the rest of the batch is still handled). */
export type HandlerErrorHandler = (error: unknown) => void;

/**
 * The lookups themselves. `canSend` is asked before each batch is taken: while it says no, items wait in the queue
 * (new ones beyond `maxPending` are refused as usual) until {@link BatchLookup.resume} is called.
 */
export class BatchLookup<T extends LookupItem> {
  private queue: (T | undefined)[] = [];
  private head = 0;
  private running = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly client: () => Promise<PipelineClient>,
    private readonly fields: readonly string[],
    private readonly limits: BatchLookupLimits,
    private readonly onReply: LookupHandler<T>,
    private readonly onBatchError: BatchErrorHandler,
    private readonly onHandlerError: HandlerErrorHandler,
    private readonly canSend: () => boolean = () => true,
  ) {}

  /** Items waiting for a batch. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Batches being read now. */
  get inFlight(): number {
    return this.running;
  }

  /** Queues a lookup; false (and nothing queued) when the queue is full. */
  offer(item: T): boolean {
    if (this.pending >= this.limits.maxPending) return false;
    this.queue.push(item);
    this.pump();
    return true;
  }

  /** Removes every item still waiting for a batch (batches in flight go on); returns how many. */
  abandon(): number {
    const abandoned = this.pending;
    this.queue = [];
    this.head = 0;
    if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    return abandoned;
  }

  /** Resolves once nothing is pending or in flight. */
  drained(): Promise<void> {
    if (this.pending === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Sends what is pending, as far as the limits allow: for when {@link canSend} may have turned true. */
  resume(): void {
    this.pump();
  }

  private take(): T[] {
    const end = Math.min(this.queue.length, this.head + this.limits.batchSize);
    const batch = this.queue.slice(this.head, end) as T[];
    this.head = end;
    // Compact now and then instead of shifting on every take.
    if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  private pump(): void {
    while (this.running < this.limits.concurrency && this.pending > 0) {
      // Let events of the same tick join the batch: one round trip for many jobs.
      if (this.running > 0 && this.pending < this.limits.batchSize) return;
      // The client cannot take the batch now: it stays queued (bounded by maxPending) until resume().
      if (!this.canSend()) return;
      const batch = this.take();
      this.running++;
      void this.read(batch).finally(() => {
        this.running--;
        this.pump();
        if (this.pending === 0 && this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  private async read(batch: T[]): Promise<void> {
    let replies: [Error | null, unknown][] | null;
    try {
      const pipeline = (await this.client()).pipeline();
      for (const item of batch) pipeline.hmget(item.key, ...this.fields);
      replies = await pipeline.exec();
    } catch (error) {
      this.onBatchError(error, batch.length);
      return;
    }
    let failed = 0;
    let firstError: unknown;
    for (let i = 0; i < batch.length; i++) {
      const entry = replies?.[i];
      if (!entry || entry[0]) {
        // No reply, or an error reply: the hash was not read. Counted as failed, never as a job that is gone.
        failed++;
        firstError ??= entry?.[0] ?? new Error('no reply for the lookup in the pipeline\'s result');
        continue;
      }
      const reply = entry[1];
      try {
        this.onReply(batch[i] as T, Array.isArray(reply) ? (reply as (string | null)[]) : null);
      } catch (error) {
        // one bad record must not lose the rest of the batch
        this.onHandlerError(error);
      }
    }
    if (failed > 0) this.onBatchError(firstError, failed);
  }
}
