/**
 * One installer of the wrappers queue-otel puts on BullMQ's prototypes, and the listeners that hear them
 * (QueueOtel's, the QueueEvents observer's). Part of the core: it imports no add-on.
 */
export { installBullmqHooks, installHooks, isHooked, uninstallBullmqHooks } from './install';
export { addBullmqHookListener } from './listeners';
export type { BulkRewrite, BullmqHookListener, HookedInstance, HookPoint } from './listeners';
export { bullmqVersionWarning, isSupportedBullmqVersion, SUPPORTED_BULLMQ_RANGE } from './bullmq-version';
export { hookErrorReporter, IGNORE_HOOK_ERRORS } from './hook-errors';
export type { HookErrorReporter } from './hook-errors';
export { RateLimitedLog } from './rate-limited-log';
export { callThen } from './call-then';
export { startingJob } from './starting-job';
export { takeOwnAddMetadata } from './own-metadata';
export { tracingNextIteration } from './iteration-scheduler';
export { bulkNote, tracedInstance } from './traced-instance';
export { takeTracedSpanName } from './traced-span-name';
export { syncSlot } from './sync-slot';
export type { SyncSlot } from './sync-slot';
