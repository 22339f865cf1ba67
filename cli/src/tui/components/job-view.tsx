/** The job info screen: everything about one job and the summary of its trace (queue wait vs processing). */
import React, { useEffect } from 'react';
import { Box } from 'ink';
import { useTui } from '../app-context.js';
import { usePoll } from '../hooks/use-poll.js';
import type { JobScreen } from '../model/screens.js';
import { waitVersusProcess } from '../model/waterfall-rows.js';
import { formatMs } from '../model/format.js';
import { JobInfo, displayLink } from './job-info.js';
import { Panel } from './panel.js';
import { Text } from './text.js';

/** Props of {@link JobView}. */
export interface JobViewProps {
  screen: JobScreen;
  width: number;
  height: number;
}

/** Job details; the trace summary line appears once the trace has been read. */
export function JobView({ screen, width, height }: JobViewProps): React.JSX.Element {
  const app = useTui();
  const job = usePoll(`${screen.queue}|${screen.jobId}`, () => app.services.getJob(screen.queue, screen.jobId), app.refreshMs);
  const traceId = job.data?.traceIds[0];
  const trace = usePoll(traceId, () => app.services.getTrace(traceId ?? ''), app.refreshMs);
  useEffect(() => {
    // A job its producer did not sample has no trace to open; with spans found for it (an index hit) it has.
    const unsampled = job.data?.sampled === false && !trace.data?.length;
    app.setCurrentTrace(traceId ? { traceId, ...(trace.data ? { spans: trace.data } : {}), ...(unsampled ? { unsampled: true as const } : {}) } : undefined);
  }, [traceId, trace.data, job.data?.sampled]);
  const spans = trace.data ?? [];
  const split = waitVersusProcess(spans);
  const errors = spans.filter((span) => span.status === 'error').length;
  const summary = traceId && trace.data
    ? `${spans.length} spans · queue wait ${formatMs(split.waitUs / 1000)} · processing ${formatMs(split.processUs / 1000)} · ${errors} error span${errors === 1 ? '' : 's'}`
    : undefined;
  return (
    <Panel title={`Job ${screen.jobId} · ${screen.queue}${job.error ? `  ! ${job.error}` : ''}`} width={width} height={height} focused>
      {job.data === undefined && !job.loading ? <Text color="red">job {screen.jobId} not found (removed?)</Text> : null}
      <Box flexDirection="column">
        <JobInfo job={job.data ?? undefined} width={width - 2} height={height - 4} link={displayLink(app.services, traceId, spans)} />
        {summary ? <Text wrap="truncate" color="gray">{`Trace      ${summary}`}</Text> : null}
      </Box>
    </Panel>
  );
}
