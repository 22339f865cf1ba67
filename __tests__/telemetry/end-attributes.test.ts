import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { ObjectSink, SpanSink, writeEndAttributes } from '../../src/telemetry/end-attributes';
import type { EndAttributeSink } from '../../src/telemetry/end-attributes';
import type { DeferredSpan } from '../../src/telemetry/deferred-span';
import type { JobFacts } from '../../src/telemetry/job-facts';

const FACTS: JobFacts = {
  id: '42', name: 'welcome', attempt: 2, priority: 0, delayMs: 0, deduplicationId: undefined, tenant: undefined,
  readyAt: 1_000, startedAt: 1_250, enqueuedAt: 1_000, schedulerId: undefined, parentId: undefined, stalledAttempts: 0,
};

/** BullMQ's attributes on a process span, as it sets them. */
const PENDING: Attributes = {
  'bullmq.queue.name': 'emails', 'bullmq.queue.operation': 'process', 'bullmq.worker.id': 'w-1', 'bullmq.worker.name': 'mailer',
  'bullmq.job.id': '42', 'bullmq.job.name': 'welcome', 'bullmq.job.attempts.made': 1,
};

function spanOf(pending: Attributes, job?: JobFacts): DeferredSpan {
  return { pendingAttributes: pending, job } as unknown as DeferredSpan;
}

/** Records every call, to see that no key comes twice. */
class RecordingSink implements EndAttributeSink {
  readonly calls: [string, string, unknown][] = [];
  bullmq(key: string, value: AttributeValue | undefined): void { this.calls.push(['bullmq', key, value]); }
  sampled(key: string, value: AttributeValue): void { this.calls.push(['sampled', key, value]); }
  derived(key: string, value: AttributeValue): void { this.calls.push(['derived', key, value]); }
}

describe('end attributes: each key written once', () => {
  test('a process span: the job facts give its name and id, BullMQ\'s copies are left out; no key twice', () => {
    const sink = new RecordingSink();
    writeEndAttributes(spanOf(PENDING, FACTS), sink);
    const keys = sink.calls.map(([, key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sink.calls).toEqual(expect.arrayContaining([
      ['sampled', 'bullmq.job.name', 'welcome'],
      ['sampled', 'bullmq.job.attempt', 2],
      ['derived', 'bullmq.job.id', '42'],
      ['derived', 'messaging.message.id', '42'],
      ['derived', 'messaging.client.id', 'mailer'],
      ['derived', 'bullmq.job.wait_ms', 250],
    ]));
    expect(sink.calls.filter(([kind]) => kind === 'bullmq').map(([, key]) => key)).not.toContain('bullmq.job.name');
  });

  test('a send span (no job facts): BullMQ\'s name and id are kept, the message id comes from its id', () => {
    const object = new ObjectSink({});
    writeEndAttributes(spanOf({ 'bullmq.job.name': 'welcome', 'bullmq.job.id': '7', 'bullmq.job.bulk.count': 3 }), object);
    expect(object.attributes).toEqual({
      'bullmq.job.name': 'welcome', 'bullmq.job.id': '7', 'bullmq.job.bulk.count': 3, 'messaging.message.id': '7', 'messaging.batch.message_count': 3,
    });
  });

  test('a job without an id keeps BullMQ\'s', () => {
    const object = new ObjectSink({});
    writeEndAttributes(spanOf(PENDING, { ...FACTS, id: undefined }), object);
    expect(object.attributes['bullmq.job.id']).toBe('42');
    expect(object.attributes['messaging.message.id']).toBe('42');
  });

  test('the span sink leaves out what the span started with, and nothing else', () => {
    const written: Attributes = {};
    const span = { setAttribute: (key: string, value: AttributeValue) => void (written[key] = value) };
    const start = { 'bullmq.job.name': 'welcome', 'bullmq.job.attempt': 2 };
    const fixed = { 'messaging.system': 'bullmq', 'messaging.destination.name': 'emails' };
    const sink = new SpanSink(span as never, start, fixed);
    writeEndAttributes(spanOf({ ...PENDING, 'messaging.destination.name': 'emails', 'bullmq.extra': null } as unknown as Attributes, { ...FACTS, attempt: 3 }), sink);
    expect(written['bullmq.job.name']).toBeUndefined();
    expect(written['messaging.destination.name']).toBeUndefined();
    expect(written['bullmq.job.attempt']).toBe(3);
    expect('bullmq.extra' in written).toBe(false);
    const object = new ObjectSink({});
    writeEndAttributes(spanOf(PENDING, { ...FACTS, attempt: 3 }), object);
    const expected = { ...object.attributes };
    delete expected['bullmq.job.name'];
    expect(written).toEqual(expected);
  });
});
