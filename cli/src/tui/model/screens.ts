/**
 * The screens of the UI and their per-screen state, kept on a stack: `Esc` pops, drilling in pushes. Every
 * selection is stored as the selected item's id with its last known row number (see selection.ts).
 */
import type { JobStateName } from '../../cli/services-types.js';
import type { ClassSort, ClassWindow } from '../../timing/class-window.js';

/** Queue overview; the selection is a queue name. */
export interface QueuesScreen {
  kind: 'queues';
  selected: number;
  selectedId?: string | undefined;
}

/** Jobs of one queue in one state; the selection is a job id. */
export interface JobsScreen {
  kind: 'jobs';
  queue: string;
  state: JobStateName;
  selected: number;
  /** First row on screen (the table reads only the rows on screen). */
  top: number;
  selectedId?: string | undefined;
}

/** Peek/info of one job. */
export interface JobScreen {
  kind: 'job';
  queue: string;
  jobId: string;
}

/** Jobs that share a trace (`r`); the selection is `queue` NUL `jobId`. */
export interface RelatedScreen {
  kind: 'related';
  traceId: string;
  selected: number;
  selectedId?: string | undefined;
}

/** Trace mode: trace list, waterfall and span details. */
export interface TracesScreen {
  kind: 'traces';
  focus: 'list' | 'waterfall';
  listSelected: number;
  /** The selected trace of the list. */
  listSelectedId?: string | undefined;
  /** The trace shown in the waterfall (the selected list entry unless opened by id). */
  traceId?: string;
  spanSelected: number;
  /** The selected row of the waterfall: a span id (or a backoff row's id). */
  spanSelectedId?: string | undefined;
  folded: string[];
  /** Span details shown; undefined: the layout's default (shown beside a focused waterfall when wide). */
  details?: boolean;
  /** `/` search over root name and id, or a `Ctrl+T` trace id prefix. */
  filter?: string;
  /** True when the waterfall was entered from the list: `Esc` returns to the list rather than the previous screen. */
  fromList?: boolean;
}

/** Job classes (job names) of a queue with their timing over a window; the selection is a job name. */
export interface ClassesScreen {
  kind: 'classes';
  queue: string;
  window: ClassWindow;
  sort: ClassSort;
  selected: number;
  selectedId?: string | undefined;
}

/** The slowest or the failed jobs of one class; the selection is a job id. */
export interface ClassJobsScreen {
  kind: 'class-jobs';
  queue: string;
  name: string;
  window: ClassWindow;
  show: 'slowest' | 'failed';
  selected: number;
  selectedId?: string | undefined;
}

/** Any screen. */
export type Screen = QueuesScreen | JobsScreen | JobScreen | RelatedScreen | TracesScreen | ClassesScreen | ClassJobsScreen;

/** A fresh trace-mode screen, optionally opened on one trace's waterfall (then also selected in the list). */
export function tracesScreen(traceId?: string): TracesScreen {
  const screen: TracesScreen = { kind: 'traces', focus: traceId ? 'waterfall' : 'list', listSelected: 0, spanSelected: 0, folded: [] };
  if (traceId) {
    screen.traceId = traceId;
    screen.listSelectedId = traceId;
  }
  return screen;
}

/** A fresh jobs screen of a queue in one state. */
export function jobsScreen(queue: string, state: JobStateName): JobsScreen {
  return { kind: 'jobs', queue, state, selected: 0, top: 0 };
}

/**
 * What makes one view instance: two screens with the same identity are drawn by the same component (its
 * polled data and key handler stay valid), a different identity mounts another.
 */
export function screenIdentity(screen: Screen): string {
  switch (screen.kind) {
    case 'queues': return 'queues';
    case 'jobs': return `jobs\u0000${screen.queue}`;
    case 'job': return `job\u0000${screen.queue}\u0000${screen.jobId}`;
    case 'related': return `related\u0000${screen.traceId}`;
    case 'traces': return 'traces';
    case 'classes': return `classes\u0000${screen.queue}`;
    case 'class-jobs': return `class-jobs\u0000${screen.queue}\u0000${screen.name}`;
  }
}

/** A short breadcrumb of a screen for the header. */
export function screenTitle(screen: Screen): string {
  switch (screen.kind) {
    case 'queues': return 'queues';
    case 'jobs': return `${screen.queue} › ${screen.state}`;
    case 'job': return `${screen.queue} › job ${screen.jobId}`;
    case 'related': return `jobs of trace ${screen.traceId}`;
    case 'traces': return screen.focus === 'waterfall' && screen.traceId ? `trace ${screen.traceId}` : 'traces';
    case 'classes': return `${screen.queue} › classes`;
    case 'class-jobs': return `${screen.queue} › ${screen.name} › ${screen.show}`;
  }
}
