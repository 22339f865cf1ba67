/**
 * A sandboxed processor continuing the producer's trace in another process. The producer adds two jobs inside the
 * application's span; the worker runs examples/sandbox/processor.ts in a child process BullMQ forks, which sets up
 * its own SDK and runs the handler with `runInJobContext`. The worker's spans are printed here, the child's by the
 * child (its stdout is piped to this one), and each job's report shows the handler's span in the producer's trace,
 * under the worker's `process` span. Run it with `npm run example:sandbox` (an embedded Redis), or point it at a Redis
 * of your own with REDIS_URL. The processor is a TypeScript file: BullMQ starts the child with this process' Node
 * flags, so the `node --conditions=source --import tsx` of the npm script load it too.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { join } from 'node:path';
import { QueueOtel } from 'queue-otel';
import { startEmbeddedRedis } from 'queue-otel-cli/dev';
import type { SandboxReport } from './processor';

const JOBS = 2;

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider, queueWaitSpan: false });
  const external = process.env.REDIS_URL;
  const embedded = external ? undefined : await startEmbeddedRedis();
  const url = new URL(external ?? `redis://${embedded!.host}:${embedded!.port}`);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const name = `mailer-${process.pid}`;

  const queue = new Queue(name, { connection, telemetry });
  const signup = provider.getTracer('example').startSpan('POST /signup');
  await context.with(trace.setSpan(context.active(), signup), async () => {
    for (let i = 0; i < JOBS; i += 1) await queue.add('welcome', { to: `user-${i}` });
  });
  signup.end();

  const worker = new Worker(name, join(__dirname, 'processor.ts'), { connection, telemetry });
  const reports = new Map<string, SandboxReport>();
  await new Promise<void>((resolve, reject) => {
    worker.on('completed', (job, report: SandboxReport) => reports.set(String(job.id), report).size === JOBS && resolve());
    worker.on('failed', (_job, error) => reject(error));
  });
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await embedded?.stop();

  const spans = exporter.getFinishedSpans();
  console.log(`\n[main pid ${process.pid}] POST /signup  trace=${signup.spanContext().traceId}`);
  for (const [id, report] of reports) {
    const processSpan = spans.find((span) => span.name === `process ${name}` && span.attributes['messaging.message.id'] === id);
    const joined = report.traceId === signup.spanContext().traceId && report.parentSpanId === processSpan?.spanContext().spanId;
    console.log(`[main pid ${process.pid}] job ${id}: process span=${processSpan?.spanContext().spanId ?? 'missing'}`);
    console.log(`  its handler in pid ${report.pid}: trace=${report.traceId} parent=${report.parentSpanId ?? 'none'}  joined: ${joined ? 'yes' : 'NO'}`);
  }
  console.log('\nThe handler ran in another process, in the producer\'s trace, as a child of the worker\'s process span.');
  await provider.shutdown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
