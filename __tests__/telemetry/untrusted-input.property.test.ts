import fc from 'fast-check';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { jobContext, QueueOtel, runInJobContext } from '../../src';
import type { JobWithMetadata } from '../../src';
import { installHooks } from '../../src/hooks';
import { readJobFacts, waitMsOf } from '../../src/telemetry/job-facts';
import { operationTypeOf, settleOutcome } from '../../src/telemetry/operations';
import { propagationLookup } from '../../src/telemetry/options';
import { createTestTracing } from '../support/tracing';

/**
 * Whatever BullMQ or Redis hands over (trace metadata, job fields, errors, flow nodes), QueueOtel's adapter
 * methods and hooks never throw, always give BullMQ something usable, and let BullMQ's own method run once
 * with its own arguments.
 */
const { provider, exporter } = createTestTracing();
afterEach(() => exporter.reset());

/** Every kind of value fast-check makes, including null-prototype objects (no `toString`) and BigInts (no JSON). */
const anyValue = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Metadata as it may sit in `tm`: any JSON value, JSON text, near-misses of both formats, and anything at all. */
const metadataArb = fc.oneof(
  fc.jsonValue(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string().map((s) => `"~${s}`),
  fc.string().map((s) => `{"traceparent":"00-${s}"}`),
  anyValue,
);

/** A job-like object whose every field may be of any type. */
const jobArb = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.jsonValue(), anyValue),
      name: fc.oneof(fc.jsonValue(), anyValue),
      data: fc.oneof(fc.jsonValue(), anyValue),
      opts: fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            priority: anyValue,
            delay: fc.oneof(fc.double(), anyValue),
            deduplication: fc.oneof(fc.record({ id: anyValue }), anyValue),
            telemetry: fc.oneof(fc.record({ metadata: metadataArb, omitContext: anyValue }, { requiredKeys: [] }), anyValue),
            repeatJobKey: anyValue,
          },
          { requiredKeys: [] },
        ),
      ),
      timestamp: fc.oneof(fc.double(), fc.integer(), anyValue),
      processedOn: fc.oneof(fc.double(), fc.integer(), anyValue),
      finishedOn: anyValue,
      attemptsMade: fc.oneof(fc.integer(), fc.double(), anyValue),
      attemptsStarted: fc.oneof(fc.integer(), fc.double(), anyValue),
      stalledCounter: fc.oneof(fc.integer(), anyValue),
      delay: fc.oneof(fc.double(), anyValue),
      deduplicationId: anyValue,
      repeatJobKey: anyValue,
      parent: fc.oneof(fc.record({ id: anyValue }, { requiredKeys: [] }), anyValue),
      parentKey: fc.oneof(fc.string(), anyValue),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
  anyValue,
);

function isContext(value: unknown): value is Context {
  return typeof (value as Context | null)?.getValue === 'function' && typeof (value as Context).setValue === 'function';
}

function otel(): { telemetry: QueueOtel; logs: string[] } {
  const logs: string[] = [];
  return { telemetry: new QueueOtel({ tracerProvider: provider, logger: (m) => logs.push(m) }), logs };
}

describe('the context manager', () => {
  test('fromMetadata never throws and returns a context; non-strings are counted as not_a_string', () => {
    const { telemetry } = otel();
    let nonStrings = 0;
    fc.assert(
      fc.property(metadataArb, (metadata) => {
        const restored = telemetry.contextManager.fromMetadata(ROOT_CONTEXT, metadata as string);
        expect(isContext(restored)).toBe(true);
        if (metadata !== undefined && typeof metadata !== 'string') nonStrings += 1;
        expect(telemetry.propagationFailures.snapshot()['extract/not_a_string'] ?? 0).toBe(nonStrings);
      }),
      { numRuns: 300 },
    );
  });

  test('getMetadata gives a string and with() runs its callback once, whatever context BullMQ passes', () => {
    const { telemetry } = otel();
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.constant(ROOT_CONTEXT)), (ctx) => {
        expect(typeof telemetry.contextManager.getMetadata(ctx as Context)).toBe('string');
        let runs = 0;
        const result = telemetry.contextManager.with(ctx as Context, () => ++runs);
        expect([runs, result]).toEqual([1, 1]);
      }),
      { numRuns: 300 },
    );
  });
});

test('jobContext and runInJobContext (sandboxed processors) give a context and run the handler once for any job', () => {
  fc.assert(
    fc.property(jobArb, (job) => {
      expect(isContext(jobContext(job as JobWithMetadata))).toBe(true);
      let runs = 0;
      expect(runInJobContext(job as JobWithMetadata, () => ++runs)).toBe(1);
    }),
    { numRuns: 300 },
  );
});

test('readJobFacts gives usable facts (text, finite numbers, a 1-based attempt) for any job', () => {
  fc.assert(
    fc.property(jobArb, fc.constantFrom(undefined, ['account', 'id'], ['constructor', 'name']), (job, tenantPath) => {
      const facts = readJobFacts(job, tenantPath);
      expect(typeof facts.name).toBe('string');
      for (const text of [facts.id, facts.deduplicationId, facts.tenant, facts.schedulerId, facts.parentId]) {
        expect(['string', 'undefined']).toContain(typeof text);
      }
      expect(Number.isInteger(facts.attempt) && facts.attempt >= 1).toBe(true);
      expect(Number.isInteger(facts.stalledAttempts) && facts.stalledAttempts >= 0).toBe(true);
      expect(Number.isFinite(facts.priority)).toBe(true);
      expect(Number.isFinite(facts.delayMs) && facts.delayMs >= 0).toBe(true);
      for (const time of [facts.readyAt, facts.startedAt, facts.enqueuedAt]) {
        expect(time === undefined || Number.isFinite(time)).toBe(true);
      }
      const wait = waitMsOf(facts);
      expect(wait === undefined || (Number.isFinite(wait) && wait >= 0)).toBe(true);
    }),
    { numRuns: 300 },
  );
});

/** Stand-in for BullMQ's Worker and FlowProducer methods, recording exactly what reached them. */
class FakeWorker {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  childPool: unknown;
  constructor(
    readonly opts: { telemetry: QueueOtel },
    sandboxed = false,
  ) {
    this.childPool = sandboxed ? {} : undefined;
  }
  callProcessJob(...args: unknown[]): unknown {
    this.calls.push({ method: 'callProcessJob', args });
    // What bullmq's sandbox does with the job it is given; an in-process processor only receives it.
    const serialise = this.childPool ? (args[0] as { asJSONSandbox?: unknown } | null)?.asJSONSandbox : undefined;
    return typeof serialise === 'function' ? serialise.call(args[0]) : 'processed';
  }
  createJob(...args: unknown[]): unknown {
    this.calls.push({ method: 'createJob', args });
    return args[1];
  }
  handleFailed(...args: unknown[]): unknown {
    this.calls.push({ method: 'handleFailed', args });
    return 'failed';
  }
  processJob(...args: unknown[]): unknown {
    this.calls.push({ method: 'processJob', args });
    return 'started';
  }
}

class FakeFlowProducer {
  readonly calls: unknown[][] = [];
  constructor(readonly telemetry: QueueOtel) {}
  addNode(...args: unknown[]): unknown {
    this.calls.push(args);
    return 'added';
  }
}

installHooks({ Worker: FakeWorker, FlowProducer: FakeFlowProducer }, () => undefined);

/** Runs `fn` the way BullMQ calls the processor: inside the process span's context. */
function inProcessSpan<T>(telemetry: QueueOtel, fn: () => T): { result: T; end: () => void } {
  const span = telemetry.tracer.startSpan('process q', { kind: 4 }, ROOT_CONTEXT) as unknown as Parameters<typeof trace.setSpan>[1];
  const result = context.with(trace.setSpan(ROOT_CONTEXT, span), fn);
  return { result, end: () => span.end() };
}

describe('the worker hooks', () => {
  test('callProcessJob hands any job on unchanged, once, and the span still ends', () => {
    const { telemetry } = otel();
    fc.assert(
      fc.property(jobArb, fc.boolean(), (job, sandboxed) => {
        const worker = new FakeWorker({ telemetry }, sandboxed);
        const { result, end } = inProcessSpan(telemetry, () => worker.callProcessJob(job, 'token', undefined));
        expect(result).toBe('processed');
        expect(worker.calls).toHaveLength(1);
        expect(worker.calls[0]!.args[0]).toBe(job);
        expect(worker.calls[0]!.args.slice(1)).toEqual(['token', undefined]);
        expect(end).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  test('a sandboxed job is serialised with the process span metadata, and left as it was', () => {
    const { telemetry } = otel();
    // One invalid date is never `toEqual` another (NaN !== NaN); for "left as it was" two invalid dates are the same.
    // Dates are told by their tag: structuredClone's copy comes from another realm than the test's `Date`.
    const invalidDate = (value: unknown): boolean =>
      Object.prototype.toString.call(value) === '[object Date]' && Number.isNaN(Date.prototype.getTime.call(value as Date));
    // Jest 30 has custom equality testers; the installed @types/jest does not declare them yet.
    const withTesters = expect as unknown as { addEqualityTesters(testers: Array<(a: unknown, b: unknown) => boolean | undefined>): void };
    withTesters.addEqualityTesters([(a, b) => (invalidDate(a) && invalidDate(b) ? true : undefined)]);
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), anyValue), (opts) => {
        const ownSerialise = function (this: { opts: unknown }): unknown {
          return { id: '1', opts: this.opts };
        };
        const job = { opts, asJSONSandbox: ownSerialise };
        const before = structuredCloneOr(opts);
        const worker = new FakeWorker({ telemetry }, true);
        const { result } = inProcessSpan(telemetry, () => worker.callProcessJob(job, 'token'));
        const sent = result as { opts: { telemetry: { metadata: string } } };
        expect(sent.opts.telemetry.metadata).toMatch(/^\{"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-01"\}$/);
        expect(job.asJSONSandbox).toBe(ownSerialise);
        expect(Object.getOwnPropertyDescriptor(job, 'asJSONSandbox')?.enumerable).toBe(true);
        if (before.ok) expect(job.opts).toEqual(before.value);
      }),
      // An invalid date, once found by a random run.
      { numRuns: 300, examples: [[new Date(NaN)]] },
    );
  });

  test('createJob, handleFailed and processJob pass any value through once and never throw', () => {
    const { telemetry } = otel();
    fc.assert(
      fc.property(anyValue, jobArb, anyValue, (raw, job, error) => {
        const worker = new FakeWorker({ telemetry });
        expect(worker.createJob(raw, job)).toBe(job);
        const span = telemetry.tracer.startSpan('process q', { kind: 4 }, ROOT_CONTEXT);
        expect(worker.handleFailed(error, job, 'token', undefined, span)).toBe('failed');
        expect(() => span.recordException(error as Error)).not.toThrow();
        expect(() => span.end()).not.toThrow();
        expect(worker.processJob(job, 'token')).toBe('started');
        expect(worker.calls.map((c) => c.method)).toEqual(['createJob', 'handleFailed', 'processJob']);
        expect(worker.calls[1]!.args[0]).toBe(error);
        expect(worker.calls[2]!.args[0]).toBe(job);
      }),
      { numRuns: 300 },
    );
  });

  test('FlowProducer.addNode passes any argument through once, giving a node without opts an empty one', () => {
    const { telemetry } = otel();
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.record({ node: fc.oneof(fc.record({ name: fc.string() }), anyValue) })), (args) => {
        const flow = new FakeFlowProducer(telemetry);
        expect(flow.addNode(args)).toBe('added');
        expect(flow.calls).toHaveLength(1);
        const node = (args as { node?: unknown } | null)?.node;
        const plainNode = node !== null && typeof node === 'object' && !Array.isArray(node) && !Array.isArray(args);
        if (plainNode && (node as { opts?: unknown }).opts === undefined) expect((flow.calls[0]![0] as { node: { opts: unknown } }).node.opts).toEqual({});
        else expect(flow.calls[0]![0]).toBe(args);
      }),
      { numRuns: 300 },
    );
  });

  test('a job whose every property throws still reaches BullMQ once, and the failure is logged once a minute at most', () => {
    const { telemetry, logs } = otel();
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); }, has: () => { throw new Error('no'); } });
    for (let i = 0; i < 20; i += 1) {
      const worker = new FakeWorker({ telemetry });
      const { result, end } = inProcessSpan(telemetry, () => worker.callProcessJob(hostile, 'token'));
      expect(result).toBe('processed');
      expect(worker.processJob(hostile)).toBe('started');
      // Compared by identity: jest's deep equality would read the proxy's properties.
      expect(worker.calls).toHaveLength(2);
      expect(worker.calls.every((c) => c.args[0] === hostile)).toBe(true);
      end();
    }
    expect(logs.filter((m) => m.includes('failed with'))).toHaveLength(1);
  });
});

function structuredCloneOr(value: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: structuredClone(value) };
  } catch {
    return { ok: false };
  }
}

describe('names that are members of Object.prototype', () => {
  test('an error named `constructor` or `toString` is an ordinary failure, not a control-flow outcome', () => {
    const { telemetry } = otel();
    const outcomes: unknown[] = [];
    telemetry.addObserver({ onAttemptEnd: (report) => outcomes.push(report.outcome) });
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const worker = new FakeWorker({ telemetry });
      const span = telemetry.tracer.startSpan('process q', { kind: 4 }, ROOT_CONTEXT);
      worker.handleFailed({ name, message: 'boom' }, {}, 'token', undefined, span);
      span.end();
    }
    expect(outcomes).toEqual(['completed', 'completed', 'completed', 'completed']);
  });

  test('a queue named `constructor` gets the fallback propagation mode', () => {
    const lookup = propagationLookup({ '*': 'link', emails: 'none' });
    expect(['constructor', 'toString', 'emails', 'other'].map(lookup)).toEqual(['link', 'link', 'none', 'link']);
  });

  test('span names whose operation is `constructor` or `toString` are not producer or settle operations', () => {
    expect(['constructor', 'toString', '__proto__'].map((op) => [operationTypeOf(op), settleOutcome(op)])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});
