/**
 * `queue-otel trace` with a backend (`--trace-source jaeger|tempo|zipkin`): a wrong --trace-url is a usage error
 * (exit 2) before anything connects, and a backend that cannot be read is one line saying so (exit 1), as the
 * errors table of docs/tui.md promises, never an Error printed with its stack.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redisUrl } from '../../../__tests__/support/redis';
import { runCli } from './run-cli';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
let http: Server;
let httpPort: number;

beforeAll(async () => {
  // A backend that is up but failing: every query answers 503.
  http = createServer((_request, response) => {
    response.statusCode = 503;
    response.end('storage unavailable');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpPort = (http.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
});

const noStack = (stderr: string): void => {
  expect(stderr).not.toMatch(/TypeError|^\s+at /m);
};

it.each([
  [['--trace-source', 'jaeger', '--trace-url', 'jaeger:16686'], '--trace-url (or QUEUE_OTEL_TRACE_URL) must be an http:// or https:// URL, got "jaeger:16686"'],
  [['--trace-source', 'tempo', '--trace-url', 'not a url'], '--trace-url (or QUEUE_OTEL_TRACE_URL) is not a URL: "not a url"'],
])('trace %j: a usage error, before connecting (the Redis URL is never tried)', async (flags, message) => {
  const result = await runCli(['trace', TRACE, ...flags, '--redis', 'redis://127.0.0.1:1']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(message);
  noStack(result.stderr);
});

it('tui checks --trace-url before it needs a terminal', async () => {
  const result = await runCli(['tui', '--trace-source', 'zipkin', '--trace-url', 'zipkin'], { QUEUE_OTEL_TRACE_URL: '' });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--trace-url (or QUEUE_OTEL_TRACE_URL)');
  noStack(result.stderr);
});

it('a backend that answers 503: one line naming it and what to check, exit 1', async () => {
  const result = await runCli(['trace', TRACE, '--redis', redisUrl(), '--trace-source', 'tempo', '--trace-url', `http://127.0.0.1:${httpPort}`]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`queue-otel: cannot read trace ${TRACE} from Tempo: `);
  expect(result.stderr).toContain('503');
  expect(result.stderr).toContain('Check that Tempo answers at --trace-url (or QUEUE_OTEL_TRACE_URL).');
  noStack(result.stderr);
});

it('a backend nothing listens for: the same, and credentials in the URL are not printed', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const result = await runCli(['trace', TRACE, '--redis', redisUrl(), '--trace-source', 'jaeger', '--trace-url', `http://user:s3cret@127.0.0.1:${port}`]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`queue-otel: cannot read trace ${TRACE} from Jaeger: `);
  expect(result.stderr).not.toContain('s3cret');
  noStack(result.stderr);
});
