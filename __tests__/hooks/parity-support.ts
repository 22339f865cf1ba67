import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import type { Job, Processor, QueueOptions, Telemetry, WorkerOptions } from 'bullmq';
import { QueueOtel, QueueSampler } from '../../src';
import { QueueEventsObserver } from '../../src/observer';
import type { QueueOtelOptions } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitForAsync } from '../support/tracing';

/**
 * Running one BullMQ scenario with and without QueueOtel, to compare what BullMQ did (a tracing layer must never
 * change it). Each variant is a producer side and a worker side, each plain BullMQ or a QueueOtel of its own sampling
 * and options; one QueueOtel per variant for the whole file, as in an application.
 */

// The AsyncLocalStorage context manager, as an application with an SDK has (unsampled 'propagate' jobs need it).
createTestTracing();

const connection = redisConnection();

/** Warnings any QueueOtel of the variants logged, for the test to show. */
export const warnings: string[] = [];

function otel(rate: number, options: QueueOtelOptions = {}): QueueOtel {
  const provider = new BasicTracerProvider({ sampler: new QueueSampler({ default: rate }), spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
  return new QueueOtel({ tracerProvider: provider, logger: (message) => warnings.push(message), ...options });
}

/** Who traces the producer side and the worker side of one variant. */
export interface Variant {
  producer?: QueueOtel;
  worker?: QueueOtel;
}

const sampled = otel(1);

/** The variants compared with plain BullMQ (`plain`), by label. */
export const VARIANTS: Readonly<Record<string, Variant>> = {
  plain: {},
  'sampled 100%': { producer: sampled, worker: sampled },
  "0%, unsampledJobs 'lean' (default)": (() => { const t = otel(0); return { producer: t, worker: t }; })(),
  "0%, unsampledJobs 'propagate'": (() => { const t = otel(0, { unsampledJobs: 'propagate' }); return { producer: t, worker: t }; })(),
  "sampled, metadataFormat 'compact'": (() => { const t = otel(1, { metadataFormat: 'compact' }); return { producer: t, worker: t }; })(),
  "0%, metadataFormat 'compact'": (() => { const t = otel(0, { metadataFormat: 'compact' }); return { producer: t, worker: t }; })(),
  'sampled, every option on': (() => {
    const t = otel(1, { internalSpans: true, createSpans: true, markProcessedJobs: true, messageBodySize: true, propagation: 'link', tenantPath: 'n' });
    return { producer: t, worker: t };
  })(),
  'traced producer, plain worker': { producer: sampled },
  'plain producer, traced worker': { worker: sampled },
};

function withTelemetry<T extends object>(telemetry: QueueOtel | undefined, options: T): T & { connection: typeof connection; telemetry?: Telemetry } {
  return telemetry ? { ...options, connection, telemetry: telemetry as unknown as Telemetry } : { ...options, connection };
}

/** One scenario's queue (a fresh name) and the BullMQ instances it opens, closed by {@link Bench.close}. */
export class Bench {
  readonly name = uniqueQueueName('parity');
  private readonly closers: Array<() => Promise<unknown>> = [];

  constructor(private readonly variant: Variant) {}

  /** A Queue on the bench's queue, traced as the variant's producer. */
  queue(options: Partial<QueueOptions> = {}): Queue {
    const queue = new Queue(this.name, withTelemetry(this.variant.producer, options));
    this.closers.push(async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    });
    return queue;
  }

  /** A Worker on the bench's queue (or `queueName`), traced as the variant's worker; a path runs it sandboxed. */
  worker(processor: Processor | string | null, options: Partial<WorkerOptions> = {}, queueName = this.name): Worker {
    const worker = new Worker(queueName, processor, withTelemetry(this.variant.worker, options));
    this.closers.push(() => worker.close());
    return worker;
  }

  /** A FlowProducer traced as the variant's producer. */
  flow(): FlowProducer {
    const flow = new FlowProducer(withTelemetry(this.variant.producer, {}));
    this.closers.push(() => flow.close());
    return flow;
  }

  /**
   * A QueueEvents on the bench's queue that reads its stream from the start (no event is missed, whenever it
   * connects), with a QueueEventsObserver of the variant's QueueOtel (the worker's, else the producer's) attached
   * when `observe` is set and the variant has one.
   */
  events(observe: boolean): QueueEvents {
    const events = new QueueEvents(this.name, { connection, lastEventId: '0-0' });
    this.closers.push(() => events.close());
    const otel = observe ? (this.variant.worker ?? this.variant.producer) : undefined;
    if (otel) {
      const observer = new QueueEventsObserver(otel, events);
      this.closers.push(() => observer.close());
    }
    return events;
  }

  /** Waits until the queue's counts satisfy `done`. */
  async until(queue: Queue, what: string, done: (counts: Record<string, number>) => boolean, timeoutMs = 15_000): Promise<Record<string, number>> {
    let counts: Record<string, number> = {};
    await waitForAsync(what, async () => done((counts = await queue.getJobCounts())), timeoutMs);
    return counts;
  }

  /** Replaces the bench's queue name and random flow ids, so that outcomes of different benches compare. */
  normalize(value: unknown): unknown {
    if (value === undefined) return undefined;
    const text = JSON.stringify(value)
      .split(this.name)
      .join('<queue>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    return JSON.parse(text) as unknown;
  }

  async close(): Promise<void> {
    while (this.closers.length) await this.closers.pop()!();
  }
}

/**
 * What BullMQ stored for a job, to compare: everything but times and `opts.telemetry` (the trace metadata, which is
 * QueueOtel's to write; scenarios about a user's own `telemetry` option read it themselves).
 */
export async function jobFacts(job: Job | undefined): Promise<unknown> {
  if (!job) return undefined;
  const { telemetry: _telemetry, ...opts } = job.opts;
  return {
    id: job.id,
    name: job.name,
    data: job.data,
    opts,
    state: await job.getState(),
    returnvalue: job.returnvalue,
    attemptsMade: job.attemptsMade,
    attemptsStarted: job.attemptsStarted,
    failedReason: job.failedReason,
    stacktraceLines: job.stacktrace?.length ?? 0,
    delay: job.delay,
    priority: job.priority,
    parentKey: job.parentKey,
    deduplicationId: job.deduplicationId,
  };
}

/** The facts of every job of the queue, in id order (or name order: flow jobs have random ids). */
export async function allJobs(queue: Queue, by: 'id' | 'name' = 'id'): Promise<unknown[]> {
  const jobs = await queue.getJobs();
  jobs.sort((a, b) => String(a[by]).localeCompare(String(b[by]), 'en', { numeric: true }));
  return Promise.all(jobs.map((job) => jobFacts(job)));
}
