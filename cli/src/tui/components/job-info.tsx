/** Job peek/info: facts, error, data preview, trace ids and the trace actions. */
import React from 'react';
import { Box } from 'ink';
import type { JobDetails, TuiServices } from '../../cli/services-types.js';
import type { TraceSpan } from 'queue-otel/traces';
import { useTui } from '../app-context.js';
import { cell } from '../model/format.js';
import { jobInfoLines } from '../model/job-info.js';
import { LinkText, Text } from './text.js';

/** Props of {@link JobInfo}. */
export interface JobInfoProps {
  job: JobDetails | undefined;
  width: number;
  height: number;
  /** The APM link of the first trace; drawn as an OSC 8 hyperlink where supported. */
  link?: string | undefined;
}

/** The trace's APM link, or undefined without an APM (or a trace). */
export function displayLink(services: TuiServices, traceId: string | undefined, spans?: readonly TraceSpan[]): string | undefined {
  return traceId ? services.traceUrl(traceId, spans) : undefined;
}

const TONES = { error: 'red', trace: 'magenta', dim: 'gray' } as const;

/** Renders at most `height` lines of the job's info. */
export function JobInfo({ job, width, height, link }: JobInfoProps): React.JSX.Element {
  const { services } = useTui();
  if (!job) return <Text dimColor>no job selected</Text>;
  const labelWidth = width < 50 ? 9 : 11;
  const lines = jobInfoLines(job);
  const actions = job.traceIds.length > 0 ? '[o] open in APM  [t] copy trace id  [r] related jobs  [T] waterfall' : '';
  const budget = Math.max(1, height - (actions ? 2 : 0) - (link ? 1 : 0));
  return (
    <Box flexDirection="column">
      {lines.slice(0, budget).map((line, index) => (
        <Text key={index} wrap="truncate">
          <Text bold>{cell(line.label, labelWidth)}</Text>
          <Text {...(line.tone ? { color: TONES[line.tone] } : {})}>{line.value}</Text>
        </Text>
      ))}
      {link ? <LinkText wrap="truncate" dimColor prefix={cell('Link', labelWidth)} url={link} hyperlink={services.hyperlink} /> : null}
      {actions ? <Text wrap="truncate" color="cyan">{'Actions'.padEnd(labelWidth)}{actions}</Text> : null}
    </Box>
  );
}
