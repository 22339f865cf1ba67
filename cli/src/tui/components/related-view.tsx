/** Related jobs (`r`): every job that took part in one trace, with its live state from BullMQ. */
import React, { useEffect } from 'react';
import { useTui } from '../app-context.js';
import { useKeys } from '../hooks/use-keys.js';
import { usePoll } from '../hooks/use-poll.js';
import { cell } from '../model/format.js';
import type { RelatedScreen } from '../model/screens.js';
import { clampIndex, scrollWindow } from '../model/window.js';
import { ListRow, stateColor } from './list-row.js';
import { Panel, innerSize } from './panel.js';
import { Text } from './text.js';

/** Props of {@link RelatedView}. */
export interface RelatedViewProps {
  screen: RelatedScreen;
  width: number;
  height: number;
}

/** Lists the trace's jobs; Enter opens one. */
export function RelatedView({ screen, width, height }: RelatedViewProps): React.JSX.Element {
  const app = useTui();
  const polled = usePoll(screen.traceId, () => app.services.relatedJobs(screen.traceId), app.refreshMs);
  const jobs = polled.data ?? [];
  const selected = clampIndex(screen.selected, jobs.length);
  const inner = innerSize(width, height);
  useEffect(() => app.setCurrentTrace({ traceId: screen.traceId }), [screen.traceId]);
  useKeys((input, key) => {
    const move = (to: number): void => app.updateTop(() => ({ ...screen, selected: clampIndex(to, jobs.length) }));
    if (input === 'j' || key.downArrow) move(selected + 1);
    else if (input === 'k' || key.upArrow) move(selected - 1);
    else if (input === 'g') move(0);
    else if (input === 'G') move(jobs.length - 1);
    else if (key.return) {
      const job = jobs[selected];
      if (job) app.push({ kind: 'job', queue: job.queue, jobId: job.jobId });
    }
  }, app.keysActive);
  const nameWidth = inner.width < 60 ? 0 : 20;
  const queueWidth = Math.max(8, Math.min(24, inner.width - nameWidth - 34));
  const line = (queue: string, id: string, name: string, state: string, attempts: string): string =>
    [cell(queue, queueWidth), cell(id, 8), nameWidth ? cell(name, nameWidth) : '', cell(state, 16), cell(attempts, 4, 'right')].filter(Boolean).join(' ');
  const window = scrollWindow(jobs.length, selected, inner.height - 1);
  return (
    <Panel title={`Related jobs of trace ${screen.traceId} (${jobs.length})${polled.error ? `  ! ${polled.error}` : ''}`} width={width} height={height} focused>
      <Text bold wrap="truncate">{`  ${line('QUEUE', 'JOB', 'NAME', 'STATE', 'ATT')}`}</Text>
      {polled.data && jobs.length === 0 ? <Text dimColor>no jobs recorded for this trace</Text> : null}
      {jobs.slice(window.start, window.end).map((job, offset) => {
        const index = window.start + offset;
        const state = job.state ?? 'unknown';
        return <ListRow key={`${job.queue}:${job.jobId}`} selected={index === selected} color={stateColor(state)}
          text={`${index === selected ? '›' : ' '} ${line(job.queue, job.jobId, job.name ?? '', state, String(job.attemptsMade ?? '-'))}`} />;
      })}
    </Panel>
  );
}
