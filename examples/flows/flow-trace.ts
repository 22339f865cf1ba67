/**
 * A BullMQ flow in one trace: a FlowProducer adds a parent job ("assemble") with two children ("part-a",
 * "part-b") inside the application's own span; workers process the children, then the parent. The example prints
 * every span as a tree (parent -> child, by span id), with its trace id, so you can see what QueueOtel does with a
 * flow: one `addFlow` span for the call (a CLIENT send), one `addNode` span per node (that job's PRODUCER create
 * span), each node's job continuing under the `addNode` span that created it, and the parent job's processing in the same trace as its children's (see
 * docs/spans.md). Run it with `npm run example:flows` (an embedded Redis), or point it at a Redis of your own with
 * REDIS_URL.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { QueueOtel } from 'queue-otel';
import { startEmbeddedRedis } from 'queue-otel-cli/dev';

/** Prints the spans as a tree: each span under the span that is its parent, roots first. */
function printTree(spans: readonly ReadableSpan[]): void {
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  for (const span of [...spans].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    byParent.set(key, [...(byParent.get(key) ?? []), span]);
  }
  const print = (span: ReadableSpan, depth: number): void => {
    const job = span.attributes['bullmq.job.name'];
    const parentJob = span.attributes['bullmq.job.parent_id'];
    const about = [job && `job ${String(job)}`, parentJob && `parent job ${String(parentJob)}`].filter(Boolean).join(', ');
    console.log(`${'  '.repeat(depth)}${span.name}${about ? ` (${about})` : ''}  trace=${span.spanContext().traceId}`);
    for (const child of byParent.get(span.spanContext().spanId) ?? []) print(child, depth + 1);
  };
  for (const root of byParent.get(undefined) ?? []) print(root, 0);
}

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider, queueWaitSpan: false });
  const external = process.env.REDIS_URL;
  const embedded = external ? undefined : await startEmbeddedRedis();
  const url = new URL(external ?? `redis://${embedded!.host}:${embedded!.port}`);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const [parentQueue, childQueue] = [`assembly-${process.pid}`, `parts-${process.pid}`];

  const flow = new FlowProducer({ connection, telemetry });
  const checkout = provider.getTracer('example').startSpan('POST /checkout');
  await context.with(trace.setSpan(context.active(), checkout), () =>
    flow.add({
      name: 'assemble',
      queueName: parentQueue,
      children: [
        { name: 'part-a', queueName: childQueue, data: {} },
        { name: 'part-b', queueName: childQueue, data: {} },
      ],
    }),
  );
  checkout.end();

  const parts = new Worker(childQueue, async (job) => `${job.name} made`, { connection, telemetry });
  const assembly = new Worker(parentQueue, async (job) => Object.values(await job.getChildrenValues()).join(', '), { connection, telemetry });
  const assembled = await new Promise<unknown>((resolve) => assembly.on('completed', (_job, result) => resolve(result)));

  await Promise.all([parts.close(), assembly.close(), flow.close()]);
  for (const name of [parentQueue, childQueue]) {
    const queue = new Queue(name, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await embedded?.stop();

  const spans = exporter.getFinishedSpans();
  printTree(spans);
  const traces = new Set(spans.map((span) => span.spanContext().traceId));
  console.log(`\nThe parent's result: ${String(assembled)}`);
  console.log(`${spans.length} spans in ${traces.size} trace(s): the flow, its children and its parent are one trace.`);
  await provider.shutdown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
