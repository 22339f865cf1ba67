/**
 * `queue-otel demo --prefix p --key-prefix k`: the demo's producer and workers write under the prefixes its UI reads
 * (they wrote under BullMQ's and the span store's defaults while the UI looked under the given ones, and showed
 * nothing), and the command it prints to open the UI names them.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { redisUrl } from '../../../__tests__/support/redis';
import { waitFor, waitForAsync } from '../../../__tests__/support/tracing';
import { BIN, runCli, stopCli } from './run-cli';

let demo: ChildProcess | undefined;

afterEach(async () => {
  const child = demo;
  demo = undefined;
  await stopCli(child);
});

it('the demo\'s queues, workers, traces and UI hint all use the given prefixes', async () => {
  const id = randomUUID().slice(0, 8);
  const bullPrefix = `demo${id}`;
  const keyPrefix = `qodemo${id}`;
  demo = spawn(process.execPath, [BIN, 'demo', '--headless', '--redis', redisUrl(), '--prefix', bullPrefix, '--key-prefix', keyPrefix], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  demo.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const hint = await waitFor('the hint', () => /open the UI from a terminal with: (.*)\n/.exec(out)?.[1], 45_000);
  expect(hint).toContain(`--redis ${redisUrl()} --prefix ${bullPrefix} --key-prefix ${keyPrefix}`);

  // Jobs the demo's workers finished, under its prefix, with a trace in its span store.
  let traceId: string | undefined;
  await waitForAsync('a completed demo job under the prefix', async () => {
    const jobs = await runCli(['jobs', 'emails', '--state', 'completed', '--json', '--redis', redisUrl(), '--prefix', bullPrefix]);
    if (jobs.code !== 0) return false;
    traceId = (JSON.parse(jobs.stdout) as { traceId?: string }[]).find((row) => row.traceId)?.traceId;
    return traceId !== undefined;
  }, 30_000);
  await waitForAsync('its trace in the span store under the key prefix', async () => {
    const trace = await runCli(['trace', traceId ?? '', '--json', '--redis', redisUrl(), '--key-prefix', keyPrefix]);
    return trace.code === 0;
  }, 15_000);
}, 120_000);
