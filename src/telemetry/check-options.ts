/**
 * Checks the QueueOtel options a JavaScript caller (or a cast) can get wrong. Without it a slip either did nothing
 * visible (`enabled: 'false'` left tracing on, `propagation: 'sideways'` dropped every parent) or failed deep inside
 * with a message that names nothing the user wrote.
 */
import { checkOptionNames } from '../options';
import { PROPAGATION_MODES } from '../vocabulary';
import type { QueueOtelOptions } from './options';

const MODES: readonly unknown[] = PROPAGATION_MODES;
const METADATA_FORMATS: readonly unknown[] = ['json', 'compact'];
const UNSAMPLED_JOBS: readonly unknown[] = ['propagate', 'lean'];
const BOOLEAN_OPTIONS = ['enabled', 'internalSpans', 'queueWaitSpan', 'markProcessedJobs', 'messageBodySize', 'createSpans'] as const;

/** Every option, so a name that is none of them can be told apart (typed so that a new option must be added here). */
const KNOWN_OPTIONS: Readonly<Record<keyof QueueOtelOptions, true>> = {
  tracerProvider: true, propagator: true, enabled: true, propagation: true, internalSpans: true, tenantPath: true, queueWaitSpan: true,
  logger: true, metrics: true, sanitize: true, markProcessedJobs: true, metadataFormat: true, unsampledJobs: true, messageBodySize: true,
  createSpans: true, tracerName: true,
};

/**
 * A name that is no option did nothing: `propagaton: 'link'` left propagation as it was, `queue_wait_span: false`
 * (the configuration file's spelling) kept the wait span. One given as undefined is let through, as conditional
 * spreads and optional fields produce.
 */
function checkNames(given: Record<string, unknown>): void {
  checkOptionNames(given, KNOWN_OPTIONS, 'QueueOtel');
}

function fail(message: string): never {
  throw new TypeError(`queue-otel: ${message}`);
}

function hasMethods(value: unknown, ...names: string[]): boolean {
  return typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** Throws a TypeError naming the first option of the wrong type or an unknown value; returns for valid options. */
export function checkQueueOtelOptions(options: QueueOtelOptions): void {
  const given = options as Record<string, unknown>;
  checkNames(given);
  for (const name of BOOLEAN_OPTIONS) {
    if (given[name] !== undefined && typeof given[name] !== 'boolean') fail(`${name} must be true or false, got ${JSON.stringify(given[name])}`);
  }
  const propagation: unknown = options.propagation;
  if (propagation !== undefined) {
    if (typeof propagation === 'string' || propagation === null || typeof propagation !== 'object') {
      if (!MODES.includes(propagation)) fail(`propagation must be 'child', 'link' or 'none' (or a map of them per queue), got ${JSON.stringify(propagation)}`);
    } else {
      for (const [queue, mode] of Object.entries(propagation)) {
        if (!MODES.includes(mode)) fail(`propagation for ${JSON.stringify(queue)} must be 'child', 'link' or 'none', got ${JSON.stringify(mode)}`);
      }
    }
  }
  if (options.metadataFormat !== undefined && !METADATA_FORMATS.includes(options.metadataFormat)) {
    fail(`metadataFormat must be 'json' or 'compact', got ${JSON.stringify(options.metadataFormat)}`);
  }
  if (options.unsampledJobs !== undefined && !UNSAMPLED_JOBS.includes(options.unsampledJobs)) {
    fail(`unsampledJobs must be 'propagate' or 'lean', got ${JSON.stringify(options.unsampledJobs)}`);
  }
  if (options.tenantPath !== undefined && typeof options.tenantPath !== 'string') fail(`tenantPath must be a dot path (a string), got ${JSON.stringify(options.tenantPath)}`);
  if (options.tracerName !== undefined && typeof options.tracerName !== 'string') fail(`tracerName must be a string, got ${JSON.stringify(options.tracerName)}`);
  if (options.logger !== undefined && typeof options.logger !== 'function') fail('logger must be a function taking a message');
  if (options.tracerProvider !== undefined && !hasMethods(options.tracerProvider, 'getTracer')) fail('tracerProvider must be an OpenTelemetry TracerProvider (with getTracer())');
  if (options.propagator !== undefined && !hasMethods(options.propagator, 'inject', 'extract', 'fields')) {
    fail('propagator must be an OpenTelemetry TextMapPropagator (with inject(), extract() and fields())');
  }
}
