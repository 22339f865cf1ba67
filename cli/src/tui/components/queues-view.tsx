/** The queue overview: counts per state and completion/failure rates, refreshed live. */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import type { QueueSummary } from '../../cli/services-types.js';
import { useTui } from '../app-context.js';
import { useKeepSelection, listSlot } from '../hooks/use-keep-selection.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { cell, formatRate } from '../model/format.js';
import type { QueuesScreen } from '../model/screens.js';
import { jobsScreen } from '../model/screens.js';
import { moveSelection, resolveSelection } from '../model/selection.js';
import { scrollWindow } from '../model/window.js';
import { ViewFooter } from './chrome.js';
import { ListRow } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

const COUNT = 7;
const SLOT = listSlot('queues');

/** The header and one line of the queue table; narrow widths keep name, waiting, active, failed and rates. */
export function queueLine(queue: QueueSummary | undefined, width: number): string {
  const wide = width >= 100;
  const nameWidth = Math.max(8, width - (wide ? 8 * (COUNT + 1) + 2 : 5 * (COUNT + 1) + 2));
  const values = queue
    ? [queue.counts.waiting, queue.counts.active, queue.counts.delayed, queue.counts.prioritized, queue.counts.completed, queue.counts.failed].map(String)
    : ['WAIT', 'ACTIVE', 'DELAYED', 'PRIO', 'DONE', 'FAILED'];
  const rates = queue ? [formatRate(queue.completedPerSec), formatRate(queue.failedPerSec)] : ['DONE/s', 'FAIL/s'];
  if (!wide) {
    const keep = [values[0], values[1], values[5]].map((v) => cell(v ?? '', 7, 'right'));
    return [cell(queue?.name ?? 'QUEUE', Math.max(8, width - 40)), ...keep, cell(rates[0] ?? '', 8, 'right')].join(' ');
  }
  return [cell(queue?.name ?? 'QUEUE', nameWidth), ...values.map((v) => cell(v, 7, 'right')), ...rates.map((r) => cell(r, 8, 'right'))].join(' ');
}

/** Props of {@link QueuesView}. */
export interface QueuesViewProps {
  screen: QueuesScreen;
  width: number;
  height: number;
}

/** Lists every queue; Enter opens its jobs (failed first when any failed, else waiting), `c` its classes. */
export function QueuesView({ screen, width, height }: QueuesViewProps): React.JSX.Element {
  const app = useTui();
  const polled = usePoll('queues', () => app.services.listQueues(), app.refreshMs);
  const queues = polled.data ?? [];
  const names = useMemo(() => queues.map((queue) => queue.name), [queues]);
  const resolve = (of: QueuesScreen) => resolveSelection(names, { index: of.selected, id: of.selectedId });
  const resolved = resolve(screen);
  useKeepSelection(SLOT, screen, polled.data ? resolved : undefined);
  const inner = innerSize(width, height);
  const rows = inner.height - 1;
  useScreenKeys('queues', (press, latest) => {
    const at = resolve(latest);
    const move = (target: { delta: number } | { to: number }): boolean => {
      const next = moveSelection(names, at, target, polled.data !== undefined);
      app.updateTop((s) => (s.kind === 'queues' ? { ...s, selected: next.index, selectedId: next.id } : s));
      return true;
    };
    const queue = queues[at.index];
    if (press.input === 'j' || press.name === 'down') return move({ delta: 1 });
    if (press.input === 'k' || press.name === 'up') return move({ delta: -1 });
    if (press.input === 'g' || press.name === 'home') return move({ to: 0 });
    if (press.input === 'G' || press.name === 'end') return move({ to: names.length - 1 });
    // A page as in the trace list: the docs and the help promise PgUp/PgDn in every list.
    if (press.name === 'pagedown') return move({ delta: 10 });
    if (press.name === 'pageup') return move({ delta: -10 });
    if (press.name === 'enter' && queue) {
      app.push(jobsScreen(queue.name, queue.counts.failed > 0 ? 'failed' : 'waiting'));
      return true;
    }
    if (press.input === 'c' && queue) {
      app.push({ kind: 'classes', queue: queue.name, window: '15m', sort: 'jobs', selected: 0 });
      return true;
    }
    return false;
  });
  const window = scrollWindow(queues.length, resolved.index, rows);
  return (
    <Box flexDirection="column">
      <Panel title={`Queues · ${queues.length === 0 ? 0 : resolved.index + 1}/${queues.length}${polled.error ? `  ! ${polled.error}` : ''}`} width={width} height={height} focused>
        <Text bold wrap="truncate">{`  ${queueLine(undefined, inner.width - 2)}`}</Text>
        {polled.loading && !polled.data ? <Text dimColor>loading…</Text> : null}
        {polled.data && queues.length === 0 ? <Text dimColor>no BullMQ queues found</Text> : null}
        <Box flexDirection="column">
          {queues.slice(window.start, window.end).map((queue, offset) => {
            const selected = window.start + offset === resolved.index;
            return <ListRow key={queue.name} text={`${selected ? '›' : ' '} ${queueLine(queue, inner.width - 2)}`} selected={selected} color={queue.counts.failed > 0 ? 'red' : undefined} />;
          })}
        </Box>
      </Panel>
      <ViewFooter screen={screen} width={width} />
    </Box>
  );
}
