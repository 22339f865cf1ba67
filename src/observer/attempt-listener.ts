import { addBullmqHookListener, installBullmqHooks } from '../hooks';
import type { BullmqHookListener } from '../hooks';
import { observationHostOf, startedAttempt } from '../telemetry';
import { instrumentedAttempts } from './instrumented-attempts';

/**
 * How an observer tells attempts traced by a QueueOtel worker in the same process from those of uninstrumented
 * workers: while an observer is attached, a listener on `Worker.callProcessJob` (src/hooks) notes each attempt a
 * worker with an enabled QueueOtel starts, in memory, without any Redis traffic. Observers in other processes rely
 * on the processed marker the worker writes with `markProcessedJobs` (PROCESSED_MARKER_FIELD).
 */
const listener: BullmqHookListener = {
  callProcessJob(worker, job) {
    if (!instrumentedAttempts.wanted) return undefined;
    const host = observationHostOf((worker as { opts?: { telemetry?: unknown } }).opts?.telemetry);
    if (!host?.enabled()) return undefined;
    const started = startedAttempt(job);
    if (started) instrumentedAttempts.add(started.queue, started.id, started.attempt);
    return undefined;
  },
};

/** Wraps BullMQ's methods (once per process) and registers the observers' listener (once); `log` gets the hooks' warnings. */
export function listenForInstrumentedAttempts(log: (message: string) => void): void {
  installBullmqHooks(log);
  addBullmqHookListener(listener);
}
