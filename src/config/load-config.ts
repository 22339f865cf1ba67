import { readFileSync, statSync } from 'node:fs';
import type { QueueMetricsOptions } from '../exemplars';
import type { QueueOtelOptions } from '../telemetry';
import { PROPAGATION_MODES } from '../vocabulary';
import type { PropagationMode } from '../vocabulary';
import { QueueSampler } from '../sampling';
import type { SamplingRates } from '../sampling';
import { readSanitizeConfig } from '../sanitize';
import type { SanitizeOptions } from '../sanitize';
import type { SetupTracingOptions, TraceLimits } from '../setup';
import { ConfigError } from './config-error';
import type { KeyLocator } from './key-positions';
import { ConfigReader } from './readers';
import { MAX_CONFIG_BYTES, parseConfigText, tooLarge } from './parse-text';

// setupTracing owns the limits; the configuration file fills them in.
export type { TraceLimits } from '../setup';

/**
 * A validated configuration, split into what {@link setupTracing}, `new QueueOtel()` and `new QueueMetrics()` take.
 * `tracing.sampling` and `metrics.sampler` are the same QueueSampler.
 */
export interface QueueOtelConfig {
  tracing: SetupTracingOptions & { sampling: QueueSampler; limits: TraceLimits };
  telemetry: QueueOtelOptions;
  /** Options of `new QueueMetrics()` (queue-otel/metrics) when the `metrics` section enables them, else undefined. */
  metrics: (QueueMetricsOptions & { sampler: QueueSampler }) | undefined;
}

const TOP_KEYS = [
  'enabled', 'service_name', 'endpoint', 'headers', 'resource_attributes', 'sampling', 'propagation',
  'internal_spans', 'queue_wait_span', 'tenant_path', 'limits', 'security', 'metrics', 'metadata_format', 'unsampled_jobs',
  'mark_processed_jobs', 'message_body_size', 'create_spans',
] as const;

/**
 * Validates a configuration object (as parsed from YAML or JSON). Throws a {@link ConfigError} that
 * names every bad key and why.
 *
 * @example
 * const config = parseConfig({ service_name: 'mailer', sampling: { default: 0.1 } });
 * const tracing = setupTracing(config.tracing);
 * const metrics = config.metrics && new QueueMetrics(config.metrics);
 * const telemetry = new QueueOtel({ ...config.telemetry, ...(metrics ? { metrics } : {}) });
 */
export function parseConfig(raw: unknown, source = 'configuration'): QueueOtelConfig {
  return checkConfig(raw, source, undefined);
}

/** {@link parseConfig}, with each issue given the line and column of its key when the data came from a file. */
function checkConfig(raw: unknown, source: string, locate: KeyLocator | undefined): QueueOtelConfig {
  const r = new ConfigReader();
  const root = r.object('(root)', raw ?? {}) ?? {};
  r.unknownKeys('', root, TOP_KEYS);
  const enabled = r.boolean('enabled', root.enabled);
  const sampling = readSampling(r, root.sampling);
  const limits = readLimits(r, root.limits);
  let security: SanitizeOptions | undefined;
  if (root.security !== undefined) {
    const read = readSanitizeConfig(root.security, 'security');
    for (const issue of read.issues) r.fail(issue.key, issue.message);
    security = read.options;
  }
  const metricsSection = r.object('metrics', root.metrics);
  if (metricsSection) r.unknownKeys('metrics', metricsSection, ['enabled', 'max_job_names']);
  const metricsEnabled = metricsSection ? r.boolean('metrics.enabled', metricsSection.enabled) ?? true : false;
  const maxJobNames = metricsSection ? r.positiveInt('metrics.max_job_names', metricsSection.max_job_names) : undefined;
  const propagation = readPropagation(r, root.propagation);
  const tracing = {
    serviceName: r.string('service_name', root.service_name),
    endpoint: r.url('endpoint', root.endpoint),
    headers: r.stringMap('headers', root.headers),
    resourceAttributes: r.stringMap('resource_attributes', root.resource_attributes),
    internal: r.boolean('internal_spans', root.internal_spans),
    wait: r.boolean('queue_wait_span', root.queue_wait_span),
    tenant: r.string('tenant_path', root.tenant_path),
    markProcessed: r.boolean('mark_processed_jobs', root.mark_processed_jobs),
    bodySize: r.boolean('message_body_size', root.message_body_size),
    createSpans: r.boolean('create_spans', root.create_spans),
  };
  const metadataFormat = root.metadata_format;
  if (metadataFormat !== undefined && metadataFormat !== 'json' && metadataFormat !== 'compact') {
    r.fail('metadata_format', `expected json or compact, got ${JSON.stringify(metadataFormat)}`);
  }
  const unsampledJobs = root.unsampled_jobs;
  if (unsampledJobs !== undefined && unsampledJobs !== 'propagate' && unsampledJobs !== 'lean') {
    r.fail('unsampled_jobs', `expected propagate or lean, got ${JSON.stringify(unsampledJobs)}`);
  }
  if (r.issues.length > 0) throw new ConfigError(source, locate ? r.issues.map((issue) => ({ ...issue, ...locate(issue.key) })) : r.issues);

  const sampler = new QueueSampler(sampling);
  const telemetry: QueueOtelOptions = {};
  if (enabled !== undefined) telemetry.enabled = enabled;
  if (propagation !== undefined) telemetry.propagation = propagation;
  if (tracing.internal !== undefined) telemetry.internalSpans = tracing.internal;
  if (tracing.wait !== undefined) telemetry.queueWaitSpan = tracing.wait;
  if (tracing.tenant !== undefined) telemetry.tenantPath = tracing.tenant;
  if (tracing.markProcessed !== undefined) telemetry.markProcessedJobs = tracing.markProcessed;
  if (tracing.bodySize !== undefined) telemetry.messageBodySize = tracing.bodySize;
  if (tracing.createSpans !== undefined) telemetry.createSpans = tracing.createSpans;
  if (metadataFormat === 'json' || metadataFormat === 'compact') telemetry.metadataFormat = metadataFormat;
  if (unsampledJobs === 'propagate' || unsampledJobs === 'lean') telemetry.unsampledJobs = unsampledJobs;
  if (security !== undefined) telemetry.sanitize = security;
  const metrics = metricsEnabled ? { sampler, ...(maxJobNames === undefined ? {} : { maxJobNames }) } : undefined;
  const setup: QueueOtelConfig['tracing'] = { sampling: sampler, limits };
  if (enabled !== undefined) setup.enabled = enabled;
  if (tracing.serviceName !== undefined) setup.serviceName = tracing.serviceName;
  if (tracing.endpoint !== undefined) setup.endpoint = tracing.endpoint;
  if (tracing.headers !== undefined) setup.headers = tracing.headers;
  if (tracing.resourceAttributes !== undefined) setup.resourceAttributes = tracing.resourceAttributes;
  if (security !== undefined) setup.sanitize = security;
  return { tracing: setup, telemetry, metrics };
}

/**
 * Reads and validates a YAML or JSON configuration file (at most {@link MAX_CONFIG_BYTES} bytes). Each issue of
 * the {@link ConfigError} it throws carries the line and column of its key in the file.
 */
export function loadConfig(path: string): QueueOtelConfig {
  let text: string;
  try {
    // A wrong path to a large file (a log, a dump) is refused before it is read.
    const { size } = statSync(path);
    if (size > MAX_CONFIG_BYTES) throw tooLarge(path, size);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(path, [{ key: '(file)', message: `cannot read: ${(error as Error).message}` }]);
  }
  const { data, locate } = parseConfigText(text, path);
  return checkConfig(data, path, locate);
}

function readSampling(r: ConfigReader, value: unknown): SamplingRates {
  const section = r.object('sampling', value);
  if (!section) return {};
  r.unknownKeys('sampling', section, ['default', 'queues', 'jobs']);
  const rates: SamplingRates = {};
  const def = r.rate('sampling.default', section.default);
  if (def !== undefined) rates.default = def;
  const queues = r.rateMap('sampling.queues', section.queues);
  if (queues) rates.queues = queues;
  const jobs = r.rateMap('sampling.jobs', section.jobs);
  if (jobs) {
    for (const key of Object.keys(jobs)) if (!key.includes(':')) r.fail(`sampling.jobs.${key}`, 'expected a key of the form "queue:jobName"');
    rates.jobs = jobs;
  }
  return rates;
}

function readLimits(r: ConfigReader, value: unknown): TraceLimits {
  const section = r.object('limits', value);
  if (!section) return {};
  r.unknownKeys('limits', section, ['spans_per_trace', 'attribute_value_length', 'events_per_span']);
  const limits: TraceLimits = {};
  const spans = r.positiveInt('limits.spans_per_trace', section.spans_per_trace);
  const length = r.positiveInt('limits.attribute_value_length', section.attribute_value_length);
  const events = r.positiveInt('limits.events_per_span', section.events_per_span);
  if (spans !== undefined) limits.spansPerTrace = spans;
  if (length !== undefined) limits.attributeValueLength = length;
  if (events !== undefined) limits.eventsPerSpan = events;
  return limits;
}

function readPropagation(r: ConfigReader, value: unknown): QueueOtelOptions['propagation'] | undefined {
  if (value === undefined) return undefined;
  const check = (key: string, mode: unknown): PropagationMode | undefined =>
    (PROPAGATION_MODES as readonly unknown[]).includes(mode) ? (mode as PropagationMode) : r.fail(key, `expected one of child, link, none, got ${JSON.stringify(mode)}`);
  if (typeof value === 'string') return check('propagation', value);
  const map = r.object('propagation', value);
  if (!map) return undefined;
  const out: Record<string, PropagationMode> = {};
  for (const [queue, mode] of Object.entries(map)) {
    const checked = check(`propagation.${queue}`, mode);
    if (checked) out[queue] = checked;
  }
  return out;
}
