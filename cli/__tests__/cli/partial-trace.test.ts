import { fixture, TRACE_ID } from '../../../__tests__/traces/fixture-support';
import { startFixtureServer } from '../../../__tests__/traces/fixture-server';
import type { FixtureServer } from '../../../__tests__/traces/fixture-server';
import { redisUrl } from '../../../__tests__/support/redis';
import { runCli } from './run-cli';

// `queue-otel trace` against a real HTTP server answering as Tempo does for a trace past its size limit.

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
