import type { BulkRewrite, HookErrorReporter } from '../hooks';
import type { DeferredSpan } from './deferred-span';

/** Property under which a QueueOtel exposes what its BullMQ listener needs (see worker-listener.ts). */
export const HOOK_STATE = Symbol.for('queue-otel.hook-state');

/** What a QueueOtel instance shares with the BullMQ listener, which hears every worker of the process. */
export interface HookState {
  owns(span: DeferredSpan): boolean;
  tenantPath: readonly string[] | undefined;
  metadataOf(): string;
  /** Whether tracing is on (`enabled`); off, the listener leaves jobs alone. */
  tracing(): boolean;
  /** Whether the tracer needs the job while it creates the process span (`lean` workers only). */
  needsStartingJob: boolean;
  /** Whether its workers write the attempt number into the job hash (`markProcessedJobs`). */
  markProcessedJobs: boolean;
  /** Whether process spans record `messaging.message.body.size` (the `messageBodySize` option). */
  messageBodySize: boolean;
  /** Gives the jobs of an `addBulk` create spans of their own (the `createSpans` option); undefined when off. */
  createSpans: ((queue: object, jobs: unknown) => BulkRewrite | undefined) | undefined;
  /** Counts a job whose trace metadata is not a string and that BullMQ does not hand to the context manager. */
  badMetadata(): void;
  /** Told when the listener's own work fails (rate-limited). */
  hookFailed: HookErrorReporter;
}

/** The hook state of a Worker's or FlowProducer's telemetry, when it is a QueueOtel; never throws for plain data. */
export function hookStateOf(telemetry: unknown): HookState | undefined {
  if (telemetry === null || typeof telemetry !== 'object') return undefined;
  const state: unknown = (telemetry as { [HOOK_STATE]?: unknown })[HOOK_STATE];
  return state === undefined ? undefined : (state as HookState);
}
