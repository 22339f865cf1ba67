import { SpanKind } from '@opentelemetry/api';
import { FlowProducer, Queue } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

/** The spans of a FlowProducer: which are sends and which create jobs, and what their batch attributes count. */
const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { closers, track } = closeAfterEach(() => exporter.reset());

function queues(...names: string[]): void {
  for (const name of names) {
    closers.push(async () => {
      const queue = new Queue(name, { connection });
      await queue.obliterate({ force: true });
      await queue.close();
    });
  }
}

test('addBulkFlows counts the jobs it sends as messaging.batch.message_count, not the flows', async () => {
  const [parents, children] = [uniqueQueueName('bulkflows-parent'), uniqueQueueName('bulkflows-child')];
  queues(parents, children);
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const flow = track(new FlowProducer({ connection, telemetry }));
  // Two flows, five jobs: a parent with two children (one of them carrying a child of its own), and a lone job.
  await flow.addBulk([
    {
      name: 'assemble',
      queueName: parents,
      children: [
        { name: 'part-a', queueName: children, data: {}, children: [{ name: 'screw', queueName: children, data: {} }] },
        { name: 'part-b', queueName: children, data: {} },
      ],
    },
    { name: 'lone', queueName: parents, data: {} },
  ]);
  const send = await waitFor('addBulkFlows span', () => spansNamed(exporter.getFinishedSpans(), 'addBulkFlows')[0]);
  expect(send.attributes['messaging.batch.message_count']).toBe(5);
  // BullMQ's own key keeps counting flows.
  expect(send.attributes['bullmq.job.bulk.count']).toBe(2);
});

test('addFlow counts the jobs of its tree; a flow of one job has no batch count', async () => {
  const [parents, children] = [uniqueQueueName('flow-parent'), uniqueQueueName('flow-child')];
  queues(parents, children);
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const flow = track(new FlowProducer({ connection, telemetry }));
  await flow.add({ name: 'assemble', queueName: parents, children: [{ name: 'part-a', queueName: children, data: {} }, { name: 'part-b', queueName: children, data: {} }] });
  await flow.add({ name: 'lone', queueName: parents, data: {} });
  const sends = await waitFor('two addFlow spans', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `addFlow ${parents}`);
    return found.length === 2 && found;
  });
  const [tree, lone] = sends.sort((a, b) => Number(b.attributes['messaging.batch.message_count'] ?? 0) - Number(a.attributes['messaging.batch.message_count'] ?? 0));
  expect(tree!.attributes['messaging.batch.message_count']).toBe(3);
  expect(lone!.attributes).not.toHaveProperty(['messaging.batch.message_count']);
});

test('addNode spans create the jobs (PRODUCER, create: the jobs carry their contexts); addFlow and addBulkFlows send them (CLIENT)', async () => {
  const [parents, children] = [uniqueQueueName('kinds-parent'), uniqueQueueName('kinds-child')];
  queues(parents, children);
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const started: string[] = [];
  telemetry.addObserver({ onSpanStart: (component, operation) => started.push(`${component} ${operation}`) });
  const flow = track(new FlowProducer({ connection, telemetry }));
  const tree = await flow.add({ name: 'assemble', queueName: parents, children: [{ name: 'part-a', queueName: children, data: {} }] });
  await flow.addBulk([{ name: 'lone', queueName: parents, data: {} }]);
  const spans = await waitFor('flow spans', () => {
    const found = exporter.getFinishedSpans();
    return spansNamed(found, 'addBulkFlows').length === 1 && spansNamed(found, `addNode ${children}`).length === 1 && found;
  });
  const sends = [...spansNamed(spans, `addFlow ${parents}`), ...spansNamed(spans, 'addBulkFlows')];
  expect(sends).toHaveLength(2);
  for (const send of sends) {
    expect(send.kind).toBe(SpanKind.CLIENT);
    expect(send.attributes['messaging.operation.type']).toBe('send');
  }
  const nodes = [...spansNamed(spans, `addNode ${parents}`), ...spansNamed(spans, `addNode ${children}`)];
  expect(nodes).toHaveLength(3);
  for (const node of nodes) {
    expect(node.kind).toBe(SpanKind.PRODUCER);
    expect(node.attributes).toMatchObject({ 'messaging.operation.type': 'create', 'messaging.operation.name': 'addNode' });
  }
  // A CLIENT send is still the producer's, in the health metrics' count of spans created.
  expect(started).toEqual(expect.arrayContaining(['producer addFlow', 'producer addBulkFlows', 'producer addNode']));
  expect(started.filter((entry) => !entry.startsWith('producer '))).toEqual([]);
  // The child's job carries its own addNode span's context: that span is its creation context.
  const child = tree.children![0]!.job;
  const childNode = spansNamed(spans, `addNode ${children}`)[0]!;
  expect(JSON.stringify(child.opts.telemetry?.metadata)).toContain(childNode.spanContext().spanId);
});
