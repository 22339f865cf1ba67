import { BATCH_DEFAULTS, readBatchSettings } from '../../src/setup/batch-settings';
import { OtlpReceiver } from '../support/otlp-receiver';
import { runSetup } from './setup-fixture';

const receiver = new OtlpReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const spansOf = (queue: string) => receiver.spans.filter((s) => (s.attributes['messaging.destination.name'] ?? s.attributes['bullmq.queue.name']) === queue);

/** Reads the batch settings of `env`, collecting the warnings. */
function read(env: Record<string, string>): { settings: ReturnType<typeof readBatchSettings>; warnings: string[] } {
  const warnings: string[] = [];
  return { settings: readBatchSettings(env, (message) => warnings.push(message)), warnings };
}

describe('OTEL_BSP_* in a real worker', () => {
  test('a queue size of 0 and an export timeout of 0 are reported, and the job\'s spans still reach the backend', async () => {
    // Passed to the SDK's processor as they were, the first dropped every span and the second failed every flush.
    const { queue, result } = await runSetup('bsp-queue', {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace(/\/v1\/traces$/, ''),
      OTEL_BSP_MAX_QUEUE_SIZE: '0',
      OTEL_BSP_EXPORT_TIMEOUT: '0',
    });
    expect(result.warnings).toEqual(['queue-otel/setup: OTEL_BSP_MAX_QUEUE_SIZE="0" is not a whole number >= 1; using the default 2048']);
    expect(spansOf(queue).map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
  });

  test('a batch size of 0 is reported, and the worker runs its job and shuts down with the spans sent', async () => {
    // Passed as it was, a flush looped forever on the event loop: the process never got past shutdown.
    const { queue, result } = await runSetup('bsp-batch', {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace(/\/v1\/traces$/, ''),
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '0',
    });
    expect(result.warnings).toEqual(['queue-otel/setup: OTEL_BSP_MAX_EXPORT_BATCH_SIZE="0" is not a whole number >= 1; using the default 512']);
    expect(spansOf(queue)).toHaveLength(3);
  });
});

describe('readBatchSettings', () => {
  test('unset variables give the specification\'s defaults, without a warning', () => {
    expect(read({})).toEqual({ settings: BATCH_DEFAULTS, warnings: [] });
  });

  test('usable values are taken; an export timeout of 0 means none', () => {
    const { settings, warnings } = read({
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: ' 10 ',
      OTEL_BSP_SCHEDULE_DELAY: '0',
      OTEL_BSP_EXPORT_TIMEOUT: '0',
    });
    expect(settings).toEqual({ maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 0, exportTimeoutMillis: 2_147_483_647 });
    expect(warnings).toEqual([]);
  });

  test('each unusable value is reported by name and value, and its default used', () => {
    const { settings, warnings } = read({
      OTEL_BSP_MAX_QUEUE_SIZE: '-1',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2.5',
      OTEL_BSP_SCHEDULE_DELAY: '5s',
      OTEL_BSP_EXPORT_TIMEOUT: '-30',
    });
    expect(settings).toEqual(BATCH_DEFAULTS);
    expect(warnings).toEqual([
      'OTEL_BSP_MAX_QUEUE_SIZE="-1" is not a whole number >= 1; using the default 2048',
      'OTEL_BSP_MAX_EXPORT_BATCH_SIZE="2.5" is not a whole number >= 1; using the default 512',
      'OTEL_BSP_SCHEDULE_DELAY="5s" is not a whole number >= 0; using the default 5000',
      'OTEL_BSP_EXPORT_TIMEOUT="-30" is not a whole number of milliseconds >= 0; ignored',
    ]);
  });

  test('a batch larger than the queue is cut to the queue, reported only when the batch size was set', () => {
    expect(read({ OTEL_BSP_MAX_QUEUE_SIZE: '100' })).toEqual({ settings: { ...BATCH_DEFAULTS, maxQueueSize: 100, maxExportBatchSize: 100 }, warnings: [] });
    expect(read({ OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '200' })).toEqual({
      settings: { ...BATCH_DEFAULTS, maxQueueSize: 100, maxExportBatchSize: 100 },
      warnings: ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE (200) is larger than OTEL_BSP_MAX_QUEUE_SIZE (100); using 100'],
    });
  });
});
