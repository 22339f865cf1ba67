/**
 * Child process of the benchmark that measures the QueueEvents observer's throughput and marker cost
 * (benchmarks/observer.ts) and prints its figures as one `RESULT {json}` line.
 * `BENCH_OBSERVER_JOBS` sets the jobs (default 20,000).
 */
import { reportResult } from './child-result';
import { runObserverBench } from './observer';

reportResult(runObserverBench({ redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' }));
