import { AttributeNamespaces } from '../vocabulary';

/**
 * Maps BullMQ's OpenTelemetry-style metric names and units to Prometheus names. Kept apart from the meter
 * so the mapping can be documented and tested on its own.
 */

/** Prefix of every BullMQ native metric; keeps them apart from QueueMetrics' `bullmq_*` names. */
export const BULLMQ_NATIVE_PREFIX = 'bullmq_native_';

/** The Prometheus name of a BullMQ metric and the factor converting its values to base units. */
export interface MappedMetricName {
  /** Prometheus metric name, e.g. `bullmq_native_job_duration_seconds`. */
  name: string;
  /** Multiply recorded values by this (0.001 for `ms`, 1 otherwise). */
  scale: number;
  /** True for time units (histograms then use duration buckets). */
  isTime: boolean;
}

const TIME_UNITS: Record<string, number> = { ms: 0.001, s: 1, us: 0.000001, ns: 0.000000001 };

/**
 * Maps a BullMQ metric name: drops the `bullmq.` namespace, replaces every character Prometheus does not
 * allow by `_`, adds {@link BULLMQ_NATIVE_PREFIX}, `_seconds` for time units (converting the value) and
 * `_total` for counters.
 * @example
 * prometheusNameFor('bullmq.job.duration', 'histogram', 'ms')
 * // { name: 'bullmq_native_job_duration_seconds', scale: 0.001, isTime: true }
 * prometheusNameFor('bullmq.jobs.completed', 'counter', '1').name // 'bullmq_native_jobs_completed_total'
 */
export function prometheusNameFor(name: string, kind: 'counter' | 'histogram' | 'gauge', unit: string | undefined): MappedMetricName {
  const base = (name.startsWith(AttributeNamespaces.bullmq) ? name.slice(AttributeNamespaces.bullmq.length) : name)
    .replace(/[^a-zA-Z0-9_]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  const timeScale = unit === undefined ? undefined : TIME_UNITS[unit];
  let mapped = `${BULLMQ_NATIVE_PREFIX}${base || 'unnamed'}`;
  if (timeScale !== undefined && !mapped.endsWith('_seconds')) mapped += '_seconds';
  if (kind === 'counter' && !mapped.endsWith('_total')) mapped += '_total';
  return { name: mapped, scale: timeScale ?? 1, isTime: timeScale !== undefined };
}
