/** The slowest or the failed jobs of one class (from the classes view); Enter opens a job's waterfall. */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import { jobsOfClass } from '../../timing/class-stats.js';
import type { SampledJob } from '../../timing/class-stats.js';
import { MAX_TRACES_PER_READ, windowLabel } from '../../timing/class-window.js';
import { useTui } from '../app-context.js';
import type { CurrentTrace } from '../app-context.js';
import { listSlot, useKeepSelection } from '../hooks/use-keep-selection.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { cell, formatAge, formatMs } from '../model/format.js';
import type { ClassJobsScreen } from '../model/screens.js';
import { tracesScreen } from '../model/screens.js';
import { moveSelection, resolveSelection } from '../model/selection.js';
import { scrollWindow } from '../model/window.js';
import { traceActionKey } from '../trace-actions.js';
import { ViewFooter } from './chrome.js';
import { CLASSES_REFRESH_MS } from './classes-view.js';
import { ListRow, stateColor } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

/** Props of {@link ClassJobsView}. */
export interface ClassJobsViewProps {
  screen: ClassJobsScreen;
  width: number;
  height: number;
}

const SLOT = listSlot('class-jobs');

/** One job: id, state, attempts, wait, processing, backoff, total, age and (as wide as fits) trace id. */
export function classJobLine(job: SampledJob | undefined, width: number, now = Date.now()): string {
  const fixed = [8, 9, 3, 7, 7, 7, 7, 8];
  const trace = Math.max(0, Math.min(32, width - fixed.reduce((a, b) => a + b + 1, 0)));
  // A retried job whose trace the refresh did not read (its cap) says so rather than `-` (unknown for good).
  const timed = (ms: number | undefined): string => (ms === undefined && job?.untimed === 'capped' ? 'capped' : formatMs(ms));
  const values = job
    ? [job.id, job.state, String(job.attemptsMade), timed(job.timing.waitMs), timed(job.timing.processMs), timed(job.timing.backoffMs),
      formatMs(job.timing.totalMs), job.finishedOn ? formatAge(job.finishedOn, now) : '-']
    : ['ID', 'STATE', 'ATT', 'WAIT', 'PROC', 'BACKOFF', 'TOTAL', 'FINISHED'];
  const cells = values.map((value, index) => cell(value, fixed[index] ?? 7, index >= 2 ? 'right' : 'left'));
  const traceText = job ? (job.sampled === false ? 'not sampled' : job.traceId ?? '-') : 'TRACE';
  return [...cells, trace >= 6 ? cell(traceText, trace) : ''].filter(Boolean).join(' ');
}

/** The jobs of a class, slowest or failed first. */
export function ClassJobsView({ screen, width, height }: ClassJobsViewProps): React.JSX.Element {
  const app = useTui();
  const key = `${screen.queue}|${screen.window}`;
  const polled = usePoll(key, () => app.services.readClasses(screen.queue, screen.window), Math.max(app.refreshMs, CLASSES_REFRESH_MS));
  const sample = polled.dataKey === key ? polled.data : undefined;
  const jobs = useMemo(() => jobsOfClass(sample?.jobs ?? [], screen.name, screen.show), [sample, screen.name, screen.show]);
  const ids = useMemo(() => jobs.map((job) => job.id), [jobs]);
  const resolve = (of: ClassJobsScreen) => resolveSelection(ids, { index: of.selected, id: of.selectedId });
  const resolved = resolve(screen);
  useKeepSelection(SLOT, screen, sample ? resolved : undefined, (id) => `job ${id} is no longer among these jobs (outside the window, or removed)`);
  const inner = innerSize(width, height);
  const traceOf = (job: SampledJob | undefined): CurrentTrace | undefined =>
    job?.traceId ? { traceId: job.traceId, ...(job.sampled === false ? { unsampled: true as const } : {}) } : undefined;

  useScreenKeys('class-jobs', (press, latest) => {
    const at = resolve(latest);
    const move = (target: { delta: number } | { to: number }): boolean => {
      const next = moveSelection(ids, at, target, sample !== undefined);
      app.updateTop((s) => (s.kind === 'class-jobs' ? { ...s, selected: next.index, selectedId: next.id } : s));
      return true;
    };
    if (press.input === 'j' || press.name === 'down') return move({ delta: 1 });
    if (press.input === 'k' || press.name === 'up') return move({ delta: -1 });
    if (press.input === 'g' || press.name === 'home') return move({ to: 0 });
    if (press.input === 'G' || press.name === 'end') return move({ to: ids.length - 1 });
    // A page as in the trace list: the docs and the help promise PgUp/PgDn in every list.
    if (press.name === 'pagedown') return move({ delta: 10 });
    if (press.name === 'pageup') return move({ delta: -10 });
    if (press.input === 'f') {
      app.updateTop((s) => (s.kind === 'class-jobs' ? { ...s, show: s.show === 'failed' ? 'slowest' : 'failed', selected: 0, selectedId: undefined } : s));
      return true;
    }
    const job = jobs.find((candidate) => candidate.id === at.id);
    if (press.input === 'i') {
      if (job) app.push({ kind: 'job', queue: latest.queue, jobId: job.id });
      return true;
    }
    if (press.name === 'enter') {
      if (job?.traceId && job.sampled !== false) app.push(tracesScreen(job.traceId));
      else if (job) app.notify(`job ${job.id} has no trace to draw (${job.sampled === false ? 'not sampled' : 'no trace id'}); i opens its info`, 'error');
      return true;
    }
    return traceActionKey(press, traceOf(job), app);
  });

  const rows = Math.max(1, inner.height - 1);
  const window = scrollWindow(jobs.length, resolved.index, rows);
  const current = traceOf(jobs[resolved.index]);
  const capped = jobs.filter((job) => job.untimed === 'capped').length;
  const cappedNote = capped ? ` · ${capped} retried not timed: ${MAX_TRACES_PER_READ} traces read per refresh` : '';
  const title = `${screen.queue} · ${screen.name} · ${screen.show === 'failed' ? 'failed jobs, newest first' : 'slowest jobs'} · ${windowLabel(screen.window)} (${jobs.length})${cappedNote}${polled.error ? `  ! ${polled.error}` : ''}`;
  return (
    <Box flexDirection="column">
      <Panel title={title} width={width} height={height} focused>
        <Text bold wrap="truncate">{`  ${classJobLine(undefined, inner.width - 2)}`}</Text>
        {!sample ? <Text dimColor>reading finished jobs…</Text> : null}
        {sample && jobs.length === 0 ? <Text dimColor>no {screen.show === 'failed' ? 'failed ' : ''}{screen.name} jobs in the {windowLabel(screen.window)}</Text> : null}
        {jobs.slice(window.start, window.end).map((job, offset) => {
          const selected = window.start + offset === resolved.index;
          return <ListRow key={job.id} text={`${selected ? '›' : ' '} ${classJobLine(job, inner.width - 2)}`} selected={selected} color={stateColor(job.state)} />;
        })}
      </Panel>
      <ViewFooter screen={screen} width={width} trace={current} />
    </Box>
  );
}
