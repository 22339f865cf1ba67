import { diag, DiagLogLevel, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { setupTracing } from '../../src/setup';
import type { TracingHandle } from '../../src/setup';
import { resetGlobals } from '../support/tracing';

// A user's logger that throws must never break setup: each warning is written while setupTracing runs.
const throwing = (): never => {
  throw new Error('log sink down');
};

let handle: TracingHandle | undefined;
let diagWarnings: string[];
beforeEach(() => {
  diagWarnings = [];
  const ignore = () => undefined;
  diag.setLogger({ error: ignore, warn: (message) => diagWarnings.push(message), info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
});
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  diag.disable();
  resetGlobals();
});

test('warnings about bad variables still reach diag.warn, and setup goes on', () => {
  const env = { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: 'half', OTEL_EXPORTER_OTLP_TIMEOUT: '2s', OTEL_PROPAGATORS: 'xray' };
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env, logger: throwing });
  expect(handle.enabled).toBe(true);
  expect(diagWarnings).toEqual(
    expect.arrayContaining([
      expect.stringContaining('OTEL_TRACES_SAMPLER_ARG="half" is not a number from 0 to 1'),
      'queue-otel/setup: OTEL_EXPORTER_OTLP_TIMEOUT="2s" is not a whole number of milliseconds >= 0; ignored',
      expect.stringContaining('OTEL_PROPAGATORS lists "xray"'),
      'queue-otel/setup: the logger option threw Error on the warning above',
    ]),
  );
});

test('the warning about a tracer provider already registered does not throw either', () => {
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env: {}, logger: throwing });
  expect(handle).toMatchObject({ enabled: false, reason: 'provider-already-registered' });
  expect(diagWarnings[0]).toMatch(/^queue-otel\/setup: a tracer provider is already registered/);
});

test('a logger that is not a function is a TypeError naming the option', () => {
  expect(() => setupTracing({ logger: 'console' as unknown as () => void, env: {} })).toThrow(
    new TypeError('queue-otel: logger must be a function taking a message, got a string'),
  );
});
