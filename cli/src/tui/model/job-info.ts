/** The lines of the job peek/info view, trace information included. */
import type { JobDetails } from '../../cli/services-types.js';
import { formatMs } from './format.js';

/** A labelled line of the info view; `tone` selects its colour. */
export interface InfoLine {
  label: string;
  value: string;
  tone?: 'error' | 'trace' | 'dim';
}

/** Job facts, then its trace ids and the actions on them. */
export function jobInfoLines(job: JobDetails, now = Date.now()): InfoLine[] {
  const lines: InfoLine[] = [
    { label: 'Job', value: `${job.id}  ${job.name}` },
    { label: 'Queue', value: job.queue },
    { label: 'State', value: job.state, ...(job.state === 'failed' ? { tone: 'error' as const } : {}) },
    { label: 'Attempts', value: `${job.attemptsMade} of ${job.attempts}` },
    { label: 'Queued', value: `${formatMs(now - job.timestamp)} ago` },
    { label: 'Wait', value: formatMs(job.waitMs) },
    { label: 'Processing', value: formatMs(job.processMs) },
  ];
  if (job.parentKey) lines.push({ label: 'Parent', value: job.parentKey });
  if (job.failedReason) lines.push({ label: 'Error', value: job.failedReason, tone: 'error' });
  for (const line of job.stack.slice(1, 4)) lines.push({ label: '', value: line.trim(), tone: 'dim' });
  lines.push({ label: 'Data', value: job.dataPreview, tone: 'dim' });
  if (job.traceIds.length === 0) {
    lines.push({ label: 'Trace ID', value: 'No trace information', tone: 'dim' });
  } else {
    job.traceIds.forEach((traceId, index) => lines.push({ label: index === 0 ? 'Trace ID' : '', value: traceId, tone: 'trace' }));
  }
  if (job.sampled === false) lines.push({ label: 'Sampling', value: 'not sampled by its producer: no spans were recorded', tone: 'dim' });
  return lines;
}
