import { context, diag, DiagConsoleLogger, propagation, trace } from '../otel-api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { diagLogLevelFromString } from '@opentelemetry/core';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { spanLimitsFrom } from '../export';
import { QueueSampler, rateFromEnv } from '../sampling';
import type { SamplingRates } from '../sampling';
import { readBatchSettings } from './batch-settings';
import { checkSetupOptionNames } from './check-option-names';
import type { EnvWarn } from './env-parsers';
import { readEnvSettings } from './env-settings';
import { tracerProviderRegistered, warnProviderAlreadyRegistered } from './existing-provider';
import { buildExportPipeline } from './export-pipeline';
import { loadOnDemand } from './load-on-demand';
import type { SetupTracingOptions, TracingHandle, TracingOffReason } from './options';
import { propagatorFromEnv } from './propagators';
import { resolveSettings } from './resolve-settings';
import { guardedLogger } from './setup-logger';
import { buildResource } from './resource';

interface InstrumentationModule {
  registerInstrumentations(options: { instrumentations: Instrumentation[]; tracerProvider: NodeTracerProvider }): () => void;
}

function offHandle(sampler: QueueSampler, reason: TracingOffReason): TracingHandle {
  return {
    enabled: false,
    reason,
    protocol: undefined,
    endpoint: undefined,
    sampler,
    exportStats: () => undefined,
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
}

/**
 * The sampler setupTracing installs: the one given, else a QueueSampler whose default rate, when the options set none,
 * comes from `OTEL_TRACES_SAMPLER(_ARG)` in the `env` option (QueueSampler alone would read `process.env`), with any
 * unusable value reported through setupTracing's logger.
 */
function samplerOf(sampling: SamplingRates | QueueSampler | undefined, env: NodeJS.ProcessEnv, warn: EnvWarn): QueueSampler {
  if (sampling instanceof QueueSampler) return sampling;
  // As QueueSampler itself: only a default left out (undefined) comes from the environment; `null` is refused.
  return new QueueSampler({ ...sampling, default: sampling?.default === undefined ? (rateFromEnv(env, warn) ?? 1) : sampling.default });
}

/** `level` is one of DIAG_LEVELS (an unknown one was reported and dropped when the variable was read). */
function setDiagLevel(level: string): void {
  const logLevel = diagLogLevelFromString(level);
  if (logLevel !== undefined) diag.setLogger(new DiagConsoleLogger(), { logLevel });
}

function registerContextManager(): void {
  const manager = new AsyncLocalStorageContextManager().enable();
  // One already registered (an application's or a test's) keeps working; ours would only duplicate it.
  if (!context.setGlobalContextManager(manager)) manager.disable();
}

/**
 * Starts tracing for a service that uses BullMQ and has no OpenTelemetry SDK of its own: a `NodeTracerProvider`
 * with the OTLP exporter of the chosen protocol (loaded on demand), QueueOtel's head sampler, its attribute
 * policy, the export safety net and span limits. Registers the global tracer provider, context manager and
 * propagators, which `new QueueOtel()` then uses.
 *
 * Options passed here win over the `OTEL_*` variables, which fill in the rest (docs/setup.md lists them).
 * When a tracer provider is already registered (the application's own SDK), it warns once and starts nothing:
 * QueueOtel's spans keep going to the application's provider.
 *
 * A `logger` that throws never breaks it: that warning goes to `diag.warn` instead.
 *
 * @throws MissingPackageError when the chosen protocol's exporter (or a listed propagator, or
 *   `@opentelemetry/instrumentation` for `instrumentations`) is not installed; the message names the package.
 * @throws TypeError when an option's name is none of setupTracing's (in `limits`, `resilience` and `sampling` too;
 *   the message names the nearest option), `logger` is not a function, or a header in `headers` cannot be sent (see resolveSettings).
 * @example
 * const tracing = setupTracing({ serviceName: 'mailer', endpoint: 'https://otlp.example.com', headers: { authorization: `Bearer ${token}` } });
 * process.on('SIGTERM', () => tracing.shutdown());
 */
export function setupTracing(options: SetupTracingOptions = {}): TracingHandle {
  checkSetupOptionNames(options);
  const logger = guardedLogger(options.logger);
  const warn: EnvWarn = (message) => logger(`queue-otel/setup: ${message}`);
  const envSource = options.env ?? process.env;
  const env = readEnvSettings(envSource, warn);
  const sampler = samplerOf(options.sampling, envSource, warn);
  const settings = resolveSettings(options, env, warn);
  if (settings.off) return offHandle(sampler, settings.off);
  if (tracerProviderRegistered()) {
    warnProviderAlreadyRegistered(logger);
    return offHandle(sampler, 'provider-already-registered');
  }
  if (env.logLevel) setDiagLevel(env.logLevel);
  // Everything that may throw (a missing package, a bad limit) comes before anything is built or registered.
  const propagator = propagatorFromEnv(env.propagators, warn);
  const instrumentation = options.instrumentations?.length
    ? loadOnDemand<InstrumentationModule>('@opentelemetry/instrumentation', 'the instrumentations option')
    : undefined;
  const limits = options.limits ?? {};
  const spanLimits = spanLimitsFrom(
    {
      ...(limits.attributeValueLength !== undefined ? { attributeValueLengthLimit: limits.attributeValueLength } : {}),
      ...(limits.eventsPerSpan !== undefined ? { eventCountLimit: limits.eventsPerSpan } : {}),
    },
    envSource,
    warn,
  );
  // The limit the provider cuts values to, so the pipeline counts the values it cut.
  const batch = readBatchSettings(envSource, warn);
  const pipeline = buildExportPipeline(settings.exporters, settings.otlp, batch, options, warn, spanLimits.attributeValueLengthLimit);

  const provider = new NodeTracerProvider({
    resource: buildResource(settings.resourceAttributes),
    sampler,
    spanLimits,
    spanProcessors: [...(options.spanProcessors ?? []), pipeline.processor],
  });
  if (!trace.setGlobalTracerProvider(provider)) {
    void provider.shutdown();
    warnProviderAlreadyRegistered(logger);
    return offHandle(sampler, 'provider-already-registered');
  }
  registerContextManager();
  if (propagator) propagation.setGlobalPropagator(propagator);
  if (instrumentation && options.instrumentations) {
    instrumentation.registerInstrumentations({ instrumentations: options.instrumentations, tracerProvider: provider });
  }

  const primary = pipeline.exporters[0];
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    reason: undefined,
    protocol: pipeline.otlp ? settings.otlp.protocol : undefined,
    endpoint: pipeline.otlp ? settings.otlp.endpoint : undefined,
    sampler,
    exportStats: () => primary?.stats(),
    // The batch processors hand spans to the resilient exporters, whose own buffers must then be sent.
    forceFlush: async () => {
      await pipeline.processor.forceFlush();
      await Promise.all(pipeline.exporters.map((exporter) => exporter.forceFlush()));
    },
    // Once shutdown is over (done, or its bound reached), what the exporter still has in flight is abandoned:
    // closing its connections keeps that from holding the process open for seconds after.
    shutdown: () => (stopped ??= provider.shutdown().finally(() => pipeline.closeConnections())),
  };
}
