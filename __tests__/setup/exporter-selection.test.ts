import { OtlpReceiver } from '../support/otlp-receiver';
import { runSetup } from './setup-fixture';

const receiver = new OtlpReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const endpointEnv = () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}` });
const received = (queue: string) => receiver.spans.filter((s) => (s.attributes['messaging.destination.name'] ?? s.attributes['bullmq.queue.name']) === queue);

test('OTEL_TRACES_EXPORTER=none starts nothing: no spans anywhere, and the job still runs', async () => {
  const { queue, result, stdout } = await runSetup('exp-none', { ...endpointEnv(), OTEL_TRACES_EXPORTER: 'none' });
  expect(result).toEqual({ enabled: false, reason: 'no-exporter', warnings: [] });
  expect(received(queue)).toEqual([]);
  expect(stdout).not.toContain(queue);
});

test('OTEL_TRACES_EXPORTER=console prints the spans, through the attribute policy, and sends nothing over OTLP', async () => {
  const { queue, result, stdout } = await runSetup('exp-console', { ...endpointEnv(), OTEL_TRACES_EXPORTER: 'console' });
  expect(result).toEqual({ enabled: true, warnings: [] });
  for (const name of [`add ${queue}`, `wait ${queue}`, `process ${queue}`]) expect(stdout).toContain(`name: '${name}'`);
  expect(stdout).not.toContain('ada@example.com');
  expect(received(queue)).toEqual([]);
});

test('OTEL_TRACES_EXPORTER=console,otlp uses both exporters', async () => {
  const { queue, result, stdout } = await runSetup('exp-both', { ...endpointEnv(), OTEL_TRACES_EXPORTER: 'console,otlp' });
  expect(result).toMatchObject({ enabled: true, protocol: 'http/protobuf', endpoint: receiver.url });
  expect(stdout).toContain(`name: 'process ${queue}'`);
  expect(received(queue).map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
});

test('the exporter option wins over OTEL_TRACES_EXPORTER', async () => {
  const { queue, result, stdout } = await runSetup('exp-code', { ...endpointEnv(), OTEL_TRACES_EXPORTER: 'none', CODE_EXPORTER: 'otlp' });
  expect(result).toMatchObject({ enabled: true, protocol: 'http/protobuf' });
  expect(received(queue)).toHaveLength(3);
  expect(stdout).not.toContain(`name: 'process ${queue}'`);
});
