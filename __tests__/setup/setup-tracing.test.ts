import { OtlpReceiver } from '../support/otlp-receiver';
import { runSetup } from './setup-fixture';

// Two receivers: where the code points, and where the environment points.
const codeReceiver = new OtlpReceiver();
const envReceiver = new OtlpReceiver();
beforeAll(async () => {
  await codeReceiver.start();
  await envReceiver.start();
});
afterAll(async () => {
  await codeReceiver.stop();
  await envReceiver.stop();
});

const spansOf = (receiver: OtlpReceiver, queue: string) => receiver.spans.filter((s) => (s.attributes['messaging.destination.name'] ?? s.attributes['bullmq.queue.name']) === queue);

test('code options reach the backend over http/protobuf by default: endpoint, headers, service name, resource attributes', async () => {
  const before = codeReceiver.requests;
  const { queue, result } = await runSetup('setup', {
    CODE_SERVICE_NAME: 'from-code',
    CODE_ENDPOINT: `http://127.0.0.1:${codeReceiver.port}`,
    CODE_HEADERS: JSON.stringify({ 'x-from-code': 'yes' }),
    CODE_RESOURCE: JSON.stringify({ 'deployment.environment': 'code' }),
  });
  expect(result).toEqual({ enabled: true, protocol: 'http/protobuf', endpoint: codeReceiver.url, warnings: [] });
  const spans = spansOf(codeReceiver, queue);
  expect(spans.map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
  expect(spans.every((s) => s.service === 'from-code')).toBe(true);
  expect(codeReceiver.contentTypes.slice(before).every((type) => type === 'application/x-protobuf')).toBe(true);
  expect(codeReceiver.headers.slice(before).every((h) => h['x-from-code'] === 'yes')).toBe(true);
  expect(spans.every((s) => s.resource['deployment.environment'] === 'code')).toBe(true);
});

test('OTEL_* variables configure what the code leaves unset: endpoint, auth headers, service name, resource attributes', async () => {
  const before = envReceiver.requests;
  const { queue, result } = await runSetup('setup-env', {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${envReceiver.port}`,
    OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cret',
    OTEL_SERVICE_NAME: 'from-env',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging',
  });
  expect(result.endpoint).toBe(envReceiver.url);
  const spans = spansOf(envReceiver, queue);
  expect(spans.length).toBe(3);
  expect(spans.every((s) => s.service === 'from-env')).toBe(true);
  expect(envReceiver.headers.slice(before).every((h) => h.authorization === 'Bearer s3cret')).toBe(true);
  expect(spans.every((s) => s.resource['deployment.environment'] === 'staging')).toBe(true);
  // The default attribute policy applies: the payload never leaves the process.
  expect(envReceiver.bodies.join('')).not.toContain('ada@example.com');
});

test('options passed in code win over the OTEL_* variables, which fill in the rest (as in OpenTelemetry JS)', async () => {
  const codeBefore = codeReceiver.requests;
  const envBefore = envReceiver.requests;
  const { queue, result } = await runSetup('setup-precedence', {
    CODE_SERVICE_NAME: 'from-code',
    CODE_ENDPOINT: `http://127.0.0.1:${codeReceiver.port}`,
    CODE_PROTOCOL: 'http/json',
    CODE_HEADERS: JSON.stringify({ authorization: 'Bearer code' }),
    CODE_RESOURCE: JSON.stringify({ 'deployment.environment': 'code' }),
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${envReceiver.port}`,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${envReceiver.port}/v1/traces`,
    OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20env,x-env-only=kept',
    OTEL_SERVICE_NAME: 'from-env',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,team=env-team',
  });
  expect(result).toMatchObject({ enabled: true, protocol: 'http/json', endpoint: codeReceiver.url });
  const spans = spansOf(codeReceiver, queue);
  expect(spans.length).toBe(3);
  expect(spans.every((s) => s.service === 'from-code')).toBe(true);
  expect(envReceiver.requests).toBe(envBefore);
  const headers = codeReceiver.headers.slice(codeBefore);
  expect(codeReceiver.contentTypes.slice(codeBefore).every((type) => type === 'application/json')).toBe(true);
  // Headers and resource attributes merge: the code's entries win, the environment's other entries stay.
  expect(headers.every((h) => h.authorization === 'Bearer code' && h['x-env-only'] === 'kept')).toBe(true);
  expect(spans.every((s) => s.resource['deployment.environment'] === 'code' && s.resource.team === 'env-team')).toBe(true);
});

test('OTEL_SDK_DISABLED=true starts nothing, whatever the code says, and jobs still run', async () => {
  const { queue, result } = await runSetup('setup-off', { OTEL_SDK_DISABLED: 'true', CODE_ENDPOINT: `http://127.0.0.1:${codeReceiver.port}` });
  expect(result).toEqual({ enabled: false, reason: 'sdk-disabled', warnings: [] });
  expect(spansOf(codeReceiver, queue)).toEqual([]);
});
