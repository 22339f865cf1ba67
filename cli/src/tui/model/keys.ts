/** The keys of each screen: the footer shows them and the help screen lists them all. */
import type { CurrentTrace } from '../app-context.js';
import type { Screen } from './screens.js';

/** A key and what it does. */
export interface KeyHint {
  key: string;
  action: string;
}

const MOVE: KeyHint = { key: 'j/k g/G', action: 'move' };
const OPEN: KeyHint = { key: 'o', action: 'open in APM' };
const COPY: KeyHint = { key: 't', action: 'copy trace id' };
const RELATED: KeyHint = { key: 'r', action: 'related jobs' };

/**
 * t, r and o where they work for the highlighted item, in that order: none without a trace id (they would only
 * say `no trace here`), no o for a job its producer did not sample (there is no trace to open) or without an APM
 * (it would only say `no APM configured`). `o` comes last: it leaves the terminal, the others lead into it.
 */
function traceActions(trace: Pick<CurrentTrace, 'unsampled'> | undefined, apm: boolean): KeyHint[] {
  if (!trace) return [];
  return trace.unsampled || !apm ? [COPY, RELATED] : [COPY, RELATED, OPEN];
}

/** `T` on a job: its waterfall, or the trace list when it has no trace id. */
function waterfallKey(trace: Pick<CurrentTrace, 'unsampled'> | undefined): KeyHint {
  return trace ? { key: 'T', action: 'waterfall' } : { key: 'T', action: 'traces' };
}
const TRACE_ID: KeyHint = { key: '^T', action: 'trace id' };
/** Always in the footer, whatever else has to go: the way out and the way to every other key. */
export const ESSENTIAL_KEYS: readonly KeyHint[] = [
  { key: '?', action: 'help' },
  { key: 'esc', action: 'back' },
  { key: 'q', action: 'quit' },
];

/**
 * The help screen's footer: the keys that close it (`q` too, so it is not listed as quit), and scroll it where
 * it does not fit.
 */
export function helpKeys(scrolls: boolean): KeyHint[] {
  const close: KeyHint[] = [{ key: 'esc/?/q', action: 'close help' }, { key: '^C', action: 'quit' }];
  return scrolls ? [{ key: 'j/k', action: 'scroll' }, ...close] : close;
}

/** An open prompt's footer: every other key is typed as text (`q` too). */
export const PROMPT_KEYS: readonly KeyHint[] = [
  { key: 'enter', action: 'submit' },
  { key: 'esc', action: 'cancel' },
  { key: '^C', action: 'quit' },
];

/**
 * Keys of the current screen, most useful first: the footer keeps them in this order and drops the last ones that
 * do not fit ({@link fitHints} adds {@link ESSENTIAL_KEYS}). `trace` is the trace of the highlighted item (the one
 * o/t/r/T act on): the trace keys are listed only where they work, `o` only when an APM is configured (`apm`).
 * The keys into the main features (T the waterfall, t the trace id, / a job by id) come before the ones a user
 * finds anyway (moving, switching tabs), so they survive an 80-column terminal.
 */
export function keysFor(screen: Screen, trace: Pick<CurrentTrace, 'unsampled'> | undefined, apm = false): KeyHint[] {
  const actions = traceActions(trace, apm);
  switch (screen.kind) {
    case 'queues':
      return [MOVE, { key: 'enter', action: 'jobs' }, { key: 'T', action: 'traces' }, { key: 'c', action: 'classes' }, TRACE_ID];
    case 'jobs':
      return [waterfallKey(trace), ...actions.slice(0, 1), { key: '/', action: 'find id' }, { key: 'enter', action: 'job info' }, MOVE,
        { key: 'h/l', action: 'state' }, { key: 'c', action: 'classes' }, ...actions.slice(1), TRACE_ID];
    case 'job':
      return [waterfallKey(trace), ...actions, TRACE_ID];
    case 'related':
      return [MOVE, { key: 'enter', action: 'job info' }, { key: 'T', action: 'waterfall' }, ...actions, TRACE_ID];
    case 'traces':
      return screen.focus === 'list'
        ? [MOVE, { key: 'enter', action: 'waterfall' }, { key: '/', action: 'search' }, ...actions, { key: 'T', action: 'close' }, TRACE_ID]
        : [MOVE, { key: 'enter', action: 'fold' }, ...actions.slice(0, 1), { key: 's', action: 'span details' }, ...actions.slice(1), { key: 'T', action: 'close' }, TRACE_ID];
    case 'classes':
      return [MOVE, { key: 'enter', action: 'slowest jobs' }, { key: 'f', action: 'failed jobs' }, { key: 'w', action: 'window' }, { key: 's', action: 'sort' }];
    case 'class-jobs':
      return [MOVE, { key: 'enter', action: 'waterfall' }, { key: 'i', action: 'job info' }, { key: 'f', action: screen.show === 'failed' ? 'slowest' : 'failed' },
        ...actions];
  }
}

/**
 * The hints that fit `width`: `keys` in order, each one that fits in the room the essential keys leave (a long
 * one that does not fit lets a shorter, later one in), then the essential keys (none on the help screen and in a
 * prompt, where `?` and `q` do something else).
 */
export function fitHints(keys: readonly KeyHint[], width: number, essentials: readonly KeyHint[] = ESSENTIAL_KEYS): KeyHint[] {
  const size = (hint: KeyHint): number => hint.key.length + hint.action.length + 3;
  const essential = essentials.filter((hint) => !keys.some((key) => key.key === hint.key));
  let room = width - essential.reduce((total, hint) => total + size(hint), 0);
  const shown: KeyHint[] = [];
  for (const hint of keys) {
    if (size(hint) > room) continue;
    room -= size(hint);
    shown.push(hint);
  }
  // Below the essentials' own width, as many of them as fit.
  let left = width - shown.reduce((total, hint) => total + size(hint), 0);
  for (const hint of essential) {
    if (size(hint) > left) break;
    left -= size(hint);
    shown.push(hint);
  }
  return shown;
}

/** Every key with the screens it works on, for `?`. */
export const HELP_LINES: readonly [string, string][] = [
  ['j k ↑ ↓', 'move the selection (it stays on its job or trace while rows arrive); g / G first / last; PgUp / PgDn page'],
  ['enter', 'drill in: queue → jobs → job info; trace list → waterfall; in a waterfall fold/unfold a span (space too); classes → slowest jobs → waterfall'],
  ['h l ← →', 'jobs: previous / next state tab (waiting, active, delayed, prioritized, children, completed, failed); Tab / Shift+Tab too'],
  ['o', 'open the highlighted trace in the APM (deep link; --apm / --link-template)'],
  ['t', 'copy the highlighted trace id (OSC 52 + native clipboard tool); the message says whether a tool confirmed it; the id stays on screen'],
  ['r', 'related jobs: every job of the same trace, with live state'],
  ['T', 'the highlighted trace\'s waterfall; in the trace view: close it'],
  ['Ctrl+T', 'trace id: in the trace view a prefix filters the list, a full id opens its waterfall; elsewhere a full id lists its jobs'],
  ['/', 'jobs: jump to a job id; traces: search name and id'],
  ['s', 'waterfall: toggle span details; classes: sort by jobs, failure rate, wait p95, processing p95'],
  ['c', 'queues, jobs: the classes (job names) of the queue: count, failure rate, wait and processing p50/p95/p99'],
  ['w', 'classes: window (last 15 min, last hour, last 200 jobs)'],
  ['f', 'classes: the failed jobs of the class; class jobs: failed ⇄ slowest'],
  ['i', 'class jobs: job info'],
  ['?', 'this help (? closes it again)'],
  ['esc', 'back (closes help, prompts, panels)'],
  ['q', 'quit (Ctrl+C too); on this help screen q closes the help, in a prompt it is typed as text (Ctrl+C still quits)'],
];
