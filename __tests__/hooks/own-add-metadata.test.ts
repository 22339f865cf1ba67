import { context, trace } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, resetGlobals } from '../support/tracing';

/**
 * A job given its own `telemetry.metadata` keeps it (BullMQ's add would replace it whenever a telemetry is set), and
 * only that job: an add started from inside it (here a subclass's `addJob`, the method BullMQ documents for
 * overriding) gets its own add span's context, not the outer job's metadata.
 */
const connection = redisConnection();
const OWN = '{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}';
const traceIdIn = (metadata: unknown): string | undefined => /"00-([0-9a-f]{32})-/.exec(String(metadata))?.[1];

afterEach(() => resetGlobals());

test("an add nested in an add with its own metadata gets its own span's context, not the outer job's metadata", async () => {
  const { provider } = createTestTracing();
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const audit = new Queue(uniqueQueueName('own-audit'), { connection, telemetry });
  class AuditedQueue extends Queue {
    override async addJob(name: string, data: unknown, opts?: JobsOptions) {
      // Started synchronously inside BullMQ's add callback, while the outer add's own metadata is parked.
      const audited = audit.add('audit', { of: name });
      const job = await super.addJob(name, data, opts);
      await audited;
      return job;
    }
  }
  const queue = new AuditedQueue(uniqueQueueName('own-outer'), { connection, telemetry });
  try {
    const request = provider.getTracer('app').startSpan('request');
    const job = await context.with(trace.setSpan(context.active(), request), () =>
      queue.add('with-own', {}, { telemetry: { metadata: OWN } }));
    request.end();
    expect(job.opts.telemetry?.metadata).toBe(OWN);
    const [audited] = await audit.getJobs(['waiting']);
    const auditTrace = traceIdIn(audited?.opts.telemetry?.metadata);
    // The audit job joins the application's trace through its own add span, as any add inside the request would.
    expect(auditTrace).toBe(request.spanContext().traceId);
    expect(auditTrace).not.toBe(traceIdIn(OWN));
  } finally {
    await queue.obliterate({ force: true });
    await audit.obliterate({ force: true });
    await queue.close();
    await audit.close();
    await provider.shutdown();
  }
});
