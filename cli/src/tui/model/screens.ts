/** The screens of the UI and their per-screen state, kept on a stack: `Esc` pops, drilling in pushes. */
import type { JobStateName } from '../../cli/services-types.js';

/** Queue overview. */
export interface QueuesScreen {
  kind: 'queues';
  selected: number;
}

/** Jobs of one queue in one state. */
export interface JobsScreen {
  kind: 'jobs';
  queue: string;
  state: JobStateName;
  selected: number;
  top: number;
  /** Text from `/`: a job id to jump to, or a name filter on the loaded rows. */
  search?: string;
}

/** Peek/info of one job. */
export interface JobScreen {
  kind: 'job';
  queue: string;
  jobId: string;
}

/** Jobs that share a trace (`r`). */
export interface RelatedScreen {
  kind: 'related';
  traceId: string;
  selected: number;
}

/** Trace mode: trace list, waterfall and span details. */
export interface TracesScreen {
  kind: 'traces';
  focus: 'list' | 'waterfall';
  listSelected: number;
  /** The trace shown in the waterfall (the selected list entry unless opened by id). */
  traceId?: string;
  spanSelected: number;
  folded: string[];
  details: boolean;
  /** `/` search over root name and id, or a `Ctrl+T` trace id prefix. */
  filter?: string;
  /** True when the waterfall was entered from the list: `Esc` returns to the list rather than the previous screen. */
  fromList?: boolean;
}

/** Any screen. */
export type Screen = QueuesScreen | JobsScreen | JobScreen | RelatedScreen | TracesScreen;

/** A fresh trace-mode screen, optionally opened on one trace's waterfall. */
export function tracesScreen(traceId?: string): TracesScreen {
  const screen: TracesScreen = { kind: 'traces', focus: traceId ? 'waterfall' : 'list', listSelected: 0, spanSelected: 0, folded: [], details: false };
  if (traceId) screen.traceId = traceId;
  return screen;
}

/** A short breadcrumb of a screen for the header. */
export function screenTitle(screen: Screen): string {
  switch (screen.kind) {
    case 'queues': return 'queues';
    case 'jobs': return `${screen.queue} › ${screen.state}`;
    case 'job': return `${screen.queue} › job ${screen.jobId}`;
    case 'related': return `jobs of trace ${screen.traceId}`;
    case 'traces': return screen.focus === 'waterfall' && screen.traceId ? `trace ${screen.traceId}` : 'traces';
  }
}
