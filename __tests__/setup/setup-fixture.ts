import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';
import type { OtlpProtocol, TracingOffReason } from '../../src/setup';

/** What the setup-tracing fixture reports about its handle. */
export interface SetupResult {
  enabled: boolean;
  reason?: TracingOffReason;
  protocol?: OtlpProtocol;
  endpoint?: string;
  warnings: string[];
  /** With REPORT_EXPORTS set: the handle's export counters after shutdown, each failed export's type and message. */
  exported?: { exported?: number; failures?: number; errors: Array<{ type: string; message: string }> };
}

/**
 * Runs one real job through BullMQ in a child process traced by setupTracing(): code options as CODE_* variables
 * (see fixtures/processes/setup-tracing.ts), the environment as OTEL_* variables.
 */
export async function runSetup(prefix: string, env: Record<string, string>): Promise<{ queue: string; result: SetupResult; stdout: string }> {
  const queue = uniqueQueueName(prefix);
  const stdout = await runFixture('setup-tracing.ts', { REDIS_URL: redisUrl(), QUEUE: queue, ...env });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the fixture printed no result:\n${stdout}`);
  return { queue, result: JSON.parse(line.slice('RESULT '.length)) as SetupResult, stdout };
}
