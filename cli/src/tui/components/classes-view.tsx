/**
 * The SRE's view of a queue: its job classes (job names) over a window, with count, failure rate and the queue
 * wait and processing time per job as p50/p95/p99, the two side by side as bars. Enter opens the slowest jobs of
 * a class, `f` its failed ones; `w` cycles the window, `s` the sort.
 */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import { classStats, sortClasses } from '../../timing/class-stats.js';
import { CLASS_SORTS, CLASS_WINDOWS, MAX_JOBS_PER_STATE, nextOf, windowLabel } from '../../timing/class-window.js';
import { useTui } from '../app-context.js';
import { listSlot, useKeepSelection } from '../hooks/use-keep-selection.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { barScale, classBar, classColumns, classHeader, classLine } from '../model/class-columns.js';
import type { ClassesScreen } from '../model/screens.js';
import { moveSelection, resolveSelection } from '../model/selection.js';
import { scrollWindow } from '../model/window.js';
import { ViewFooter } from './chrome.js';
import { ListRow } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

/** Props of {@link ClassesView}. */
export interface ClassesViewProps {
  screen: ClassesScreen;
  width: number;
  height: number;
}

const SLOT = listSlot('classes');
/** The classes view reads up to a thousand job hashes: not more often than this, whatever `--refresh` says. */
export const CLASSES_REFRESH_MS = 5000;

/** The table of classes of one queue. */
export function ClassesView({ screen, width, height }: ClassesViewProps): React.JSX.Element {
  const app = useTui();
  const polled = usePoll(`${screen.queue}|${screen.window}`, () => app.services.readClasses(screen.queue, screen.window), Math.max(app.refreshMs, CLASSES_REFRESH_MS));
  const sample = polled.dataKey === `${screen.queue}|${screen.window}` ? polled.data : undefined;
  const classes = useMemo(() => sortClasses(classStats(sample?.jobs ?? []), screen.sort), [sample, screen.sort]);
  const names = useMemo(() => classes.map((stats) => stats.name), [classes]);
  const resolve = (of: ClassesScreen) => resolveSelection(names, { index: of.selected, id: of.selectedId });
  const resolved = resolve(screen);
  useKeepSelection(SLOT, screen, sample ? resolved : undefined);
  const inner = innerSize(width, height);
  const columns = classColumns(inner.width - 2);
  const scale = barScale(classes);

  useScreenKeys('classes', (press, latest) => {
    const at = resolve(latest);
    const update = (change: Partial<ClassesScreen>): boolean => {
      app.updateTop((s) => (s.kind === 'classes' ? { ...s, ...change } : s));
      return true;
    };
    const move = (target: { delta: number } | { to: number }): boolean => {
      const next = moveSelection(names, at, target, sample !== undefined);
      return update({ selected: next.index, selectedId: next.id });
    };
    if (press.input === 'j' || press.name === 'down') return move({ delta: 1 });
    if (press.input === 'k' || press.name === 'up') return move({ delta: -1 });
    if (press.input === 'g' || press.name === 'home') return move({ to: 0 });
    if (press.input === 'G' || press.name === 'end') return move({ to: names.length - 1 });
    // A page as in the trace list: the docs and the help promise PgUp/PgDn in every list.
    if (press.name === 'pagedown') return move({ delta: 10 });
    if (press.name === 'pageup') return move({ delta: -10 });
    if (press.input === 'w') return update({ window: nextOf(CLASS_WINDOWS, latest.window) });
    if (press.input === 's') return update({ sort: nextOf(CLASS_SORTS, latest.sort) });
    const name = at.id;
    if ((press.name === 'enter' || press.input === 'f') && name !== undefined) {
      app.push({ kind: 'class-jobs', queue: latest.queue, name, window: latest.window, show: press.input === 'f' ? 'failed' : 'slowest', selected: 0 });
      return true;
    }
    return false;
  });

  const rows = Math.max(1, inner.height - 2);
  const window = scrollWindow(classes.length, resolved.index, rows);
  const [groups, header] = classHeader(columns);
  const read = sample ? ` · ${sample.jobs.length} jobs${sample.read.capped ? ` (newest ${MAX_JOBS_PER_STATE} per state)` : ''}` : '';
  const title = `${screen.queue} · classes · ${windowLabel(screen.window)}${read} · sort: ${screen.sort}${polled.error ? `  ! ${polled.error}` : ''}`;
  return (
    <Box flexDirection="column">
      <Panel title={title} width={width} height={height} focused>
        <Text bold wrap="truncate" dimColor>{`  ${groups}`}</Text>
        <Text bold wrap="truncate">{`  ${header}`}</Text>
        {!sample ? <Text dimColor>reading finished jobs…</Text> : null}
        {sample && classes.length === 0 ? <Text dimColor>no jobs finished in the {windowLabel(screen.window)} (w: another window)</Text> : null}
        {classes.slice(window.start, window.end).map((stats, offset) => {
          const index = window.start + offset;
          const selected = index === resolved.index;
          const bar = classBar(stats, columns.bar, scale);
          return (
            <Box key={stats.name} flexDirection="row">
              <ListRow text={`${selected ? '›' : ' '} ${classLine(stats, columns)}`} selected={selected} color={stats.failed > 0 ? 'red' : undefined} />
              {columns.bar ? <Text wrap="truncate">{'  '}<Text color="yellow">{'▇'.repeat(bar.wait)}</Text><Text color="green">{'█'.repeat(bar.processing)}</Text></Text> : null}
            </Box>
          );
        })}
      </Panel>
      <ViewFooter screen={screen} width={width} />
    </Box>
  );
}
