/** The keys of each screen: the footer shows them and the help screen lists them all. */
import type { Screen } from './screens.js';

/** A key and what it does. */
export interface KeyHint {
  key: string;
  action: string;
}

const MOVE: KeyHint = { key: 'j/k g/G', action: 'move' };
const TRACE_ACTIONS: KeyHint[] = [
  { key: 'o', action: 'open in APM' },
  { key: 't', action: 'copy trace id' },
  { key: 'r', action: 'related jobs' },
];
const GLOBAL: KeyHint[] = [
  { key: 'T', action: 'trace view' },
  { key: '^T', action: 'trace id filter' },
  { key: '?', action: 'help' },
  { key: 'esc', action: 'back' },
  { key: 'q', action: 'quit' },
];

/** Keys of the current screen, most specific first, then the global ones. */
export function keysFor(screen: Screen): KeyHint[] {
  switch (screen.kind) {
    case 'queues':
      return [MOVE, { key: 'enter', action: 'jobs' }, ...GLOBAL];
    case 'jobs':
      return [MOVE, { key: 'h/l', action: 'state' }, { key: 'enter', action: 'job info' }, ...TRACE_ACTIONS, { key: '/', action: 'find id' }, ...GLOBAL];
    case 'job':
      return [...TRACE_ACTIONS, { key: 'T', action: 'waterfall' }, ...GLOBAL.slice(1)];
    case 'related':
      return [MOVE, { key: 'enter', action: 'job info' }, ...GLOBAL];
    case 'traces':
      return screen.focus === 'list'
        ? [MOVE, { key: 'enter', action: 'waterfall' }, { key: '/', action: 'search' }, ...TRACE_ACTIONS, ...GLOBAL]
        : [MOVE, { key: 'enter', action: 'fold' }, { key: 's', action: 'span details' }, ...TRACE_ACTIONS, ...GLOBAL];
  }
}

/** Every key with the screens it works on, for `?`. */
export const HELP_LINES: readonly [string, string][] = [
  ['j k ↑ ↓', 'move the selection; g / G first / last; PgUp / PgDn page'],
  ['enter', 'drill in: queue → jobs → job info; trace list → waterfall; in a waterfall fold/unfold a span'],
  ['h l ← →', 'jobs: previous / next state tab (waiting, active, delayed, prioritized, children, completed, failed)'],
  ['o', 'open the trace in the APM (deep link; --apm / --link-template)'],
  ['t', 'copy the trace id (OSC 52 + native clipboard); the id stays on screen'],
  ['r', 'related jobs: every job of the same trace, with live state'],
  ['T', 'toggle the trace view (from a job: its waterfall)'],
  ['Ctrl+T', 'trace id: in the trace view a prefix filters the list, a full id opens its waterfall; elsewhere a full id lists its jobs'],
  ['/', 'jobs: jump to a job id; traces: search name and id'],
  ['s', 'waterfall: toggle span details'],
  ['?', 'this help'],
  ['esc', 'back (closes help, prompts, panels)'],
  ['q', 'quit (Ctrl+C too)'],
];
