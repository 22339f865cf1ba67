/**
 * Hook for the QueueEvents observer's throughput (issue 9), measured by benchmarks/observer.ts, which
 * another module owns. When that file exists and exports
 * `runObserverBench({ redisUrl }): Promise<{ eventsPerSecond: number } & Record<string, number>>`,
 * this child runs it and prints its figures; otherwise it prints `RESULT null`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { reportResult } from './child-result';

type ObserverBench = (options: { redisUrl: string }) => Promise<Record<string, number>>;

async function main(): Promise<Record<string, number> | null> {
  const file = join(__dirname, 'observer.ts');
  if (!existsSync(file)) return null;
  const mod = (await import(file)) as { runObserverBench?: ObserverBench };
  if (typeof mod.runObserverBench !== 'function') return null;
  return mod.runObserverBench({ redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' });
}

reportResult(main());
