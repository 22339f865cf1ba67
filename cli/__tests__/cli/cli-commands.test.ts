import { seedTracedJobs } from '../tui/seed-traced-jobs';
import type { SeededTrace } from '../tui/seed-traced-jobs';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { QueueOtel, QueueSampler } from 'queue-otel';
import { redisConnection } from '../../../__tests__/support/redis';
import { CLI_RUN_TIMEOUT_MS, runCli } from './run-cli';

let seeded: SeededTrace;
let common: string[];
/** `trace` reads the span store alone: it takes no BullMQ --prefix. */
let traceCommon: string[];

beforeAll(async () => {
  seeded = await seedTracedJobs();
  common = ['--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--key-prefix', seeded.keyPrefix];
  traceCommon = ['--redis', seeded.redisUrl, '--key-prefix', seeded.keyPrefix];
});

describe('queue-otel jobs', () => {
  it('--json lists the failed job with its trace id, wait and processing time', async () => {
    const result = await runCli(['jobs', seeded.queue, '--state', 'failed', '--json', ...common]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { id: string; state: string; traceId: string; failedReason: string; processMs: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: seeded.failedJobId, state: 'failed', traceId: seeded.traceId, failedReason: 'card declined by issuer' });
    expect(typeof rows[0]?.processMs).toBe('number');
  });

  it('--trace-id keeps the jobs of that trace; the table shows every state', async () => {
    const byTrace = await runCli(['jobs', seeded.queue, '--trace-id', seeded.traceId, '--json', ...common]);
    const byTraceRows = JSON.parse(byTrace.stdout) as Record<string, unknown>[];
    expect(byTraceRows.map((row) => row.id).sort()).toEqual([seeded.failedJobId, seeded.completedJobId].sort());
    // Rows, the same fields as without --trace-id: not the details the UI uses.
    for (const row of byTraceRows) expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['timing']));
    const table = await runCli(['jobs', seeded.queue, ...common]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATE/);
    expect(table.stdout).toMatch(new RegExp(`charge-card\\s+failed.*${seeded.traceId}.*card declined`));
    expect(table.stdout).toMatch(/send-receipt\s+completed/);
  });

  it.each(['lean', 'propagate'] as const)("says 'not sampled' for a job its producer did not sample (unsampledJobs: '%s')", async (unsampledJobs) => {
    const provider = new BasicTracerProvider({ sampler: new QueueSampler({ default: 0 }) });
    const name = `digests-${unsampledJobs}`;
    const queue = new Queue(name, { connection: redisConnection(), prefix: seeded.bullPrefix, telemetry: new QueueOtel({ tracerProvider: provider, unsampledJobs }) });
    try {
      const job = await queue.add('weekly', { n: 1 });
      const json = await runCli(['jobs', name, '--state', 'waiting', '--json', ...common]);
      const rows = JSON.parse(json.stdout) as { id: string; sampled?: boolean; traceId?: string }[];
      expect(rows).toEqual([expect.objectContaining({ id: job.id, sampled: false })]);
      // A full traceparent still names its (unrecorded) trace; `0` names none.
      if (unsampledJobs === 'propagate') expect(rows[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
      else expect(rows[0]?.traceId).toBeUndefined();
      const table = await runCli(['jobs', name, '--state', 'waiting', ...common]);
      expect(table.stdout).toMatch(/weekly\s+waiting.*not sampled/);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it("a job completed after a retry shows its earlier attempt's error as such; --json keeps BullMQ's failedReason", async () => {
    const name = 'crm-retried';
    const connection = redisConnection();
    const queue = new Queue(name, { connection, prefix: seeded.bullPrefix });
    const events = new QueueEvents(name, { connection, prefix: seeded.bullPrefix });
    const worker = new Worker(name, async (job) => {
      if (job.attemptsMade === 0) throw new Error('CRM did not answer within 100ms');
      return 'ok';
    }, { connection, prefix: seeded.bullPrefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add('sync-crm', {}, { attempts: 3 });
      await job.waitUntilFinished(events, 20_000);
      const table = await runCli(['jobs', name, '--state', 'completed', ...common]);
      const line = table.stdout.split('\n').find((row) => row.includes('sync-crm')) ?? '';
      expect(line).toMatch(/completed\s+2\/3/);
      expect(line).toMatch(/earlier attempt: CRM did not answer within 100ms$/);
      const json = JSON.parse((await runCli(['jobs', name, '--state', 'completed', '--json', ...common])).stdout) as Record<string, unknown>[];
      expect(json[0]).toMatchObject({ state: 'completed', attemptsMade: 2, failedReason: 'CRM did not answer within 100ms' });
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('rejects a bad URL, an unreachable Redis and a missing queue with clear messages', async () => {
    const bad = await runCli(['jobs', 'q', '--redis', 'http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a Redis URL');
    const down = await runCli(['jobs', 'q', '--redis', 'redis://127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    const missing = await runCli(['jobs', ...common]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('jobs needs a queue name');
  });
});

describe('queue-otel trace', () => {
  it('prints the waterfall with the error marker and the queue wait', async () => {
    const result = await runCli(['trace', seeded.traceId, '--width', '120', ...traceCommon]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`trace ${seeded.traceId} (Redis span store)`);
    expect(result.stdout).toMatch(/▼ POST \/checkout/);
    expect(result.stdout).toContain('[!] process orders');
    expect(result.stdout).toContain('wait orders');
    // The ruler is laid out for the requested width.
    const ruler = result.stdout.split('\n').find((line) => line.includes('┬'));
    expect(ruler?.trimEnd().length).toBeGreaterThan(90);
  });

  it('--json returns the normalised spans; an unknown trace exits 1', async () => {
    const result = await runCli(['trace', seeded.traceId, '--json', ...traceCommon]);
    const parsed = JSON.parse(result.stdout) as { traceId: string; spans: { name: string; status: string; attributes: Record<string, unknown> }[] };
    expect(parsed.traceId).toBe(seeded.traceId);
    const failed = parsed.spans.find((span) => span.name === 'process orders' && span.status === 'error');
    expect(failed?.attributes['error.type']).toBe('PaymentDeclinedError');
    const unknown = await runCli(['trace', 'f'.repeat(32), ...traceCommon]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('not found in Redis span store');
  });

  it('--help describes each command', async () => {
    for (const command of ['jobs', 'trace', 'tui', 'demo']) {
      const result = await runCli([command, '--help']);
      expect(result.stdout).toContain(`Usage: queue-otel ${command}`);
    }
    // Four CLI runs in a row, each bounded by runCli.
  }, 4 * CLI_RUN_TIMEOUT_MS);
});
