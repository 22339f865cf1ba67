/**
 * The job info screen: everything about one job, timed from its trace's spans when the span store has them
 * (each attempt, the backoff between them), with the same numbers in the info and in the trace line.
 */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import { incompleteTraceNote } from '../../cli/incomplete-trace.js';
import { jobTiming } from '../../timing/job-timing.js';
import { useTui } from '../app-context.js';
import type { CurrentTrace } from '../app-context.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import type { JobScreen } from '../model/screens.js';
import { traceActionKey } from '../trace-actions.js';
import { ViewFooter } from './chrome.js';
import { JobInfo, displayLink } from './job-info.js';
import { Panel } from './panel.js';
import { Text } from './text.js';

/** Props of {@link JobView}. */
export interface JobViewProps {
  screen: JobScreen;
  width: number;
  height: number;
}

/** Job details; the per-attempt trace line appears once the trace has been read. */
export function JobView({ screen, width, height }: JobViewProps): React.JSX.Element {
  const app = useTui();
  const job = usePoll(`${screen.queue}|${screen.jobId}`, () => app.services.getJob(screen.queue, screen.jobId), app.refreshMs);
  const traceId = job.data?.traceIds[0];
  const trace = usePoll(traceId, () => app.services.readTrace(traceId ?? ''), app.refreshMs);
  const read = trace.dataKey === traceId ? trace.data : undefined;
  const spans = read?.spans;
  // As over the waterfall: spans the source did not return would otherwise read as a whole trace (and its timing).
  const incomplete = read ? incompleteTraceNote(app.services.traceSourceName, read) : undefined;
  const timing = useMemo(() => (job.data ? jobTiming(job.data.times, spans) : undefined), [job.data, spans]);
  // A job its producer did not sample has no trace to open; with spans found for it (an index hit) it has.
  const unsampled = job.data?.sampled === false && !spans?.length;
  const current: CurrentTrace | undefined = traceId
    ? { traceId, ...(spans ? { spans } : {}), ...(unsampled ? { unsampled: true as const } : {}) }
    : undefined;
  useScreenKeys('job', (press) => traceActionKey(press, current, app));

  const errors = (spans ?? []).filter((span) => span.status === 'error').length;
  const summary = traceId && spans
    ? `${spans.length} spans · ${errors} error span${errors === 1 ? '' : 's'}${timing?.source === 'spans' ? ' · wait and processing above are timed from them' : ''}`
    : undefined;
  return (
    <Box flexDirection="column">
      <Panel title={`Job ${screen.jobId} · ${screen.queue}${job.error ? `  ! ${job.error}` : ''}`} width={width} height={height} focused>
        {job.data === undefined && !job.loading ? <Text color="red">job {screen.jobId} not found (removed?)</Text> : null}
        <Box flexDirection="column">
          <JobInfo job={job.data ?? undefined} width={width - 2} height={height - 4 - (incomplete ? 1 : 0)} link={displayLink(app.services, traceId, spans)} timing={timing} />
          {summary ? <Text wrap="truncate" color="gray">{`Trace      ${summary}`}</Text> : null}
          {incomplete ? <Text wrap="truncate" color="yellow">{incomplete}</Text> : null}
        </Box>
      </Panel>
      <ViewFooter screen={screen} width={width} trace={current} />
    </Box>
  );
}
