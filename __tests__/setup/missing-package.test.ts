import { join } from 'node:path';
import { runFixture } from '../support/processes';

// Each OTLP exporter is an optional peer, loaded only for the protocol in use. Run in a child process where the
// named packages cannot be resolved, as in an application that never installed them.
const HIDE = join(__dirname, '..', 'fixtures', 'processes', 'hide-packages.cjs');
const GRPC = '@opentelemetry/exporter-trace-otlp-grpc';
const JSON_HTTP = '@opentelemetry/exporter-trace-otlp-http';
const PROTO = '@opentelemetry/exporter-trace-otlp-proto';

interface PeersResult {
  enabled?: boolean;
  protocol?: string;
  error?: string;
  name?: string;
  registered: boolean;
  loaded: string[];
}

async function run(hidden: string[], env: Record<string, string> = {}): Promise<PeersResult> {
  const out = await runFixture('setup-peers.ts', { NODE_OPTIONS: `--require ${HIDE}`, HIDE_PACKAGES: hidden.join(','), ...env });
  return JSON.parse(out) as PeersResult;
}

test('a missing exporter is a clear error naming the package and what chose the protocol; nothing is registered', async () => {
  const fromEnv = await run([GRPC], { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
  expect(fromEnv).toMatchObject({
    name: 'MissingPackageError',
    error: `OTEL_EXPORTER_OTLP_PROTOCOL=grpc needs ${GRPC}: npm install ${GRPC}`,
    registered: false,
  });
  const fromCode = await run([JSON_HTTP], { SETUP_PROTOCOL: 'http/json' });
  expect(fromCode).toMatchObject({ error: `protocol: 'http/json' needs ${JSON_HTTP}: npm install ${JSON_HTTP}`, registered: false });
  const byDefault = await run([PROTO]);
  expect(byDefault).toMatchObject({ error: `the default protocol http/protobuf needs ${PROTO}: npm install ${PROTO}`, registered: false });
});

test('only the exporter of the protocol in use is loaded: the others may be missing', async () => {
  const result = await run([GRPC, JSON_HTTP, '@grpc/grpc-js', '@opentelemetry/sdk-node', '@opentelemetry/instrumentation']);
  expect(result).toMatchObject({ enabled: true, protocol: 'http/protobuf', registered: true });
  expect(result.loaded).toContain(PROTO);
  for (const absent of [GRPC, JSON_HTTP, '@grpc/grpc-js', '@opentelemetry/sdk-node', '@opentelemetry/instrumentation']) {
    expect(result.loaded).not.toContain(absent);
  }
});

test('instrumentations need @opentelemetry/instrumentation, loaded only when some are given', async () => {
  const result = await run(['@opentelemetry/instrumentation'], { SETUP_INSTRUMENTATIONS: '1' });
  expect(result).toMatchObject({
    error: 'the instrumentations option needs @opentelemetry/instrumentation: npm install @opentelemetry/instrumentation',
    registered: false,
  });
});
