/** The queue overview: counts per state and completion/failure rates, refreshed live. */
import React from 'react';
import { Box } from 'ink';
import type { QueueSummary } from '../../cli/services-types.js';
import { useTui } from '../app-context.js';
import { useKeys } from '../hooks/use-keys.js';
import { usePoll } from '../hooks/use-poll.js';
import { cell, formatRate } from '../model/format.js';
import type { QueuesScreen } from '../model/screens.js';
import { clampIndex, scrollWindow } from '../model/window.js';
import { ListRow } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

const COUNT = 7;

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

/** Lists every queue; Enter opens its jobs (failed first when any failed, else waiting). */
export function QueuesView({ screen, width, height }: QueuesViewProps): React.JSX.Element {
  const app = useTui();
  const polled = usePoll('queues', () => app.services.listQueues(), app.refreshMs);
  const queues = polled.data ?? [];
  const selected = clampIndex(screen.selected, queues.length);
  const inner = innerSize(width, height);
  const rows = inner.height - 1;
  useKeys((input, key) => {
    const move = (to: number): void => app.updateTop(() => ({ ...screen, selected: clampIndex(to, queues.length) }));
    if (input === 'j' || key.downArrow) move(selected + 1);
    else if (input === 'k' || key.upArrow) move(selected - 1);
    else if (input === 'g') move(0);
    else if (input === 'G') move(queues.length - 1);
    else if (key.return) {
      const queue = queues[selected];
      if (queue) app.push({ kind: 'jobs', queue: queue.name, state: queue.counts.failed > 0 ? 'failed' : 'waiting', selected: 0, top: 0 });
    }
  }, app.keysActive);
  const window = scrollWindow(queues.length, selected, rows);
  return (
    <Panel title={`Queues (${queues.length})${polled.error ? `  ! ${polled.error}` : ''}`} width={width} height={height} focused>
      <Text bold wrap="truncate">{`  ${queueLine(undefined, inner.width - 2)}`}</Text>
      {polled.loading && !polled.data ? <Text dimColor>loading…</Text> : null}
      {polled.data && queues.length === 0 ? <Text dimColor>no BullMQ queues found</Text> : null}
      <Box flexDirection="column">
        {queues.slice(window.start, window.end).map((queue, offset) => (
          <ListRow key={queue.name} text={`${window.start + offset === selected ? '›' : ' '} ${queueLine(queue, inner.width - 2)}`} selected={window.start + offset === selected} color={queue.counts.failed > 0 ? 'red' : undefined} />
        ))}
      </Box>
    </Panel>
  );
}
