/** Related jobs (`r`): every job that took part in one trace, with its live state from BullMQ. */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import { useTui } from '../app-context.js';
import { listSlot, useKeepSelection } from '../hooks/use-keep-selection.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { cell } from '../model/format.js';
import type { RelatedScreen } from '../model/screens.js';
import { moveSelection, resolveSelection } from '../model/selection.js';
import { scrollWindow } from '../model/window.js';
import { traceActionKey } from '../trace-actions.js';
import { ViewFooter } from './chrome.js';
import { ListRow, stateColor } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

/** Props of {@link RelatedView}. */
export interface RelatedViewProps {
  screen: RelatedScreen;
  width: number;
  height: number;
}

const SLOT = listSlot('related');

/** Lists the trace's jobs; Enter opens one. */
export function RelatedView({ screen, width, height }: RelatedViewProps): React.JSX.Element {
  const app = useTui();
  const polled = usePoll(screen.traceId, () => app.services.relatedJobs(screen.traceId), app.refreshMs);
  const jobs = polled.data ?? [];
  const ids = useMemo(() => jobs.map((job) => `${job.queue}\u0000${job.jobId}`), [jobs]);
  const resolve = (of: RelatedScreen) => resolveSelection(ids, { index: of.selected, id: of.selectedId });
  const resolved = resolve(screen);
  useKeepSelection(SLOT, screen, polled.data ? resolved : undefined);
  const inner = innerSize(width, height);
  useScreenKeys('related', (press, latest) => {
    const at = resolve(latest);
    const move = (target: { delta: number } | { to: number }): boolean => {
      const next = moveSelection(ids, at, target, polled.data !== undefined);
      app.updateTop((s) => (s.kind === 'related' ? { ...s, selected: next.index, selectedId: next.id } : s));
      return true;
    };
    if (press.input === 'j' || press.name === 'down') return move({ delta: 1 });
    if (press.input === 'k' || press.name === 'up') return move({ delta: -1 });
    if (press.input === 'g' || press.name === 'home') return move({ to: 0 });
    if (press.input === 'G' || press.name === 'end') return move({ to: ids.length - 1 });
    // A page as in the trace list: the docs and the help promise PgUp/PgDn in every list.
    if (press.name === 'pagedown') return move({ delta: 10 });
    if (press.name === 'pageup') return move({ delta: -10 });
    if (press.name === 'enter') {
      const job = jobs[at.index];
      if (job) app.push({ kind: 'job', queue: job.queue, jobId: job.jobId });
      return true;
    }
    return traceActionKey(press, { traceId: latest.traceId }, app);
  });
  const nameWidth = inner.width < 60 ? 0 : 20;
  const queueWidth = Math.max(8, Math.min(24, inner.width - nameWidth - 34));
  const line = (queue: string, id: string, name: string, state: string, attempts: string): string =>
    [cell(queue, queueWidth), cell(id, 8), nameWidth ? cell(name, nameWidth) : '', cell(state, 16), cell(attempts, 4, 'right')].filter(Boolean).join(' ');
  const window = scrollWindow(jobs.length, resolved.index, inner.height - 1);
  return (
    <Box flexDirection="column">
      <Panel title={`Related jobs of trace ${screen.traceId} (${jobs.length})${polled.error ? `  ! ${polled.error}` : ''}`} width={width} height={height} focused>
        <Text bold wrap="truncate">{`  ${line('QUEUE', 'JOB', 'NAME', 'STATE', 'ATT')}`}</Text>
        {polled.data && jobs.length === 0 ? <Text dimColor>no jobs recorded for this trace</Text> : null}
        {jobs.slice(window.start, window.end).map((job, offset) => {
          const index = window.start + offset;
          const state = job.state ?? 'unknown';
          return <ListRow key={`${job.queue}:${job.jobId}`} selected={index === resolved.index} color={stateColor(state)}
            text={`${index === resolved.index ? '›' : ' '} ${line(job.queue, job.jobId, job.name ?? '', state, String(job.attemptsMade ?? '-'))}`} />;
        })}
      </Panel>
      <ViewFooter screen={screen} width={width} trace={{ traceId: screen.traceId }} />
    </Box>
  );
}
