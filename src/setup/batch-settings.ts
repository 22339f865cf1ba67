/**
 * The batch processor's `OTEL_BSP_*` variables, read and checked by setupTracing. The SDK's BatchSpanProcessor
 * reads them itself from `process.env` and only rejects what is not a number: `OTEL_BSP_MAX_QUEUE_SIZE=0` (or
 * negative) dropped every span without a word, `OTEL_BSP_MAX_EXPORT_BATCH_SIZE=0` made a flush loop forever on
 * the event loop (the worker stopped running jobs), and `OTEL_BSP_EXPORT_TIMEOUT=0` failed every flush at once.
 * Here each unusable value is reported and its default used, and all four are passed to the processor so it
 * never reads the variables itself.
 */
import type { BufferConfig } from '@opentelemetry/sdk-trace-base';
import { envWholeNumber } from '../options';
import { envString, envTimeout } from './env-parsers';
import type { EnvWarn } from './env-parsers';

/** The specification's defaults, which the SDK uses too. */
export const BATCH_DEFAULTS: Readonly<Required<BufferConfig>> = {
  maxQueueSize: 2048,
  maxExportBatchSize: 512,
  scheduledDelayMillis: 5000,
  exportTimeoutMillis: 30_000,
};

/**
 * Every setting of the batch processors, from the `OTEL_BSP_*` variables of `env` or the defaults. A batch larger
 * than the queue is reported and cut to the queue's size (the SDK does the same, telling only a diag logger).
 */
export function readBatchSettings(env: NodeJS.ProcessEnv, warn: EnvWarn): Required<BufferConfig> {
  const maxQueueSize = envWholeNumber(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 1, BATCH_DEFAULTS.maxQueueSize, warn);
  let maxExportBatchSize = envWholeNumber(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1, BATCH_DEFAULTS.maxExportBatchSize, warn);
  if (maxExportBatchSize > maxQueueSize) {
    // Only a batch size the user set is worth a warning; the default one simply follows a smaller queue.
    if (envString(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE') !== undefined) warn(`OTEL_BSP_MAX_EXPORT_BATCH_SIZE (${maxExportBatchSize}) is larger than OTEL_BSP_MAX_QUEUE_SIZE (${maxQueueSize}); using ${maxQueueSize}`);
    maxExportBatchSize = maxQueueSize;
  }
  return {
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis: envWholeNumber(env, 'OTEL_BSP_SCHEDULE_DELAY', 0, BATCH_DEFAULTS.scheduledDelayMillis, warn),
    // A timeout of 0 means none, as for the exporter's timeout.
    exportTimeoutMillis: envTimeout(env, 'OTEL_BSP_EXPORT_TIMEOUT', warn) ?? BATCH_DEFAULTS.exportTimeoutMillis,
  };
}
