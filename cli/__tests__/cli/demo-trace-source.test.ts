/**
 * The demo's processes export to its Redis span store only, so it takes no --trace-source (docs/tui.md), and a
 * QUEUE_OTEL_TRACE_SOURCE set for other commands does not apply to it: it used to refuse to start
 * (`--trace-source jaeger needs --trace-url`), or with a URL, to draw its waterfalls from a backend without its spans.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { waitFor } from '../../../__tests__/support/tracing';
import { BIN, stopCli } from './run-cli';

let demo: ChildProcess | undefined;

afterEach(async () => {
  const child = demo;
  demo = undefined;
  await stopCli(child);
});

it('demo --headless starts with QUEUE_OTEL_TRACE_SOURCE=jaeger and no QUEUE_OTEL_TRACE_URL in the environment', async () => {
  const env = { ...process.env, NODE_OPTIONS: '', QUEUE_OTEL_TRACE_SOURCE: 'jaeger', QUEUE_OTEL_TRACE_URL: '' };
  demo = spawn(process.execPath, [BIN, 'demo', '--headless'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  demo.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  demo.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => demo?.once('exit', resolve));
  const started = waitFor('the demo to start', () => (/open the UI from a terminal with: /.test(out) ? true : undefined), 60_000);
  const first = await Promise.race([started.then(() => 'started' as const), exited.then((code) => ({ code }))]);
  expect({ first, stderr: err }).toEqual({ first: 'started', stderr: '' });
}, 120_000);
