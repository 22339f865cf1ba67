/** Job peek/info: facts, timing, error, data preview, trace ids, the APM link and the trace actions. */
import React from 'react';
import { Box } from 'ink';
import type { JobDetails, TuiServices } from '../../cli/services-types.js';
import type { JobTiming } from '../../timing/job-timing.js';
import type { TraceSpan } from 'queue-otel/traces';
import { useTui } from '../app-context.js';
import { infoLabel, infoLabelWidth, labelCell } from '../model/info-labels.js';
import { fitInfoLines, jobInfoLines } from '../model/job-info.js';
import { wrapLines } from '../model/status.js';
import { LinkText, Text } from './text.js';

/** Props of {@link JobInfo}. */
export interface JobInfoProps {
  job: JobDetails | undefined;
  width: number;
  height: number;
  /** The APM link of the first trace; drawn as an OSC 8 hyperlink where supported, wrapped whole. */
  link?: string | undefined;
  /** The job's timing when the caller has better data than the job's own (its trace's spans). */
  timing?: JobTiming | undefined;
}

/** The trace's APM link, or undefined without an APM (or a trace). */
export function displayLink(services: TuiServices, traceId: string | undefined, spans?: readonly TraceSpan[]): string | undefined {
  return traceId ? services.traceUrl(traceId, spans) : undefined;
}

/** A link takes at most this many lines; it is wrapped, not cut, so it can be copied when no browser opens. */
const MAX_LINK_LINES = 6;

const TONES = { error: 'red', trace: 'magenta', dim: 'gray', warn: 'yellow' } as const;

/** Renders at most `height` lines of the job's info. */
export function JobInfo({ job, width, height, link, timing }: JobInfoProps): React.JSX.Element {
  const { services } = useTui();
  if (!job) return <Text dimColor>no job selected</Text>;
  const lines = jobInfoLines(job, timing ?? job.timing);
  // `[o]` only with an APM link to open (without one, o only says `no APM configured`), as in the footer.
  const actions = job.traceIds.length > 0 ? `${link ? '[o] open in APM  ' : ''}[t] copy trace id  [r] related jobs  [T] waterfall` : '';
  const labelWidth = infoLabelWidth([...lines, { label: 'Actions', value: actions }, { label: 'Link', value: link ?? '' }], width);
  const linkLines = link ? wrapLines(link, Math.max(8, width - labelWidth), MAX_LINK_LINES) : [];
  const budget = Math.max(1, height - (actions ? 2 : 0) - linkLines.length);
  return (
    <Box flexDirection="column">
      {fitInfoLines(lines, budget).map((line, index) => (
        <Text key={index} wrap="truncate">
          <Text bold>{infoLabel(line, labelWidth)}</Text>
          <Text {...(line.tone ? { color: TONES[line.tone] } : {})}>{line.value}</Text>
        </Text>
      ))}
      {link ? linkLines.map((part, index) => (
        <LinkText key={`link${index}`} wrap="truncate" dimColor prefix={labelCell(index === 0 ? 'Link' : '', labelWidth)} url={link} label={part} hyperlink={services.hyperlink} />
      )) : null}
      {actions ? <Text wrap="truncate" color="cyan">{labelCell('Actions', labelWidth)}{actions}</Text> : null}
    </Box>
  );
}
