import { ExportResultCode } from '@opentelemetry/core';
import { Redis } from 'ioredis';
import { RedisSpanExporter } from 'queue-otel/store';
import { jobSpans, uniquePrefix } from '../../../__tests__/store/store-fixtures';
import { fixture, TRACE_ID } from '../../../__tests__/traces/fixture-support';
import { startFixtureServer } from '../../../__tests__/traces/fixture-server';
import type { FixtureServer } from '../../../__tests__/traces/fixture-server';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { runCli } from './run-cli';

// `queue-otel trace` against a real HTTP server answering as Tempo does for a trace past its size limit, and against
// the span store (real Redis) holding a trace its exporter dropped spans of.

let server: FixtureServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function tempoAnswering(extra: Record<string, unknown>): Promise<string[]> {
  const body = JSON.stringify({ ...(fixture('tempo-v2.json') as Record<string, unknown>), ...extra });
  server = await startFixtureServer({ [`/api/v2/traces/${TRACE_ID}`]: { status: 200, body } });
  return ['--redis', redisUrl(), '--trace-source', 'tempo', '--trace-url', server.baseUrl];
}

it('a PARTIAL trace from Tempo is drawn under a line saying it is incomplete and why; --json carries partial and warnings', async () => {
  const flags = await tempoAnswering({ status: 'PARTIAL', message: 'trace exceeds max size\u001b[31m (max bytes: 5000000)' });

  const text = await runCli(['trace', TRACE_ID, '--width', '100', ...flags]);
  const json = await runCli(['trace', TRACE_ID, '--json', ...flags]);

  expect(text.code).toBe(0);
  const lines = text.stdout.split('\n');
  expect(lines[0]).toBe(`trace ${TRACE_ID} (Tempo)`);
  expect(lines[1]).toBe('incomplete trace: Tempo returned only part of it (trace exceeds max size\\x1b[31m (max bytes: 5000000))');
  expect(text.stdout).toContain('3 spans');
  const parsed = JSON.parse(json.stdout) as { partial: boolean; warnings: string[]; spans: unknown[] };
  expect(parsed).toMatchObject({ partial: true, warnings: ['trace exceeds max size\\x1b[31m (max bytes: 5000000)'] });
  expect(parsed.spans).toHaveLength(3);
});

it('a complete trace has no such line', async () => {
  const flags = await tempoAnswering({});

  const text = await runCli(['trace', TRACE_ID, ...flags]);

  expect(text.code).toBe(0);
  expect(text.stdout).not.toContain('incomplete');
  expect(JSON.parse((await runCli(['trace', TRACE_ID, '--json', ...flags])).stdout)).toMatchObject({ partial: false, warnings: [] });
});

it('a trace the span store dropped spans of gets the line too, with the store\'s reasons; malformed spans are one of them', async () => {
  const keyPrefix = uniquePrefix();
  const redis = new Redis(redisConnection());
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxSpansPerTrace: 3 });
  try {
    const spans = await jobSpans(5, { perTrace: 5 });
    await new Promise<void>((resolve, reject) => exporter.export(spans, (result) => (result.code === ExportResultCode.SUCCESS ? resolve() : reject(result.error))));
    const traceId = spans[0]!.spanContext().traceId;
    // The key layout (docs/span-store.md); a record some other writer pushed.
    await redis.rpush(`${keyPrefix}:t:{${traceId}}:s`, 'not a span');
    const flags = ['--redis', redisUrl(), '--key-prefix', keyPrefix];

    const text = await runCli(['trace', traceId, '--width', '100', ...flags]);
    const json = await runCli(['trace', traceId, '--json', ...flags]);

    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`trace ${traceId} (Redis span store)`);
    expect(lines[1]).toBe('incomplete trace: Redis span store returned only part of it (the exporter dropped 2 spans of this trace: '
      + 'past its maxSpansPerTrace or longer than 1 MiB; 1 stored span left out: malformed or longer than 1 MiB)');
    // Said once, in that line: not again on stderr.
    expect(text.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ partial: true, warnings: [expect.stringContaining('dropped 2 spans'), expect.stringContaining('1 stored span')] });
  } finally {
    await exporter.shutdown();
    redis.disconnect();
  }
});
