import type { WarningLogger } from '../propagation';
import { bullmqVersionWarning, installedBullmqVersion } from './bullmq-version';
import { hookErrorReporter } from './hook-errors';
import { setFallbackReporter, wrapAdd, wrapAddBulk, wrapAddNode, wrapCallProcessJob, wrapCreateJob, wrapHandleFailed, wrapProcessJob, wrapTrace, wrapUpsertJobScheduler } from './wrappers';

/**
 * Puts the wrappers on BullMQ's prototypes, once per loaded copy of bullmq (its CommonJS and ESM builds are
 * separate copies of its classes):
 *
 * - `Worker.prototype.callProcessJob` runs the processor: QueueOtel gives the process span the job, hands a
 *   sandboxed child the span's context, and marks attempts for QueueEvents observers.
 * - `Worker.prototype.createJob` sees the data string BullMQ read from Redis (payload size without a second
 *   serialisation).
 * - `Worker.prototype.handleFailed` sees the error object the processor threw, which BullMQ reduces to a message
 *   before telemetry sees it.
 * - `Worker.prototype.processJob` can park the job while BullMQ creates its process span.
 * - `FlowProducer.prototype.addNode` can give flow nodes declared without `opts` an empty one, because BullMQ only
 *   writes trace metadata into nodes that have one; it parks the flow producer while BullMQ creates the node's span.
 * - `QueueBase.prototype.trace` (Queue, Worker, JobScheduler) can park the instance while BullMQ creates a span, so
 *   that the span gets the instance's Redis server.
 * - `Queue.prototype.add` parks a job's own `telemetry.metadata`, which BullMQ's `add` would replace with the add
 *   span's context when a telemetry is set (own-metadata.ts).
 * - `Queue.prototype.addBulk` can give each job of a batch a creation span of its own (the `createSpans` option).
 * - `JobScheduler.prototype.upsertJobScheduler` tells the JobSchedulers a Worker adds next iterations with, whose
 *   `add` spans record nothing (iteration-scheduler.ts).
 *
 * What happens in each is up to the listeners (listeners.ts). A method a future BullMQ renamed is skipped with one
 * warning saying what is lost; a bullmq outside {@link SUPPORTED_BULLMQ_RANGE} gets one warning.
 */

/** Marks a wrapper of this copy of queue-otel and keeps the method it wraps, for {@link uninstallBullmqHooks}. */
const ORIGINAL = Symbol('queue-otel.bullmq-hooks.original');

type Method = (this: object, ...args: unknown[]) => unknown;
type Wrapped = Method & { [ORIGINAL]?: Method };
type Prototype = Record<string | symbol, unknown>;

interface Patch {
  proto: Prototype;
  method: string;
  wrapped: Wrapped;
}

const patches: Patch[] = [];

type Owner = 'Worker' | 'FlowProducer' | 'QueueBase' | 'Queue' | 'JobScheduler';

const PATCHES: readonly [owner: Owner, method: string, wrap: (original: Method) => Method, consequence: string][] = [
  ['Worker', 'callProcessJob', wrapCallProcessJob, 'job details will be missing from spans'],
  ['Worker', 'createJob', wrapCreateJob, 'payload sizes will be measured by serialising the job data again'],
  ['Worker', 'handleFailed', wrapHandleFailed, 'error classes and failure categories will be missing from spans'],
  ['Worker', 'processJob', wrapProcessJob, "job-scheduler iterations in 'lean' workers follow the upsert's sampling decision"],
  ['FlowProducer', 'addNode', wrapAddNode, 'flow nodes declared without opts will start their own traces'],
  ['QueueBase', 'trace', wrapTrace, 'spans will lack server.address and server.port'],
  ['Queue', 'add', wrapAdd, "a job's own telemetry.metadata given to Queue.add will be replaced by the add span's context"],
  ['Queue', 'addBulk', wrapAddBulk, 'addBulk will record no per-message create spans'],
  ['JobScheduler', 'upsertJobScheduler', wrapUpsertJobScheduler, "a worker's add of each job-scheduler iteration will be a trace of its own"],
];

function patch(proto: Prototype | undefined, method: string, wrap: (original: Method) => Method, warn: WarningLogger, consequence: string): void {
  if (!proto) return;
  const original = proto[method];
  if (typeof original !== 'function') {
    warn(`queue-otel: bullmq has no ${method}(); ${consequence}`);
    return;
  }
  // Already wrapped by this copy of queue-otel (a wrapper of another copy is wrapped again: each copy hears its own).
  if (Object.hasOwn(original, ORIGINAL)) return;
  const wrapped: Wrapped = wrap(original as Method);
  Object.defineProperty(wrapped, ORIGINAL, { value: original });
  proto[method] = wrapped;
  patches.push({ proto, method, wrapped });
}

/** Wraps the methods of one loaded copy of bullmq (its module object). Idempotent; warns once per missing method. */
export function installHooks(bullmq: unknown, warn: WarningLogger): void {
  const mod = bullmq as Partial<Record<Owner, { prototype: Prototype }>> | null | undefined;
  for (const [owner, method, wrap, consequence] of PATCHES) patch(mod?.[owner]?.prototype, method, wrap, warn, consequence);
}

/** Whether `method` is a wrapper this copy of queue-otel installed. */
export function isHooked(method: unknown): boolean {
  return typeof method === 'function' && Object.hasOwn(method, ORIGINAL);
}

let installed = false;

/**
 * Wraps every copy of bullmq this process can load (CommonJS now, ESM once its import resolves), once; warns
 * once when bullmq is outside the supported range. `log` receives the warnings and, rate-limited, failures of
 * listeners that have no reporter of their own.
 */
export function installBullmqHooks(log: WarningLogger): void {
  if (installed) return;
  installed = true;
  setFallbackReporter(hookErrorReporter(log));
  const warning = bullmqVersionWarning(installedBullmqVersion());
  if (warning) log(warning);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS copy, whichever the application loads
    installHooks(require('bullmq'), log);
  } catch {
    log('queue-otel: could not load bullmq to install its hooks');
  }
  // An application that imports bullmq as ESM gets the ESM build, a different copy of its classes.
  import('bullmq').then((esm) => installHooks(esm, log), () => undefined);
}

/**
 * Puts BullMQ's own methods back where a wrapper of this copy is still in place, and lets the next
 * {@link installBullmqHooks} install again. For tests; listeners stay registered.
 */
export function uninstallBullmqHooks(): void {
  for (const { proto, method, wrapped } of patches.splice(0)) {
    if (proto[method] === wrapped) proto[method] = wrapped[ORIGINAL];
  }
  installed = false;
}
