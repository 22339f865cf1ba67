import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { grpcCredentials, grpcHelpers } from '../../src/setup/grpc-credentials';
import { makeTestCertificates } from '../support/tls-certs';
import type { TestCertificates } from '../support/tls-certs';

// The gRPC channel credentials setupTracing builds from the OTLP TLS variables, in process: gRPC checks the files
// as it builds them, and a file it refuses must be reported and left out, never thrown from setupTracing.
const EXPORTER = '@opentelemetry/exporter-trace-otlp-grpc';
const VARIABLES = ['CERTIFICATE', 'CLIENT_CERTIFICATE', 'CLIENT_KEY'].flatMap((s) => [`OTEL_EXPORTER_OTLP_${s}`, `OTEL_EXPORTER_OTLP_TRACES_${s}`]);

/** The exporter's own grpc-js, beside its base package, to check what kind of object came back. */
function exportersGrpc(): { ChannelCredentials: abstract new (...args: never[]) => { _isSecure(): boolean } } {
  const base = require.resolve('@opentelemetry/otlp-grpc-exporter-base', { paths: [dirname(require.resolve(EXPORTER))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same copy the exporter loads
  return require(require.resolve('@grpc/grpc-js', { paths: [dirname(base)] }));
}

let certs: TestCertificates;
let saved: Array<[string, string | undefined]>;
beforeAll(() => {
  certs = makeTestCertificates();
});
afterAll(() => certs.remove());
beforeEach(() => {
  saved = VARIABLES.map((name) => [name, process.env[name]]);
  for (const name of VARIABLES) delete process.env[name];
});
afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function build(endpoint: string): { credentials: { _isSecure(): boolean }; warnings: string[] } {
  const warnings: string[] = [];
  const credentials = grpcCredentials(grpcHelpers(EXPORTER), endpoint, (message) => warnings.push(message)) as { _isSecure(): boolean };
  return { credentials, warnings };
}

test('a client key of another certificate is reported and left out; the CA is kept', () => {
  const otherKey = join(certs.dir, 'server-key-as-client.pem');
  writeFileSync(otherKey, certs.server.key);
  process.env.OTEL_EXPORTER_OTLP_CERTIFICATE = certs.caFile;
  process.env.OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE = certs.clientCertFile;
  process.env.OTEL_EXPORTER_OTLP_CLIENT_KEY = otherKey;
  const { credentials, warnings } = build('https://127.0.0.1:4317');
  expect(credentials).toBeInstanceOf(exportersGrpc().ChannelCredentials);
  expect(credentials._isSecure()).toBe(true);
  expect(warnings).toEqual([expect.stringMatching(/^gRPC refused the client certificate and key .*; going on without them$/)]);
});

test('a client key that is not PEM is reported and left out', () => {
  const garbage = join(certs.dir, 'garbage-key.pem');
  writeFileSync(garbage, 'not a key\n');
  process.env.OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE = certs.clientCertFile;
  process.env.OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY = garbage;
  const { credentials, warnings } = build('https://localhost:4317');
  expect(credentials._isSecure()).toBe(true);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/refused the client certificate and key/);
});

test('a good pair and CA give credentials without a warning', () => {
  process.env.OTEL_EXPORTER_OTLP_CERTIFICATE = certs.caFile;
  process.env.OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE = certs.clientCertFile;
  process.env.OTEL_EXPORTER_OTLP_CLIENT_KEY = certs.clientKeyFile;
  expect(build('https://localhost:4317').warnings).toEqual([]);
});

test('an exporter whose base package has no credential helpers (before 0.219.0) gets them from its own grpc-js', () => {
  // A scratch node_modules: an exporter package whose base package exports nothing, beside the real grpc-js.
  const root = mkdtempSync(join(tmpdir(), 'qo-grpc-base-'));
  try {
    const modules = join(root, 'node_modules');
    const exporter = join(modules, 'old-otlp-grpc-exporter');
    const base = join(modules, '@opentelemetry', 'otlp-grpc-exporter-base');
    mkdirSync(exporter, { recursive: true });
    mkdirSync(base, { recursive: true });
    mkdirSync(join(modules, '@grpc'), { recursive: true });
    writeFileSync(join(exporter, 'package.json'), JSON.stringify({ name: 'old-otlp-grpc-exporter', main: 'index.js' }));
    writeFileSync(join(exporter, 'index.js'), 'module.exports = {};\n');
    writeFileSync(join(base, 'package.json'), JSON.stringify({ name: '@opentelemetry/otlp-grpc-exporter-base', main: 'index.js' }));
    writeFileSync(join(base, 'index.js'), 'module.exports = {};\n');
    const realGrpc = dirname(require.resolve('@grpc/grpc-js/package.json', { paths: [dirname(require.resolve(EXPORTER))] }));
    symlinkSync(realGrpc, join(modules, '@grpc', 'grpc-js'), 'dir');

    const helpers = grpcHelpers(exporter);
    const warnings: string[] = [];
    const plain = grpcCredentials(helpers, 'http://localhost:4317', (m) => warnings.push(m)) as { _isSecure(): boolean };
    const secure = grpcCredentials(helpers, 'https://localhost:4317', (m) => warnings.push(m)) as { _isSecure(): boolean };
    expect(plain._isSecure()).toBe(false);
    expect(secure._isSecure()).toBe(true);
    const metadata = helpers.createEmptyMetadata();
    metadata.set('x-api-key', 'k');
    expect((metadata as unknown as { get(key: string): unknown[] }).get('x-api-key')).toEqual(['k']);
    expect(warnings).toEqual([]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
