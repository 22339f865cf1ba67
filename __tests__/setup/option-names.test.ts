import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { QueueSampler } from '../../src/sampling';
import { setupTracing } from '../../src/setup';
import type { SetupTracingOptions } from '../../src/setup';
import { resetGlobals } from '../support/tracing';

// Each of these did nothing before: setup went on and the option meant kept its default (`service_name` exported
// as unknown_service:node). Like the other mistakes in code options it is a TypeError, thrown before anything is built.
const setup = (options: Record<string, unknown>) => () => setupTracing({ exporter: new InMemorySpanExporter(), env: {}, ...options } as SetupTracingOptions);

afterEach(() => resetGlobals());

test.each([
  [{ service_name: 'mailer' }, 'queue-otel: "service_name" is not an option of setupTracing (did you mean serviceName?)'],
  [{ endpiont: 'http://collector:4318' }, 'queue-otel: "endpiont" is not an option of setupTracing (did you mean endpoint?)'],
  [{ resource_attributes: { team: 'a' } }, 'queue-otel: "resource_attributes" is not an option of setupTracing (did you mean resourceAttributes?)'],
  [{ instrumentation: [] }, 'queue-otel: "instrumentation" is not an option of setupTracing (did you mean instrumentations?)'],
  [{ limits: { spansPerTace: 50 } }, 'queue-otel: "spansPerTace" is not an option of setupTracing limits (did you mean spansPerTrace?)'],
  [{ resilience: { max_buffered_spans: 10 } }, 'queue-otel: "max_buffered_spans" is not an option of setupTracing resilience (did you mean maxBufferedSpans?)'],
  [{ sampling: { defualt: 0.1 } }, 'queue-otel: "defualt" is not an option of setupTracing sampling (did you mean default?)'],
  [
    { tracerProvider: {} },
    'queue-otel: "tracerProvider" is not an option of setupTracing; the options are serviceName, protocol, endpoint, headers, resourceAttributes, ' +
      'sampling, sanitize, exporter, fallback, resilience, limits, healthMetrics, spanProcessors, instrumentations, enabled, logger, env',
  ],
])('%j, a name that is no option, is a TypeError naming the nearest option', (options, message) => {
  expect(setup(options)).toThrow(new TypeError(message));
});

test('names are checked even when tracing is off, so a slip is found before the day it is turned on', () => {
  expect(setup({ enabled: false, serviceNmae: 'mailer' })).toThrow(/"serviceNmae" is not an option of setupTracing \(did you mean serviceName\?\)/);
});

test('a name given as undefined is let through, and every option, nested ones included, is accepted', () => {
  const handle = setupTracing({
    enabled: false,
    serviceName: 'mailer',
    protocol: 'http/json',
    endpoint: 'http://collector:4318',
    headers: { any_header: 'x' },
    resourceAttributes: { 'deployment.environment': 'test' },
    sampling: { default: 0.5, queues: { emails: 1 }, jobs: { 'emails:digest': 0 } },
    sanitize: false,
    exporter: ['console', new InMemorySpanExporter()],
    resilience: { maxBufferedSpans: 10, overflow: 'drop-newest', onDropped: () => undefined },
    limits: { spansPerTrace: 10, attributeValueLength: 100, eventsPerSpan: 5 },
    healthMetrics: undefined,
    spanProcessors: [],
    instrumentations: [],
    logger: () => undefined,
    env: {},
    ...({ notAnOption: undefined } as object),
  });
  expect(handle.reason).toBe('disabled');
  // A QueueSampler is no bag of rates: its own fields are not options.
  expect(setupTracing({ enabled: false, sampling: new QueueSampler({ default: 0.5 }), env: {} }).reason).toBe('disabled');
});
