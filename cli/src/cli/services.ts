/** The real {@link TuiServices}: BullMQ and the span store over one Redis client, plus open and copy. */
import type { Redis } from 'ioredis';
import { TraceJobIndex } from 'queue-otel/store';
import { osc8Link, terminalSafe } from 'queue-otel/traces';
import type { TraceSpan } from 'queue-otel/traces';
import { copyToClipboard } from './actions/clipboard';
import { openUrl } from './actions/open-url';
import { ClassReader } from './class-reader';
import { QueueReader } from './queue-reader';
import type { FollowJob, JobStateName, TuiServices } from './services-types';
import type { ClassWindow } from '../timing/class-window';
import { redactRedisUrl } from './settings';
import type { CliSettings } from './settings';
import { createTraceSources } from './trace-source-factory';

/** Builds an APM deep link for a trace, or undefined when none is configured. */
export type TraceLinkBuilder = (traceId: string, spans?: readonly TraceSpan[]) => string | undefined;

/** Services plus the way to release what they opened. */
export interface ServicesHandle {
  services: TuiServices;
  queues: QueueReader;
  index: TraceJobIndex;
  close(): Promise<void>;
}

/** True when the terminal is known to render OSC 8 hyperlinks (others would print them as text or ignore them). */
export function supportsHyperlinks(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.QUEUE_OTEL_HYPERLINKS === '0') return false;
  if (env.QUEUE_OTEL_HYPERLINKS === '1') return true;
  const program = env.TERM_PROGRAM ?? '';
  return ['iTerm.app', 'WezTerm', 'vscode', 'ghostty'].includes(program)
    || env.WT_SESSION !== undefined || env.KITTY_WINDOW_ID !== undefined
    || Number(env.VTE_VERSION ?? 0) >= 5000;
}

/** Creates the services over a connected client (the client stays the caller's). */
export function createServices(client: Redis, settings: CliSettings, link: TraceLinkBuilder, write: (data: string) => void, apmConfigured = false): ServicesHandle {
  const index = new TraceJobIndex({ connection: client, keyPrefix: settings.keyPrefix, bullPrefix: settings.bullPrefix });
  const { store, source } = createTraceSources(client, settings);
  // Timing a retried job needs its spans; the span store has them at the cost of one read per trace.
  const storedSpans = (traceId: string): Promise<TraceSpan[]> => store.getTrace(traceId);
  const queues = new QueueReader(client, index, settings.bullPrefix, storedSpans);
  const classes = new ClassReader(client, settings.bullPrefix, storedSpans);
  const hyperlinks = supportsHyperlinks();
  const services: TuiServices = {
    traceSourceName: source.name,
    redisLabel: redactRedisUrl(settings.redisUrl),
    // Both ways the text is made terminal-safe: the UI draws what this returns as it is.
    hyperlink: (url: string, text: string) => (hyperlinks ? osc8Link(url, text) : terminalSafe(text)),
    listQueues: () => queues.listQueues(),
    listJobs: (queue: string, state: JobStateName, start: number, count: number, follow?: FollowJob) => queues.listJobs(queue, state, start, count, follow),
    getJob: (queue: string, jobId: string) => queues.getJob(queue, jobId),
    listTraces: (limit: number) => store.listTraces({ limit }),
    readTrace: (traceId: string) => source.readTrace(traceId),
    relatedJobs: (traceId: string) => index.jobsOfTrace(traceId, { withState: true }),
    readClasses: (queue: string, window: ClassWindow) => classes.read(queue, window),
    traceUrl: link,
    apmConfigured,
    openUrl: (url: string) => openUrl(url, settings.opener),
    copy: (text: string) => copyToClipboard(text, write),
  };
  return {
    services,
    queues,
    index,
    close: async () => {
      await queues.close();
      await index.close();
      await store.close();
    },
  };
}
