import type { QueueEvents } from 'bullmq';
import { RateLimitedLog } from '../hooks';
import { checkOptionNames } from '../options';
import { attributePolicy, observationHostOf, serverAddressOf } from '../telemetry';
import type { ObservationHost, QueueOtel } from '../telemetry';
import { listenForInstrumentedAttempts } from './attempt-listener';
import { BatchLookup } from './batch-lookup';
import { BoundedMap } from './bounded-map';
import { ConnectionGate } from './connection-gate';
import type { PipelineClient } from './batch-lookup';
import { instrumentedAttempts } from './instrumented-attempts';
import { SNAPSHOT_FIELDS } from './job-snapshot';
import { lookupClient } from './lookup-client';
import type { LookupClient } from './lookup-client';
import { ObservedSpans } from './observed-spans';
import { emptyStats } from './observer-stats';
import type { ObserverStats } from './observer-stats';
import { OBSERVER_DEFAULTS, OBSERVER_OPTIONS, positiveInt } from './options';
import type { ObserverOptions } from './options';
import { SnapshotRecorder } from './snapshot-recorder';
import type { ObservedEventKind, PendingLookup } from './snapshot-recorder';
import { streamIdTime } from './stream-id';
import { errorMessageOf } from '../vocabulary';
import { settlesWithin } from '../wait';

/** How long close() waits for lookups before giving them up. */
const CLOSE_WAIT_MS = 5000;

type Listener = (...args: unknown[]) => void;
interface Emitter {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/**
 * Turns a queue's events into spans for what in-process tracing cannot see: stalled jobs (their worker
 * died, so its span was never exported) and jobs processed by uninstrumented workers. Its spans go through the
 * QueueOtel it is given (tracer provider, attribute policy, propagation modes), and the attempts it sees reach
 * that QueueOtel's observers (its metrics) like the attempts of its own workers. Event handlers only queue a
 * lookup; job hashes are read in pipelined batches off the event loop's critical path, and a full queue drops
 * events (counted, warned) rather than block or grow.
 * @example
 * const observer = new QueueEventsObserver(telemetry, new QueueEvents('emails', { connection }));
 * // on shutdown: close the observer before the QueueEvents
 * await observer.close();
 */
export class QueueEventsObserver {
  private readonly queue: string;
  private readonly qualified: string;
  private readonly recorder: SnapshotRecorder;
  private readonly lookups: BatchLookup<PendingLookup>;
  private readonly client: LookupClient;
  /** For a shared lookup client: whether lookups can be sent without waiting in its offline queue. */
  private readonly gate: ConnectionGate | undefined;
  private readonly warn: RateLimitedLog;
  private readonly counters: ObserverStats = emptyStats();
  private readonly listeners: [Emitter, string, Listener][] = [];
  private readonly detachRegistry: () => void;
  private readonly host: ObservationHost;
  private readonly activeSince = new BoundedMap(50_000);
  private droppedSinceWarning = 0;
  private closed = false;

  /**
   * @param telemetry the QueueOtel whose spans and observers the observer's records join.
   * @param queueEvents the queue's events; close the observer before it.
   * @throws TypeError when `telemetry` is not a QueueOtel or an option name is no option (naming the nearest one);
   *   RangeError for an invalid limit. Both before a listener is added or a connection opened.
   */
  constructor(
    telemetry: QueueOtel,
    private readonly queueEvents: QueueEvents,
    options: ObserverOptions = {},
  ) {
    const host = observationHostOf(telemetry);
    if (!host) throw new TypeError('QueueEventsObserver: the first argument must be a QueueOtel');
    checkOptionNames(options, OBSERVER_OPTIONS, 'QueueEventsObserver');
    this.host = host;
    this.queue = queueEvents.name;
    this.qualified = queueEvents.qualifiedName;
    // QueueOtel's own policy, unless the observer is given a sanitizer of its own for its spans.
    // The server the events come from: the QueueEvents' connection, read once, as for a Queue or Worker.
    const spans = new ObservedSpans(host, options.sanitizer === undefined ? undefined : attributePolicy(options.sanitizer), serverAddressOf(queueEvents));
    this.recorder = new SnapshotRecorder(this.queue, spans, host, this.counters, options.metrics ?? true);
    this.warn = new RateLimitedLog(host.logger, options.warnIntervalMs ?? OBSERVER_DEFAULTS.warnIntervalMs);
    const limits = {
      maxPending: positiveInt('maxPending', options.maxPending, OBSERVER_DEFAULTS.maxPending),
      batchSize: positiveInt('batchSize', options.batchSize, OBSERVER_DEFAULTS.batchSize),
      concurrency: positiveInt('concurrency', options.concurrency, OBSERVER_DEFAULTS.concurrency),
    };
    this.client = lookupClient(options.connection, queueEvents.opts.connection);
    this.lookups = new BatchLookup<PendingLookup>(
      () => this.client.client() as Promise<unknown> as Promise<PipelineClient>,
      SNAPSHOT_FIELDS,
      limits,
      (item, reply) => this.recorder.record(item, reply),
      (error, items) => this.onBatchError(error, items),
      (error) => this.onRecordError(error),
      () => this.canSendLookups(),
    );
    // Created after the lookups: the gate reports to them once it knows the client (at once for an ioredis client).
    this.gate = this.client.shared ? new ConnectionGate(this.client.client(), () => this.onLookupClientChange()) : undefined;
    listenForInstrumentedAttempts(host.logger);
    this.detachRegistry = instrumentedAttempts.attach();
    const events = queueEvents as unknown as Emitter;
    this.listen(events, 'completed', (args, id) => this.onEvent('completed', args, id));
    this.listen(events, 'failed', (args, id) => this.onEvent('failed', args, id));
    this.listen(events, 'stalled', (args, id) => this.onEvent('stalled', args, id));
    this.listen(events, 'active', (args, id) => this.onActive(args, id));
    this.listen(events, 'ioredis:close', () => this.onDisconnect());
    this.listen(events, 'error', () => undefined);
    const backend = (queueEvents as { getBackend?: () => unknown }).getBackend?.() as Emitter | undefined;
    if (backend && typeof backend.on === 'function') this.listen(backend, 'ready', () => this.onConnected());
  }

  /** Counters since the observer was attached. */
  stats(): ObserverStats {
    return { ...this.counters, pending: this.lookups.pending, inFlight: this.lookups.inFlight };
  }

  /** Resolves once every event received so far has been looked up and recorded. */
  flush(): Promise<void> {
    return this.lookups.drained();
  }

  /**
   * Stops observing: removes its listeners, finishes pending lookups, closes a client it opened. It waits for
   * lookups at most {@link CLOSE_WAIT_MS}: those still waiting then are given up (counted in `failedLookups`),
   * and closing its own client fails those in flight.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [emitter, event, listener] of this.listeners.splice(0)) emitter.off(event, listener);
    this.detachRegistry();
    this.activeSince.clear();
    // The gate stays until the wait ends: held lookups still go out if the shared client gets ready meanwhile.
    if (!(await settlesWithin(this.lookups.drained(), CLOSE_WAIT_MS))) this.counters.failedLookups += this.lookups.abandon();
    this.gate?.dispose();
    await this.client.release();
  }

  private listen(emitter: Emitter, event: string, listener: Listener): void {
    emitter.on(event, listener);
    this.listeners.push([emitter, event, listener]);
  }

  /** Remembers when each attempt started (Redis time), for the stall span of an attempt that never ends. */
  private onActive(args: unknown, id: unknown): void {
    const jobId = (args as { jobId?: unknown } | null)?.jobId;
    const at = streamIdTime(id);
    if (typeof jobId === 'string' && at !== undefined && this.host.enabled()) this.activeSince.set(jobId, at);
  }

  private onEvent(kind: ObservedEventKind, args: unknown, id: unknown): void {
    const jobId = (args as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId !== 'string' || !this.host.enabled()) return;
    this.counters.received++;
    const startedAt = this.activeSince.take(jobId);
    if (!this.counters.connected) this.onConnected();
    // A QueueOtel worker in this process took the job's latest attempt: nothing to read or record. A
    // stall ends that attempt, so its entry goes and a later plain-worker attempt is recorded.
    const inProcess = instrumentedAttempts.take(this.qualified, jobId);
    if (inProcess !== undefined && kind !== 'stalled') {
      this.counters.instrumented++;
      return;
    }
    const item: PendingLookup = { key: this.queueEvents.toKey(jobId), kind, jobId, at: streamIdTime(id) ?? Date.now(), startedAt };
    if (this.lookups.offer(item)) return;
    this.counters.dropped++;
    this.droppedSinceWarning++;
    if (!this.counters.lookupConnected) {
      // Not slow: held for the lookup client. Raising the limits would not help; the queue is full of held lookups.
      this.warn.warn('held', () => {
        const n = this.droppedSinceWarning;
        this.droppedSinceWarning = 0;
        return `queue-otel observer (${this.queue}): dropped ${n} event(s): the lookup connection is down and ` +
          `${this.lookups.pending} lookups (maxPending) wait for it; their stall/observed spans are lost.`;
      });
      return;
    }
    this.warn.warn('behind', () => {
      const n = this.droppedSinceWarning;
      this.droppedSinceWarning = 0;
      return `queue-otel observer (${this.queue}): falling behind, dropped ${n} event(s) with ${this.lookups.pending} lookups pending; ` +
        'their stall/observed spans are lost. It resumes on its own; raise maxPending, batchSize or concurrency to keep up.';
    });
  }

  private onBatchError(error: unknown, items: number): void {
    this.counters.lookupErrors++;
    this.counters.failedLookups += items;
    // After close() the failures are the ones closing causes: counted, not announced.
    if (this.closed) return;
    this.warn.warn('lookup', () =>
      `queue-otel observer (${this.queue}): reading job hashes failed (${errorMessageOf(error)}); ` +
      `${items} event(s) lost, retrying with the next events.`);
  }

  private onRecordError(error: unknown): void {
    this.counters.recordErrors++;
    this.warn.warn('record', () =>
      `queue-otel observer (${this.queue}): recording an observed job failed (${errorMessageOf(error)}); its spans are lost.`);
  }

  /**
   * Asked before each lookup batch. With a shared client that is not ready, the batch stays queued: sent now it would
   * wait in that client's offline queue, out of the observer's reach. Reported once per outage.
   */
  private canSendLookups(): boolean {
    if (!this.gate || this.gate.open()) return true;
    if (this.counters.lookupConnected) {
      this.counters.lookupConnected = false;
      this.counters.lookupDisconnects++;
      const status = this.gate.status();
      // After close() the held lookups are given up and counted; nothing to announce.
      if (!this.closed) this.warn.warn('lookup-connection', () =>
        `queue-otel observer (${this.queue}): the lookup connection is not ready (${status}); lookups wait until it is ` +
        `(at most maxPending, newer events are dropped) and resume on their own.`);
    }
    return false;
  }

  /** The shared client may take commands again (its `ready`, or `end`, where they fail at once): resume the lookups. */
  private onLookupClientChange(): void {
    if (!this.gate?.open()) return;
    if (!this.counters.lookupConnected) {
      this.counters.lookupConnected = true;
      if (!this.closed) {
        this.log(`queue-otel observer (${this.queue}): the lookup connection is back (${this.gate.status()}), ` +
          `looking up ${this.lookups.pending} held event(s).`);
      }
    }
    this.lookups.resume();
  }

  /** Logs through QueueOtel's logger; a logger that throws must not throw into ioredis' or BullMQ's event loop. */
  private log(message: string): void {
    try {
      this.host.logger(message);
    } catch {
      // nothing to report it to
    }
  }

  private onDisconnect(): void {
    if (!this.counters.connected || this.closed) return;
    this.counters.connected = false;
    this.counters.disconnects++;
    this.warn.warn('connection', () =>
      `queue-otel observer (${this.queue}): lost the QueueEvents connection; BullMQ reconnects and the observer resumes ` +
      'from the last event it read (events trimmed from the stream meanwhile are lost).');
  }

  private onConnected(): void {
    if (this.counters.connected || this.closed) return;
    this.counters.connected = true;
    this.log(`queue-otel observer (${this.queue}): QueueEvents connection is back, observing again.`);
  }
}
