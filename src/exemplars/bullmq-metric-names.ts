import { AttributeNamespaces } from '../vocabulary';

/**
 * Maps BullMQ's OpenTelemetry-style metric names and units to Prometheus names. Kept apart from the meter
 * so the mapping can be documented and tested on its own.
 */

/**
 * Prefix of every BullMQ metric: the names BullMQ's own meter gets through a Prometheus exporter (its `bullmq.*`
 * namespace, dots as underscores). QueueOtel's own metrics never use it.
 */
export const BULLMQ_METRIC_PREFIX = 'bullmq_';

/** The Prometheus name of a BullMQ metric and the factor converting its values to base units. */
export interface MappedMetricName {
  /** Prometheus metric name, e.g. `bullmq_job_duration_seconds`. */
  name: string;
  /** Multiply recorded values by this (0.001 for `ms`, 1 otherwise). */
  scale: number;
  /** True for time units (histograms then use duration buckets). */
  isTime: boolean;
}

const TIME_UNITS: Record<string, number> = { ms: 0.001, s: 1, us: 0.000001, ns: 0.000000001 };

/**
 * Maps a BullMQ metric name as a Prometheus exporter would (the `bullmq.` namespace becomes {@link BULLMQ_METRIC_PREFIX},
 * every character Prometheus does not allow becomes `_`, `_total` for counters), except for time: values are converted
 * to seconds and the name says so (`_seconds`), as Prometheus' base units want; a name outside BullMQ's namespace is
 * put into it.
 * @example
 * prometheusNameFor('bullmq.job.duration', 'histogram', 'ms')
 * // { name: 'bullmq_job_duration_seconds', scale: 0.001, isTime: true }
 * prometheusNameFor('bullmq.jobs.completed', 'counter', '1').name // 'bullmq_jobs_completed_total'
 */
export function prometheusNameFor(name: string, kind: 'counter' | 'histogram' | 'gauge', unit: string | undefined): MappedMetricName {
  const base = (name.startsWith(AttributeNamespaces.bullmq) ? name.slice(AttributeNamespaces.bullmq.length) : name)
    .replace(/[^a-zA-Z0-9_]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  const timeScale = unit === undefined ? undefined : TIME_UNITS[unit];
  let mapped = `${BULLMQ_METRIC_PREFIX}${base || 'unnamed'}`;
  if (timeScale !== undefined && !mapped.endsWith('_seconds')) mapped += '_seconds';
  if (kind === 'counter' && !mapped.endsWith('_total')) mapped += '_total';
  return { name: mapped, scale: timeScale ?? 1, isTime: timeScale !== undefined };
}
