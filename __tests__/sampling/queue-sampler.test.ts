import { context, ROOT_CONTEXT, SamplingDecision, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import { QueueSampler, rateFromEnv } from '../../src/sampling';

const ids = new RandomIdGenerator();
const sampled = (s: QueueSampler, attributes: Record<string, string>, ctx = ROOT_CONTEXT, links: Parameters<QueueSampler['shouldSample']>[5] = []) =>
  s.shouldSample(ctx, ids.generateTraceId(), 'x', SpanKind.PRODUCER, attributes, links).decision === SamplingDecision.RECORD_AND_SAMPLED;

function share(s: QueueSampler, attributes: Record<string, string>, n = 4000): number {
  let hits = 0;
  for (let i = 0; i < n; i++) if (sampled(s, attributes)) hits++;
  return hits / n;
}

test('rates apply per job name, then per queue, then the default', () => {
  const s = new QueueSampler({ default: 0, queues: { emails: 0.5 }, jobs: { 'emails:digest': 1 } });
  expect(share(s, { 'messaging.destination.name': 'emails', 'bullmq.job.name': 'digest' })).toBe(1);
  expect(share(s, { 'messaging.destination.name': 'emails', 'bullmq.job.name': 'welcome' })).toBeGreaterThan(0.45);
  expect(share(s, { 'messaging.destination.name': 'emails', 'bullmq.job.name': 'welcome' })).toBeLessThan(0.55);
  expect(share(s, { 'messaging.destination.name': 'reports' })).toBe(0);
  expect(share(s, {})).toBe(0);
});

test('a name that is no option is a TypeError naming the nearest, when built; a name given as undefined is let through', () => {
  // Each did nothing before: the rate meant was never set and every trace was sampled at the default of 1.
  const build = (rates: Record<string, unknown>) => () => new QueueSampler(rates);
  expect(build({ defualt: 0.1 })).toThrow(new TypeError('queue-otel: "defualt" is not an option of QueueSampler (did you mean default?)'));
  expect(build({ queue: { emails: 0 } })).toThrow(new TypeError('queue-otel: "queue" is not an option of QueueSampler (did you mean queues?)'));
  expect(build({ rate: 0.5 })).toThrow(new TypeError('queue-otel: "rate" is not an option of QueueSampler; the options are default, queues, jobs'));
  expect(build({ default: 0.5, jobs: undefined, notAnOption: undefined })().rates()).toEqual({ default: 0.5, queues: {}, jobs: {} });
});

test('the decision is a pure function of the trace id, so services agree', () => {
  const a = new QueueSampler({ default: 0.3 });
  const b = new QueueSampler({ default: 0.3 });
  for (let i = 0; i < 200; i++) {
    const id = ids.generateTraceId();
    const da = a.shouldSample(ROOT_CONTEXT, id, 'x', SpanKind.INTERNAL, {}, []).decision;
    const db = b.shouldSample(ROOT_CONTEXT, id, 'y', SpanKind.SERVER, {}, []).decision;
    expect(da).toBe(db);
  }
});

test('parent-based: a parent or a linked producer decides, whatever the local rate', () => {
  const s = new QueueSampler({ default: 0, queues: { q: 0 } });
  const parent = (flags: number) => trace.setSpanContext(ROOT_CONTEXT, { traceId: ids.generateTraceId(), spanId: ids.generateSpanId(), traceFlags: flags, isRemote: true });
  expect(sampled(s, { 'messaging.destination.name': 'q' }, parent(TraceFlags.SAMPLED))).toBe(true);
  const all = new QueueSampler({ default: 1 });
  expect(sampled(all, { 'messaging.destination.name': 'q' }, parent(TraceFlags.NONE))).toBe(false);
  const link = (flags: number) => [{ context: { traceId: ids.generateTraceId(), spanId: ids.generateSpanId(), traceFlags: flags } }];
  expect(sampled(s, {}, ROOT_CONTEXT, link(TraceFlags.SAMPLED))).toBe(true);
  expect(sampled(all, {}, ROOT_CONTEXT, link(TraceFlags.NONE))).toBe(false);
  void context;
});

test('rates change at run time and listeners hear about it', () => {
  const s = new QueueSampler({ default: 1, queues: { q: 0 } });
  const heard: Array<[string, number]> = [];
  s.onRateChange((queue, rate) => heard.push([queue, rate]));
  expect(share(s, { 'messaging.destination.name': 'q' }, 200)).toBe(0);
  s.setRate('q', 1);
  expect(share(s, { 'messaging.destination.name': 'q' }, 200)).toBe(1);
  s.setRate('q', 0, 'special');
  expect(share(s, { 'messaging.destination.name': 'q', 'bullmq.job.name': 'special' }, 200)).toBe(0);
  expect(heard).toEqual([['q', 0], ['q', 1]]);
  expect(() => s.setRate('q', 2)).toThrow(/queue q must be a number from 0 to 1, got 2/);
});

test('OTEL_TRACES_SAMPLER and its argument give the default rate when none is configured', () => {
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' })).toBe(0.25);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'always_off' })).toBe(0);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' })).toBe(1);
  expect(rateFromEnv({})).toBeUndefined();
  const previous = process.env.OTEL_TRACES_SAMPLER;
  process.env.OTEL_TRACES_SAMPLER = 'always_off';
  try {
    expect(new QueueSampler().rates().default).toBe(0);
    expect(new QueueSampler({ default: 0.5 }).rates().default).toBe(0.5);
  } finally {
    if (previous === undefined) delete process.env.OTEL_TRACES_SAMPLER;
    else process.env.OTEL_TRACES_SAMPLER = previous;
  }
});

test('unusable OTEL_TRACES_SAMPLER values are reported once each and read as the specification says', () => {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'Parentbased_TraceIdRatio', OTEL_TRACES_SAMPLER_ARG: ' 0.5 ' }, warn)).toBe(0.5);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio' }, warn)).toBe(1);
  expect(warnings).toEqual([]);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }, warn)).toBe(1);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25x' }, warn)).toBe(1);
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'alwayson' }, warn)).toBeUndefined();
  expect(rateFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote' }, warn)).toBeUndefined();
  expect(warnings).toEqual([
    'OTEL_TRACES_SAMPLER_ARG="1.5" is not a number from 0 to 1; sampling every trace, as the specification says',
    'OTEL_TRACES_SAMPLER_ARG="0.25x" is not a number from 0 to 1; sampling every trace, as the specification says',
    expect.stringMatching(/^OTEL_TRACES_SAMPLER="alwayson" is not one of always_on, always_off, .*; ignored$/),
    expect.stringMatching(/^OTEL_TRACES_SAMPLER="parentbased_jaeger_remote" is not provided by QueueSampler/),
  ]);
});

test('hasZeroRate follows every rate: the default, a queue, a job name, as they change', () => {
  const sampler = new QueueSampler({ default: 0.5, queues: { emails: 1 } });
  expect(sampler.hasZeroRate()).toBe(false);
  sampler.setRate('emails', 0);
  expect(sampler.hasZeroRate()).toBe(true);
  sampler.setRate('emails', 0.1);
  expect(sampler.hasZeroRate()).toBe(false);
  sampler.setRate('emails', 0, 'digest');
  expect(sampler.hasZeroRate()).toBe(true);
  sampler.setRate('emails', 1, 'digest');
  sampler.setDefaultRate(0);
  expect(sampler.hasZeroRate()).toBe(true);
  expect(new QueueSampler({ default: 1, jobs: { 'emails:digest': 0 } }).hasZeroRate()).toBe(true);
});

test('a ratio decision is the specification\'s consistent one: the trace id\'s rightmost 56 bits R kept when R >= (1 - rate) * 2^56', () => {
  // tracestate-probability-sampling.md: R is the TraceID's least-significant 56 bits, T = (1 - probability) * 2^56,
  // and a span is kept when R >= T, so QueueSampler agrees with every ProbabilitySampler (any SDK, the Collector's
  // probabilistic sampler) at the same rate on the same trace. T has 13 hex digits of precision: at 1e-9,
  // T = ceil((1 - 1e-9) * 2^52) * 16 = 0xfffffffbb47d10.
  const decide = (rate: number, traceId: string) =>
    new QueueSampler({ default: rate }).shouldSample(ROOT_CONTEXT, traceId, 'x', SpanKind.PRODUCER, {}, []).decision === SamplingDecision.RECORD_AND_SAMPLED;
  const id = (r: string) => `0123456789abcdef01${r}`;
  expect(decide(0.5, id('00000000000000'))).toBe(false);
  expect(decide(0.5, id('7fffffffffffff'))).toBe(false);
  expect(decide(0.5, id('80000000000000'))).toBe(true);
  expect(decide(0.5, id('ffffffffffffff'))).toBe(true);
  // The bits left of the 56 play no part.
  expect(decide(0.5, `ffffffffffffffff00${'80000000000000'}`)).toBe(true);
  expect(decide(0.25, id('bfffffffffffff'))).toBe(false);
  expect(decide(0.25, id('c0000000000000'))).toBe(true);
  expect(decide(1e-9, id('fffffffbb47d0f'))).toBe(false);
  expect(decide(1e-9, id('fffffffbb47d10'))).toBe(true);
  // Against the algorithm in exact integers, for ids of the SDK's generator and rates that are exact binary fractions.
  for (const rate of [0.5, 0.25, 0.125, 0.75, 2 ** -10]) {
    const threshold = BigInt(2 ** 56 - rate * 2 ** 56);
    for (let i = 0; i < 500; i++) {
      const traceId = ids.generateTraceId();
      expect(decide(rate, traceId)).toBe(BigInt(`0x${traceId.slice(18)}`) >= threshold);
    }
  }
});

test('a rate that is not a number from 0 to 1 is a RangeError naming where it was given', () => {
  expect(() => new QueueSampler({ default: Number.NaN })).toThrow(/default must be a number from 0 to 1, got NaN/);
  expect(() => new QueueSampler({ queues: { emails: -1 } })).toThrow(/queue emails must be a number from 0 to 1, got -1/);
  expect(() => new QueueSampler({ jobs: { 'emails:digest': '0.5' as unknown as number } })).toThrow(RangeError);
  // A string shows as one: `got 0.5` would read as if 0.5 itself were refused.
  expect(() => new QueueSampler({ queues: { emails: '0.5' as unknown as number } })).toThrow('sampling rate for queue emails must be a number from 0 to 1, got "0.5"');
  expect(() => new QueueSampler({ default: null as unknown as number })).toThrow(/default must be a number from 0 to 1, got null$/);
  const s = new QueueSampler({ default: 0.5 });
  expect(() => s.setDefaultRate(1.5)).toThrow(RangeError);
  expect(() => s.setRate('emails', Number.POSITIVE_INFINITY, 'digest')).toThrow(/job emails:digest/);
  expect(s.rates()).toEqual({ default: 0.5, queues: {}, jobs: {} });
  expect(String(s)).toBe('QueueSampler{default=0.5, queues=0, jobs=0}');
});
