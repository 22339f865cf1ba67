import { Queue } from 'bullmq';
import { QueueOtel } from '../../src';
import type { TelemetryObserver } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing } from '../support/tracing';

const { provider } = createTestTracing();

// A QueueOtel shared by a service outlives observers added for a while (per tenant, per reload): removing one must
// stop its calls and let it go.
test('removeObserver stops an observer hearing a shared QueueOtel; the others still hear it', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const heard: string[] = [];
  const removed: TelemetryObserver = { onSpanStart: (_component, operation) => void heard.push(`removed ${operation}`) };
  const kept: TelemetryObserver = { onSpanStart: (_component, operation) => void heard.push(`kept ${operation}`) };
  telemetry.addObserver(removed);
  telemetry.addObserver(kept);
  expect(telemetry.removeObserver(removed)).toBe(true);
  expect(telemetry.removeObserver(removed)).toBe(false);
  const queue = new Queue(uniqueQueueName('remove-observer'), { connection: redisConnection(), telemetry });
  try {
    await queue.add('j', {});
    expect(heard).toEqual(['kept add']);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
