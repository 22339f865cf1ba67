/**
 * Hostile data for the terminal-safety tests: a real BullMQ queue, traced by a real QueueOtel into a real
 * RedisSpanExporter, whose queue name, job name, job id, error message, stack trace, data and root span name
 * carry escape sequences (see ../support/terminal-payloads).
 */
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { RedisSpanExporter } from 'queue-otel/store';
import { QueueOtel } from 'queue-otel';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { PAYLOADS } from '../support/terminal-payloads';
import { waitFor } from '../../../__tests__/support/tracing';

/** What was seeded, raw. */
export interface SeededHostileJob {
  redisUrl: string;
  bullPrefix: string;
  keyPrefix: string;
  queue: string;
  jobId: string;
  jobName: string;
  failedReason: string;
  /** The stack trace BullMQ stored. */
  stack: string;
  rootSpanName: string;
  traceId: string;
}

/** Seeds one failed hostile job with its trace and stops every client it opened. */
export async function seedHostileJob(): Promise<SeededHostileJob> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const id = randomUUID().slice(0, 8);
  const bullPrefix = `hostile${id}`;
  const keyPrefix = `qohostile${id}`;
  const queueName = `orders${PAYLOADS.title}`;
  const jobName = `charge${PAYLOADS.clipboard}${PAYLOADS.clear}`;
  const jobId = `job${PAYLOADS.csi8}${PAYLOADS.title}`;
  const failedReason = `declined${PAYLOADS.clipboard}${PAYLOADS.clear}${PAYLOADS.csi8}${PAYLOADS.rtl}\nsecond line\tend`;
  const stack = [
    `Error: ${failedReason}`,
    `    at charge (${PAYLOADS.title}shop.ts:1:1)`,
    `    at ${PAYLOADS.clipboard}${PAYLOADS.clear} (x.ts:2:2)`,
    `    at ${PAYLOADS.csi8}run (y.ts:3:3)`,
  ].join('\n');
  const rootSpanName = `POST /checkout${PAYLOADS.title}${PAYLOADS.csi8}`;
  const exporter = new RedisSpanExporter({ connection: redisUrl(), keyPrefix });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const connection = redisConnection();
  const queue = new Queue(queueName, { connection, telemetry, prefix: bullPrefix });
  let failed = false;
  const worker = new Worker(queueName, async () => {
    const error = new Error(failedReason);
    error.stack = stack;
    throw error;
  }, { connection, telemetry, prefix: bullPrefix });
  worker.on('failed', () => {
    failed = true;
  });
  let traceId = '';
  await provider.getTracer('hostile').startActiveSpan(rootSpanName, async (span) => {
    traceId = span.spanContext().traceId;
    await queue.add(jobName, { note: PAYLOADS.clipboard, csi: PAYLOADS.csi8 }, { jobId });
    span.end();
  });
  await waitFor('the hostile job failed', () => failed, 20_000);
  await worker.close();
  await queue.close();
  await provider.forceFlush();
  await provider.shutdown();
  trace.disable();
  return { redisUrl: redisUrl(), bullPrefix, keyPrefix, queue: queueName, jobId, jobName, failedReason, stack, rootSpanName, traceId };
}
