/**
 * Jobs of a queue in one state: a tab bar of states, a table that reads only the rows on screen (a queue of
 * any length costs one page per refresh), and in the wide layout a peek panel with the selected job's info.
 * The selection is a job id: while rows arrive above it or leave below it, the cursor stays on the job.
 */
import React from 'react';
import { Box } from 'ink';
import { JOB_STATES } from '../../cli/services-types.js';
import type { JobStateName } from '../../cli/services-types.js';
import { useTui } from '../app-context.js';
import type { CurrentTrace } from '../app-context.js';
import { useKeepSelection } from '../hooks/use-keep-selection.js';
import type { SelectionSlot } from '../hooks/use-keep-selection.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { jobColumns, jobHeader, jobLine } from '../model/job-columns.js';
import { resolveJobSelection, rowAt } from '../model/job-page.js';
import type { ResolvedJobSelection } from '../model/job-page.js';
import type { JobsScreen, Screen } from '../model/screens.js';
import { stateTabs } from '../model/state-tabs.js';
import { clampIndex, scrollWindow, topShowing } from '../model/window.js';
import { traceActionKey } from '../trace-actions.js';
import { ViewFooter } from './chrome.js';
import { JobInfo, displayLink } from './job-info.js';
import { ListRow, colorProp, stateColor } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

/** Props of {@link JobsView}. */
export interface JobsViewProps {
  screen: JobsScreen;
  width: number;
  height: number;
}

const PEEK_MIN_WIDTH = 100;

const SLOT: SelectionSlot<JobsScreen, ResolvedJobSelection> = {
  is: (screen: Screen): screen is JobsScreen => screen.kind === 'jobs',
  key: (screen) => `${screen.state}\u0000${screen.selected}\u0000${screen.top}\u0000${screen.selectedId ?? ''}`,
  holds: (screen, resolved) => screen.selected === resolved.index && screen.selectedId === resolved.id && screen.top === resolved.top,
  write: (screen, resolved) => ({ ...screen, selected: resolved.index, selectedId: resolved.id, top: resolved.top }),
};

/** The state tabs that fit, the current one highlighted. */
function StateTabs({ current, width }: { current: JobStateName; width: number }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {stateTabs(current, width).map((tab) => (
        <Text key={tab.state} inverse={tab.state === current} {...colorProp(stateColor(tab.state))}>{` ${tab.label} `}</Text>
      ))}
    </Text>
  );
}

/** The trace the keys act on for the highlighted row. */
function traceOfRow(row: ResolvedJobSelection['row']): CurrentTrace | undefined {
  return row?.traceId ? { traceId: row.traceId, ...(row.sampled === false ? { unsampled: true as const } : {}) } : undefined;
}

/** The jobs table with paging, state tabs and the peek panel. */
export function JobsView({ screen, width, height }: JobsViewProps): React.JSX.Element {
  const app = useTui();
  const peekWidth = width >= PEEK_MIN_WIDTH ? Math.min(60, Math.floor(width * 0.4)) : 0;
  const tableWidth = width - peekWidth;
  const inner = innerSize(tableWidth, height);
  const rows = Math.max(1, inner.height - 2);
  // The page follows the selection; only the visible rows are read, around the selected job where it is now. The
  // top is the one that shows the selected row at this height: after a resize that shortened the table, the job
  // is read onto the last row that fits, not below the screen.
  const top = topShowing(screen.selected, screen.top, rows);
  const pageKey = `${screen.queue}|${screen.state}|${top}|${rows}`;
  const follow = screen.selectedId === undefined ? undefined : { jobId: screen.selectedId, offset: screen.selected - top };
  const page = usePoll(pageKey, () => app.services.listJobs(screen.queue, screen.state, top, rows, follow), app.refreshMs);
  // A page of another state (just switched tabs) says nothing about this one.
  const data = page.dataKey?.startsWith(`${screen.queue}|${screen.state}|`) ? page.data : undefined;
  const resolved = resolveJobSelection(data, { ...screen, top }, rows);
  useKeepSelection(SLOT, screen, resolved, (id) => `job ${id} is no longer in ${screen.queue} › ${screen.state} (moved on or removed)`);
  const total = data?.total ?? 0;
  const selected = resolved?.index ?? screen.selected;
  const current = resolved?.row;
  const peekKey = peekWidth > 0 && current ? `${current.queue}|${current.id}` : undefined;
  const peek = usePoll(peekKey, () => app.services.getJob(screen.queue, current?.id ?? ''), app.refreshMs);

  useScreenKeys('jobs', (press, latest) => {
    const latestTop = topShowing(latest.selected, latest.top, rows);
    const at = resolveJobSelection(data, { ...latest, top: latestTop }, rows) ?? { index: latest.selected, id: latest.selectedId, top: latestTop };
    const move = (to: number): boolean => {
      // Before the first page the row number is kept as asked and resolved when the page arrives.
      const index = data ? clampIndex(to, total) : Math.max(0, to);
      const row = data ? rowAt(data, index) : undefined;
      app.updateTop((s) => (s.kind === 'jobs' ? { ...s, selected: index, selectedId: row?.id, top: data ? scrollWindow(total, index, rows, at.top).start : at.top } : s));
      return true;
    };
    const tab = (delta: number): boolean => {
      const index = (JOB_STATES.indexOf(latest.state) + delta + JOB_STATES.length) % JOB_STATES.length;
      app.updateTop((s) => (s.kind === 'jobs' ? { kind: 'jobs', queue: s.queue, state: JOB_STATES[index] ?? 'waiting', selected: 0, top: 0 } : s));
      return true;
    };
    if (press.input === 'j' || press.name === 'down') return move(at.index + 1);
    if (press.input === 'k' || press.name === 'up') return move(at.index - 1);
    if (press.name === 'pagedown') return move(at.index + rows);
    if (press.name === 'pageup') return move(at.index - rows);
    if (press.input === 'g' || press.name === 'home') return move(0);
    if (press.input === 'G' || press.name === 'end') return move(total - 1);
    if (press.input === 'l' || press.name === 'right' || (press.name === 'tab' && !press.shift)) return tab(1);
    if (press.input === 'h' || press.name === 'left' || (press.name === 'tab' && press.shift)) return tab(-1);
    if (press.input === 'c') {
      app.push({ kind: 'classes', queue: latest.queue, window: '15m', sort: 'jobs', selected: 0 });
      return true;
    }
    const row = at.id !== undefined && data ? data.rows.find((r) => r.id === at.id) : undefined;
    if (press.name === 'enter') {
      if (row) app.push({ kind: 'job', queue: latest.queue, jobId: row.id });
      return true;
    }
    return traceActionKey(press, traceOfRow(row), app);
  });

  const columns = jobColumns(inner.width - 2);
  const window = scrollWindow(total, selected, rows, resolved?.top ?? top);
  const lines: React.JSX.Element[] = [];
  for (let index = window.start; index < window.end; index += 1) {
    const row = data ? rowAt(data, index) : undefined;
    const isSelected = index === selected;
    lines.push(row
      ? <ListRow key={index} text={`${isSelected ? '›' : ' '} ${jobLine(row, columns)}`} selected={isSelected} color={stateColor(row.state)} />
      : <ListRow key={index} text="  …" selected={isSelected} dim />);
  }
  const title = `${screen.queue} · ${screen.state} · ${total === 0 ? 0 : selected + 1}/${total}${page.error ? `  ! ${page.error}` : ''}`;
  const shown = traceOfRow(current);
  return (
    <Box flexDirection="column">
      <Box flexDirection="row">
        <Panel title={title} width={tableWidth} height={height} focused>
          <StateTabs current={screen.state} width={inner.width} />
          <Text bold wrap="truncate">{`  ${jobHeader(columns)}`}</Text>
          {data && total === 0 ? <Text dimColor>no {screen.state} jobs</Text> : null}
          {!data ? <Text dimColor>loading…</Text> : null}
          {lines}
        </Panel>
        {peekWidth > 0 ? (
          <Panel title="Job" width={peekWidth} height={height}>
            <JobInfo job={peek.dataKey === peekKey ? peek.data ?? undefined : undefined} width={peekWidth - 2} height={height - 3}
              link={displayLink(app.services, current?.traceId)} />
          </Panel>
        ) : null}
      </Box>
      <ViewFooter screen={screen} width={width} trace={shown} />
    </Box>
  );
}
