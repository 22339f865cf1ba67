import { SamplingDecision, trace, TraceFlags } from '../otel-api';
import { checkOptionNames } from '../options';
import { isValidSpanContext } from '../context/span-context-validity';
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';
import { BullmqAttributes, MessagingAttributes } from '../vocabulary';
import { rateFromEnv } from './sampler-env';

const QUEUE_KEY = MessagingAttributes.destinationName;
const JOB_NAME_KEY = BullmqAttributes.jobName;
const SCHEDULER_KEY = BullmqAttributes.jobSchedulerId;

/** Sampling rates between 0 and 1. Job rates are keyed `queue:jobName` (BullMQ forbids `:` in queue names). */
export interface SamplingRates {
  /** Rate for traces that start anywhere else. @default `OTEL_TRACES_SAMPLER(_ARG)`, else 1 */
  default?: number;
  /** Per queue name. */
  queues?: Record<string, number>;
  /** Per `queue:jobName`; wins over the queue's rate. */
  jobs?: Record<string, number>;
}

/** Every rate option, so a misspelt one (`defualt: 0.1`, `queue: {...}`: sampled everything at 1) is refused. */
export const RATE_OPTIONS: Readonly<Record<keyof SamplingRates, true>> = { default: true, queues: true, jobs: true };

/** Called when a rate changes, e.g. to update the `queue_otel_sampling_ratio` gauge. */
export type RateListener = (queue: string, rate: number) => void;

function checkRate(where: string, rate: number): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`sampling rate for ${where} must be a number from 0 to 1, got ${shownRate(rate)}`);
  }
  return rate;
}

/**
 * A refused rate as the message shows it: a number as itself (`NaN`, `-1`), anything else as JSON, so that the string
 * `'0.5'` (a rate read from an environment variable or a form) reads `"0.5"`: as `got 0.5` the message looked wrong.
 */
function shownRate(rate: unknown): string {
  if (typeof rate === 'number') return String(rate);
  if (typeof rate === 'bigint' || typeof rate === 'symbol' || typeof rate === 'function') return `a ${typeof rate}`;
  return JSON.stringify(rate) ?? String(rate);
}

/**
 * Head sampler for queue traces. Parent-based: a span with a parent, or a process span linked to a
 * producer, follows that decision, so a job whose producer was sampled is traced in the worker and
 * one that was not is not, whatever the worker's own rate. Iterations of a job scheduler are the
 * exception: they all link to the one upsert, so each is sampled on its own instead. New traces are sampled at the rate of
 * their job name, else their queue, else the default, decided from the trace id so that every
 * service sampling the same trace agrees. Rates can change at run time.
 *
 * @example
 * const sampler = new QueueSampler({ default: 0.1, queues: { payments: 1 }, jobs: { 'emails:digest': 0.01 } });
 * new NodeTracerProvider({ sampler });
 * sampler.setRate('emails', 0.5); // later, without restarting anything
 */
export class QueueSampler implements Sampler {
  private defaultRate: number;
  private readonly queueRates = new Map<string, number>();
  private readonly jobRates = new Map<string, number>();
  private readonly listeners: RateListener[] = [];
  private readonly defaultListeners: Array<(rate: number) => void> = [];
  /** Whether any rate is 0: kept up to date on every change, read on every send (see {@link hasZeroRate}). */
  private anyZero = false;

  /**
   * @param rates the default, per-queue and per-job-name rates.
   * @throws TypeError for a name that is no option (naming the nearest one); RangeError for a rate outside 0..1.
   */
  constructor(rates: SamplingRates = {}) {
    checkOptionNames(rates, RATE_OPTIONS, 'QueueSampler');
    // Only a default left out (undefined) comes from the environment: `null` is a slip, refused like any other non-rate.
    this.defaultRate = checkRate('default', rates.default === undefined ? (rateFromEnv() ?? 1) : rates.default);
    for (const [queue, rate] of Object.entries(rates.queues ?? {})) this.queueRates.set(queue, checkRate(`queue ${queue}`, rate));
    for (const [key, rate] of Object.entries(rates.jobs ?? {})) this.jobRates.set(key, checkRate(`job ${key}`, rate));
    this.noteZeroRates();
  }

  shouldSample(ctx: Context, traceId: string, _name: string, _kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const parent = trace.getSpanContext(ctx);
    if (parent && isValidSpanContext(parent)) return decision((parent.traceFlags & TraceFlags.SAMPLED) !== 0);
    // A process span in `link` mode has no parent but links to its producer: keep that decision. Not for
    // iterations of a job scheduler: they all link to the one upsert, whose decision would otherwise make
    // a schedule all-or-nothing; each iteration is sampled at its rate like any new trace.
    const producer = attributes[SCHEDULER_KEY] === undefined ? links.find((l) => isValidSpanContext(l.context)) : undefined;
    if (producer) return decision((producer.context.traceFlags & TraceFlags.SAMPLED) !== 0);
    return decision(sampledByRatio(traceId, this.rateFor(attributes)));
  }

  /** The rate a new trace starting at a span with these attributes gets. */
  rateFor(attributes: Attributes): number {
    const queue = attributes[QUEUE_KEY];
    if (typeof queue !== 'string') return this.defaultRate;
    const jobName = attributes[JOB_NAME_KEY];
    // No job rates (the common case): no `queue:jobName` key to build and hash for every new trace.
    if (typeof jobName === 'string' && this.jobRates.size > 0) {
      const jobRate = this.jobRates.get(`${queue}:${jobName}`);
      if (jobRate !== undefined) return jobRate;
    }
    return this.queueRates.get(queue) ?? this.defaultRate;
  }

  /** Sets the rate of a queue, or of one job name in it; takes effect for the next trace. */
  setRate(queue: string, rate: number, jobName?: string): void {
    checkRate(jobName ? `job ${queue}:${jobName}` : `queue ${queue}`, rate);
    if (jobName) this.jobRates.set(`${queue}:${jobName}`, rate);
    else this.queueRates.set(queue, rate);
    this.noteZeroRates();
    if (!jobName) for (const listener of this.listeners) listener(queue, rate);
  }

  /** Sets the default rate; takes effect for the next trace. Listeners of {@link onDefaultRateChange} hear of it. */
  setDefaultRate(rate: number): void {
    this.defaultRate = checkRate('default', rate);
    this.noteZeroRates();
    for (const listener of this.defaultListeners) listener(this.defaultRate);
  }

  /**
   * Whether any rate (the default, a queue's, a job name's) is 0. QueueOtel asks before looking for sends it may
   * decide without the sampler: with no rate at 0 there are none.
   */
  hasZeroRate(): boolean {
    return this.anyZero;
  }

  private noteZeroRates(): void {
    const zero = (rates: Map<string, number>): boolean => [...rates.values()].includes(0);
    this.anyZero = this.defaultRate === 0 || zero(this.queueRates) || zero(this.jobRates);
  }

  /** The configured rates, for display and the ratio gauge. */
  rates(): Required<SamplingRates> {
    return { default: this.defaultRate, queues: Object.fromEntries(this.queueRates), jobs: Object.fromEntries(this.jobRates) };
  }

  /**
   * Registers a listener for rate changes; it is called at once with every configured queue rate. Returns the
   * function that removes it: a sampler lives as long as the process, what listens to it may not.
   */
  onRateChange(listener: RateListener): () => void {
    this.listeners.push(listener);
    for (const [queue, rate] of this.queueRates) listener(queue, rate);
    return removerOf(this.listeners, listener);
  }

  /**
   * Registers a listener for changes of the default rate, the rate of every queue without one of its own (which
   * {@link onRateChange} does not name): e.g. to update the `queue_otel_sampling_ratio` of such queues. Returns the
   * function that removes it.
   */
  onDefaultRateChange(listener: (rate: number) => void): () => void {
    this.defaultListeners.push(listener);
    return removerOf(this.defaultListeners, listener);
  }

  toString(): string {
    return `QueueSampler{default=${this.defaultRate}, queues=${this.queueRates.size}, jobs=${this.jobRates.size}}`;
  }
}

const SAMPLED: SamplingResult = { decision: SamplingDecision.RECORD_AND_SAMPLED };
const NOT_SAMPLED: SamplingResult = { decision: SamplingDecision.NOT_RECORD };

function decision(sampled: boolean): SamplingResult {
  return sampled ? SAMPLED : NOT_SAMPLED;
}

const TWO_TO_52 = 2 ** 52;

/**
 * The specification's consistent probability decision (trace/tracestate-probability-sampling.md, the algorithm of
 * its ProbabilitySampler): the randomness R is the trace id's rightmost 56 bits (random by W3C Trace Context
 * Level 2), the rejection threshold T is `(1 - rate) * 2^56`, and a trace is kept when R >= T. A pure function of
 * the id, a lower rate keeping a subset of a higher one's, and the decision any ProbabilitySampler (another SDK, the
 * Collector's probabilistic sampler) makes at the same rate. T is taken at 13 hex digits of precision (its last of
 * 14 is 0, as the specification's variable precision allows): R >= T then compares R's first 13 digits, 52 bits,
 * which a double holds exactly, with one parse as before, and the rate moves by less than 2^-52.
 */
function sampledByRatio(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return Number.parseInt(traceId.slice(-14, -1), 16) >= Math.ceil((1 - rate) * TWO_TO_52);
}

/**
 * Whether `sampler` is a QueueSampler itself, not a subclass that may override `shouldSample`: QueueOtel then knows
 * what its answers are (see zero-rate-sends.ts) and that it keeps nothing it is handed (see start-light-span.ts).
 */
export function isExactQueueSampler(sampler: unknown): sampler is QueueSampler {
  if (sampler === lastExactSampler && sampler !== undefined) return true;
  const exact = typeof sampler === 'object' && sampler !== null && Object.getPrototypeOf(sampler) === QueueSampler.prototype;
  if (exact) lastExactSampler = sampler;
  return exact;
}

/**
 * The last sampler {@link isExactQueueSampler} found to be a QueueSampler itself. A process usually has one, asked
 * about on every span: comparing a reference spares reading its prototype (a runtime call) each time.
 */
let lastExactSampler: object | undefined;

/** The function that removes one registration of `item` from `list`, once however often it is called. */
function removerOf<T>(list: T[], item: T): () => void {
  let registered = true;
  return () => {
    if (!registered) return;
    registered = false;
    const index = list.indexOf(item);
    if (index >= 0) list.splice(index, 1);
  };
}
