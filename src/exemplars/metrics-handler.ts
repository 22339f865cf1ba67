import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './registry';

/** A `node:http` request handler; Express accepts it as a route handler as it is. */
export type MetricsRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A request handler that serves `registry` with the registry's content type (OpenMetrics when set, which is
 * what carries exemplars). Answers GET and HEAD; other methods get 405. A failing collect gives 500 with the
 * error's message, never an unhandled rejection or an exception in the server.
 * @throws TypeError when `registry` is not a registry (a QueueMetrics passed instead of `metrics.registry`, say).
 * @example
 * // node:http
 * http.createServer(metricsHandler(metrics.registry)).listen(9464);
 * // Express
 * app.get('/metrics', metricsHandler(metrics.registry));
 * // Fastify: hand the raw objects over
 * fastify.get('/metrics', (request, reply) => { reply.hijack(); metricsHandler(registry)(request.raw, reply.raw); });
 */
export function metricsHandler(registry: MetricsRegistry): MetricsRequestHandler {
  checkRegistry(registry);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // Through a promise, so that a collect throwing synchronously also becomes a 500, not an exception in the server.
    Promise.resolve().then(() => registry.metrics()).then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}

/** Options of {@link startMetricsServer}. */
export interface MetricsServerOptions {
  /** Registry to serve. */
  registry: MetricsRegistry;
  /**
   * Port to listen on; 0 picks a free one (read it back from `url`).
   * @default 9464 (the OpenTelemetry Prometheus exporter's port)
   */
  port?: number;
  /**
   * Interface to bind. Loopback by default, since metrics can reveal queue and job names.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Path serving the metrics; every other path answers 404.
   * @default '/metrics'
   */
  path?: string;
}

/**
 * A registry is what `metrics.registry` is (prom-client's `Registry`); passing the QueueMetrics itself is the usual
 * slip, and would otherwise surface only at the first scrape.
 */
function checkRegistry(registry: MetricsRegistry): void {
  const candidate = registry as Partial<MetricsRegistry> | null | undefined;
  if (typeof candidate?.metrics === 'function' && typeof candidate.contentType === 'string') return;
  const hint = candidate !== null && typeof candidate === 'object' && 'registry' in candidate ? ' (pass metrics.registry, not the QueueMetrics)' : '';
  throw new TypeError(`metrics registry must be a prom-client Registry with metrics() and contentType${hint}`);
}

/** A running metrics server. */
export interface MetricsServer {
  /** Full URL of the metrics path, e.g. `http://127.0.0.1:9464/metrics`. */
  url: string;
  /** The port actually bound. */
  port: number;
  /** Stops accepting connections and closes idle ones. */
  close(): Promise<void>;
}

/**
 * Starts a small `node:http` server exposing `registry` at `path`.
 * @example
 * const server = await startMetricsServer({ registry: metrics.registry, port: 9464 });
 * // prometheus.yml: targets: ['127.0.0.1:9464']
 * await server.close();
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const path = options.path ?? '/metrics';
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`startMetricsServer: path must start with "/", got ${JSON.stringify(path)}`);
  const port = options.port ?? 9464;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`startMetricsServer: port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  const handle = metricsHandler(options.registry);
  const server = createServer((req, res) => {
    const requestPath = (req.url ?? '/').split('?')[0];
    if (requestPath === path) handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${path}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
