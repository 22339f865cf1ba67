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

/**
 * Returns the metric already registered under `name` when it has the expected type, otherwise creates it.
 * prom-client throws when a name is registered twice; reusing lets several QueueMetrics (or a QueueMetrics
 * and a test) share one registry. A same-named metric of another type is a configuration error and throws.
 */
export function getOrCreateMetric<M>(registry: MetricsRegistry, name: string, type: MetricClass<M>, create: () => M): M {
  const existing: unknown = registry.getSingleMetric(name);
  if (existing === undefined) return create();
  if (existing instanceof type) return existing;
  throw new Error(`metric ${name} is already registered with another type`);
}

