import { forbiddenIn, isForbidden, packageOf, probeImport } from '../../benchmarks/import-probe';
import { ensureBuilt } from './built-library';

/**
 * The root import is the instrumentation alone (issue 18): on top of `bullmq`, as an application loads the built
 * package, it loads at most 250 modules and none of the SDK, exporters, gRPC, protobuf, prom-client, ioredis (beyond
 * what bullmq itself loaded), yaml, ink or react.
 */
const MAX_MODULES = 250;

beforeAll(ensureBuilt, 240_000);

test.each(['require', 'import'] as const)("%s('queue-otel') after bullmq loads few modules and none of the heavy packages", (mode) => {
  const cost = probeImport('queue-otel', mode);
  expect(cost.modules.length).toBeGreaterThan(0);
  expect(cost.modules.length).toBeLessThanOrEqual(MAX_MODULES);
  expect(forbiddenIn(cost)).toEqual([]);
  // Only @opentelemetry/api and the package's own files: the W3C propagator (@opentelemetry/core) loads on first use.
  const packages = new Set(cost.modules.map(packageOf).filter((name) => name !== undefined));
  expect([...packages]).toEqual(['@opentelemetry/api']);
});

test('the guard recognises what it forbids', () => {
  expect(packageOf('/app/node_modules/@opentelemetry/sdk-node/build/src/index.js')).toBe('@opentelemetry/sdk-node');
  expect(packageOf('/app/node_modules/queue-otel/node_modules/prom-client/index.js')).toBe('prom-client');
  for (const name of ['@opentelemetry/exporter-trace-otlp-grpc', '@grpc/grpc-js', 'protobufjs', 'yaml', 'ink', 'react', 'ioredis']) {
    expect({ name, forbidden: isForbidden(name) }).toEqual({ name, forbidden: true });
  }
  expect(isForbidden('@opentelemetry/api')).toBe(false);
  // ioredis files bullmq loaded are not new; a copy the import loads on top is.
  const cost = { modules: ['/a/node_modules/ioredis/built/index.js', '/a/node_modules/yaml/dist/index.js'], ms: 1, before: ['/a/node_modules/bullmq/node_modules/ioredis/built/Redis.js'] };
  expect(forbiddenIn(cost)).toEqual(['ioredis', 'yaml']);
});
