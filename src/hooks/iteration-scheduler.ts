import { tracedInstance } from './traced-instance';

/**
 * The JobSchedulers through which a Worker adds a job scheduler's next iteration.
 *
 * When a Worker takes an iteration of a job scheduler, BullMQ has it upsert the scheduler again to add the next
 * iteration (`upsertJobScheduler(..., { override: false, producerId })` on the Worker's own JobScheduler; a Queue's
 * `upsertJobScheduler` always passes `override: true`). That upsert traces an `add` span of its own, in whatever context
 * the worker's fetch runs in, whose context BullMQ does not write into the next job (it keeps the metadata of the
 * application's upsert). The tracer asks here so that this internal `add` records nothing (see bullmq-tracer.ts):
 * otherwise every iteration would leave a one-span trace next to its own.
 *
 * Kept per instance, not per call: `upsertJobScheduler` awaits before it traces (a cron pattern's next time), so no
 * synchronous slot lasts until the span starts, and a Worker's JobScheduler is only ever used for next iterations.
 */
const schedulers = new WeakSet<object>();
/** Whether any instance was marked: until then, asking costs one read of this flag. */
let anyMarked = false;

/**
 * Notes the arguments of `JobScheduler.upsertJobScheduler(id, repeat, name, data, opts, options)`: `options.override`
 * false marks `scheduler` as one a Worker adds next iterations with. Never throws (`options` is read as untrusted).
 */
export function noteSchedulerUpsert(scheduler: object, options: unknown): void {
  try {
    if (typeof options === 'object' && options !== null && (options as { override?: unknown }).override === false) {
      schedulers.add(scheduler);
      anyMarked = true;
    }
  } catch {
    // a getter that throws: the upsert is traced as any other
  }
}

/**
 * Whether the span BullMQ is creating right now is the `add` of a JobScheduler a Worker adds next iterations with (its
 * instance parked by the `trace` wrapper, see traced-instance.ts). Until a Worker has scheduled an iteration, one flag.
 */
export function tracingNextIteration(): boolean {
  if (!anyMarked) return false;
  const instance = tracedInstance();
  return instance !== undefined && schedulers.has(instance);
}
