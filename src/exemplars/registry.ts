import { Registry } from 'prom-client';
import type { OpenMetricsContentType, PrometheusContentType } from 'prom-client';

/** A prom-client registry in either exposition format. Exemplars are only exposed in OpenMetrics. */
export type MetricsRegistry = Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;

/**
 * Creates a registry that exposes OpenMetrics text, the only format that carries exemplars.
 * prom-client wants the content type set after construction (the constructor argument is not typed for it).
 * @example
 * const registry = createOpenMetricsRegistry();
 * registry.contentType // 'application/openmetrics-text; version=1.0.0; charset=utf-8'
 */
export function createOpenMetricsRegistry(): Registry<OpenMetricsContentType> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

/** True when the registry exposes OpenMetrics (and therefore exemplars). */
export function isOpenMetrics(registry: MetricsRegistry): boolean {
  return registry.contentType === Registry.OPENMETRICS_CONTENT_TYPE;
}

type MetricClass<M> = new (...args: never[]) => M;

/** What a metric is defined with, compared when one of that name is already registered. */
export interface MetricDefinition {
  /** Label names (exemplar labels excluded); compared as a set. */
  readonly labelNames: readonly string[];
  /** Histogram bucket bounds; not compared when omitted. */
  readonly buckets?: readonly number[] | undefined;
  /** Whether the metric records exemplars. */
  readonly exemplars: boolean;
}

/** The fields prom-client keeps on every metric instance (not in its typings). */
interface RegisteredFields {
  labelNames?: unknown;
  upperBounds?: unknown;
  enableExemplars?: unknown;
}

/**
 * Returns the metric already registered under `name` when it has the expected type and definition, otherwise creates
 * it. prom-client throws when a name is registered twice; reusing lets several QueueMetrics (or a QueueMetrics and a
 * test) share one registry. A same-named metric of another type, other label names, other buckets or another exemplar
 * setting is a configuration error and throws here, naming the metric and the difference: reused as it is, every
 * record would throw (other labels) or silently use the first definition (other buckets).
 */
export function getOrCreateMetric<M>(registry: MetricsRegistry, name: string, type: MetricClass<M>, definition: MetricDefinition, create: () => M): M {
  const existing: unknown = registry.getSingleMetric(name);
  if (existing === undefined) return create();
  if (!(existing instanceof type)) throw new Error(`queue-otel/metrics: metric ${name} is already registered with another type`);
  const difference = differenceFrom(existing as RegisteredFields, definition);
  if (difference !== undefined) {
    throw new Error(
      `queue-otel/metrics: metric ${name} is already registered on this registry with ${difference}; ` +
        'give queue-otel a registry of its own, or the same options to every QueueMetrics sharing it',
    );
  }
  return existing;
}

function differenceFrom(existing: RegisteredFields, definition: MetricDefinition): string | undefined {
  const labels = Array.isArray(existing.labelNames) ? existing.labelNames.map(String) : [];
  const sameLabels = labels.length === definition.labelNames.length && definition.labelNames.every((label) => labels.includes(label));
  if (!sameLabels) return `label names [${labels.join(', ')}], not [${definition.labelNames.join(', ')}]`;
  const buckets = definition.buckets;
  if (buckets !== undefined) {
    const bounds = Array.isArray(existing.upperBounds) ? (existing.upperBounds as unknown[]) : [];
    if (bounds.length !== buckets.length || buckets.some((bound, i) => bound !== bounds[i])) {
      return `buckets [${bounds.join(', ')}], not [${buckets.join(', ')}]`;
    }
  }
  const exemplars = existing.enableExemplars === true;
  if (exemplars !== definition.exemplars) {
    return `exemplars ${exemplars ? 'on' : 'off'}, not ${definition.exemplars ? 'on' : 'off'} (exemplars are on when the registry exposes OpenMetrics at construction: was its content type changed in between?)`;
  }
  return undefined;
}
