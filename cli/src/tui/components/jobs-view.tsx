/**
 * Jobs of a queue in one state: a tab bar of states, a table that reads only the rows on screen (a queue of
 * any length costs one page per refresh), and in the wide layout a peek panel with the selected job's info.
 */
import React, { useEffect } from 'react';
import { Box } from 'ink';
import { JOB_STATES } from '../../cli/services-types.js';
import { useTui } from '../app-context.js';
import { useKeys } from '../hooks/use-keys.js';
import { usePoll } from '../hooks/use-poll.js';
import { jobColumns, jobHeader, jobLine } from '../model/job-columns.js';
import type { JobsScreen } from '../model/screens.js';
import { clampIndex, scrollWindow } from '../model/window.js';
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

/** The state tabs, the current one highlighted. */
function StateTabs({ current }: { current: string }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {JOB_STATES.map((state) => (
        <Text key={state} inverse={state === current} {...colorProp(stateColor(state))}>{` ${state} `}</Text>
      ))}
    </Text>
  );
}

/** The jobs table with paging, state tabs and the peek panel. */
export function JobsView({ screen, width, height }: JobsViewProps): React.JSX.Element {
  const app = useTui();
  const peekWidth = width >= PEEK_MIN_WIDTH ? Math.min(60, Math.floor(width * 0.4)) : 0;
  const tableWidth = width - peekWidth;
  const inner = innerSize(tableWidth, height);
  const rows = Math.max(1, inner.height - 2);
  // The page follows the selection; only the visible rows are read.
  const pageKey = `${screen.queue}|${screen.state}|${screen.top}|${rows}`;
  const page = usePoll(pageKey, () => app.services.listJobs(screen.queue, screen.state, screen.top, rows), app.refreshMs);
  const total = page.data?.total ?? 0;
  const selected = clampIndex(screen.selected, total);
  const current = page.data ? page.data.rows[selected - page.data.start] : undefined;
  const peekKey = peekWidth > 0 && current ? `${current.queue}|${current.id}` : undefined;
  const peek = usePoll(peekKey, () => app.services.getJob(screen.queue, current?.id ?? ''), app.refreshMs);

  useEffect(() => {
    app.setCurrentTrace(current?.traceId ? { traceId: current.traceId, ...(current.sampled === false ? { unsampled: true as const } : {}) } : undefined);
  }, [current?.traceId, current?.sampled]);

  useKeys((input, key) => {
    const move = (to: number): void => {
      const next = clampIndex(to, total);
      app.updateTop(() => ({ ...screen, selected: next, top: scrollWindow(total, next, rows, screen.top).start }));
    };
    const tab = (delta: number): void => {
      const index = (JOB_STATES.indexOf(screen.state) + delta + JOB_STATES.length) % JOB_STATES.length;
      app.updateTop(() => ({ ...screen, state: JOB_STATES[index] ?? 'waiting', selected: 0, top: 0 }));
    };
    if (input === 'j' || key.downArrow) move(selected + 1);
    else if (input === 'k' || key.upArrow) move(selected - 1);
    else if (key.pageDown) move(selected + rows);
    else if (key.pageUp) move(selected - rows);
    else if (input === 'g') move(0);
    else if (input === 'G') move(total - 1);
    else if (input === 'l' || key.rightArrow || key.tab) tab(1);
    else if (input === 'h' || key.leftArrow) tab(-1);
    else if (key.return && current) app.push({ kind: 'job', queue: screen.queue, jobId: current.id });
  }, app.keysActive);

  const columns = jobColumns(inner.width - 2);
  const window = scrollWindow(total, selected, rows, screen.top);
  const lines: React.JSX.Element[] = [];
  for (let index = window.start; index < window.end; index += 1) {
    const row = page.data ? page.data.rows[index - page.data.start] : undefined;
    lines.push(row
      ? <ListRow key={index} text={`${index === selected ? '›' : ' '} ${jobLine(row, columns)}`} selected={index === selected} color={stateColor(row.state)} />
      : <ListRow key={index} text="  …" selected={index === selected} dim />);
  }
  const title = `${screen.queue} · ${screen.state} · ${total === 0 ? 0 : selected + 1}/${total}${page.error ? `  ! ${page.error}` : ''}`;
  return (
    <Box flexDirection="row">
      <Panel title={title} width={tableWidth} height={height} focused>
        <StateTabs current={screen.state} />
        <Text bold wrap="truncate">{`  ${jobHeader(columns)}`}</Text>
        {page.data && total === 0 ? <Text dimColor>no {screen.state} jobs</Text> : null}
        {!page.data && page.loading ? <Text dimColor>loading…</Text> : null}
        {lines}
      </Panel>
      {peekWidth > 0 ? (
        <Panel title="Job" width={peekWidth} height={height}>
          <JobInfo job={peek.dataKey === peekKey ? peek.data ?? undefined : undefined} width={peekWidth - 2} height={height - 3}
            link={displayLink(app.services, current?.traceId)} />
        </Panel>
      ) : null}
    </Box>
  );
}
