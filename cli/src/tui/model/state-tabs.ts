/** The state tabs of the jobs screen, as many as fit: full names, then short ones, then a window around the current. */
import { JOB_STATES } from '../../cli/services-types.js';
import type { JobStateName } from '../../cli/services-types.js';

const SHORT: Record<JobStateName, string> = {
  waiting: 'wait', active: 'active', delayed: 'delay', prioritized: 'prio', 'waiting-children': 'children', completed: 'done', failed: 'failed',
};

/** One tab: its state and its label. */
export interface StateTab {
  state: JobStateName;
  label: string;
}

const widthOf = (tabs: readonly StateTab[]): number => tabs.reduce((total, tab) => total + tab.label.length + 2, 0);

/** The tabs that fit in `width` columns (each is drawn as ` label `); the current one is always among them. */
export function stateTabs(current: JobStateName, width: number): StateTab[] {
  const full = JOB_STATES.map((state) => ({ state, label: state }));
  if (widthOf(full) <= width) return full;
  const short = JOB_STATES.map((state) => ({ state, label: SHORT[state] }));
  if (widthOf(short) <= width) return short;
  // Still too wide: the tabs nearest the current one.
  const at = JOB_STATES.indexOf(current);
  let first = at;
  let last = at;
  for (;;) {
    const wider = [first - 1, last + 1].filter((i) => i >= 0 && i < short.length);
    const grown = wider.find((i) => widthOf(short.slice(Math.min(first, i), Math.max(last, i) + 1)) <= width);
    if (grown === undefined) break;
    if (grown < first) first = grown;
    else last = grown;
  }
  return short.slice(first, last + 1);
}
