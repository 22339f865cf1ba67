import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { metricsHandler, QueueMetrics, startMetricsServer } from '../../src/exemplars';

describe('metrics HTTP serving', () => {
  test('startMetricsServer serves OpenMetrics with exemplars on /metrics and 404 elsewhere', async () => {
    const metrics = new QueueMetrics();
    metrics.recordAttempt({
      queue: 'q', jobName: 'j', outcome: 'completed', processSeconds: 0.2,
      traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', spanId: 'bbbbbbbbbbbbbbbb',
    });
    const server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
      const body = await response.text();
      expect(body).toContain('# {trace_id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",span_id="bbbbbbbbbbbbbbbb"} 0.2');
      expect(body.trimEnd().endsWith('# EOF')).toBe(true);
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  test('metricsHandler uses the registry content type and answers 500 when collection fails', async () => {
    const registry = new Registry();
    const server = createServer(metricsHandler(registry));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect((await fetch(url)).headers.get('content-type')).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
      jest.spyOn(registry, 'metrics').mockRejectedValueOnce(new Error('collector broke'));
      const failed = await fetch(url);
      expect(failed.status).toBe(500);
      expect(await failed.text()).toContain('collector broke');
      // A collect that throws instead of rejecting is a 500 too, and the server keeps serving.
      jest.spyOn(registry, 'metrics').mockImplementationOnce(() => {
        throw new Error('thrown at once');
      });
      const thrown = await fetch(url);
      expect(thrown.status).toBe(500);
      expect(await thrown.text()).toContain('thrown at once');
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a QueueMetrics given where its registry belongs, a path without "/" or a bad port is an error at once, naming it', async () => {
    const metrics = new QueueMetrics();
    const wrong = metrics as unknown as Parameters<typeof metricsHandler>[0];
    expect(() => metricsHandler(wrong)).toThrow('metrics registry must be a prom-client Registry with metrics() and contentType (pass metrics.registry, not the QueueMetrics)');
    await expect(startMetricsServer({ registry: wrong, port: 0 })).rejects.toThrow(/pass metrics\.registry/);
    await expect(startMetricsServer({ registry: metrics.registry, port: 0, path: 'metrics' })).rejects.toThrow('path must start with "/", got "metrics"');
    await expect(startMetricsServer({ registry: metrics.registry, port: '9464x' as unknown as number })).rejects.toThrow('port must be an integer from 0 to 65535, got "9464x"');
    await metrics.close();
  });
});
