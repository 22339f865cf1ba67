/** `queue-otel jobs <queue>`: jobs of a queue as a table or JSON, filtered by state or trace id. */
import { safeCut } from '../bounded-text';
import { FAILED_REASON_CHARS } from '../job-row';
import { intFlag } from '../numeric-flags';
import { printJson, printText } from '../output';
import { traceCell } from '../trace-cell';
import { JOB_STATES } from '../services-types';
import type { JobRow, JobStateName } from '../services-types';
import { UsageError } from '../usage-error';
import type { FlagValues } from '../settings';
import { openContext } from './context';
import { requireQueue } from './require-queue';
import { traceIdArgument } from './trace-id-argument';

/** A one-line cell: control characters escaped first, so the width is what the terminal shows, and cut between escapes. */
function pad(text: string, width: number): string {
  const safe = safeCut(text, width);
  return safe + ' '.repeat(Math.max(0, width - Array.from(safe).length));
}

function ms(value: number | undefined): string {
  return value === undefined ? '-' : `${value}ms`;
}

/**
 * The last column: why the job failed, or why its hash could not be read. BullMQ keeps `failedReason` after a
 * retry, so a job that is not failed (completed after a retry, waiting or delayed for its next attempt) carries an
 * earlier attempt's error: the cell says so rather than show it as the job's.
 */
function errorCell(row: JobRow): string {
  if (row.unreadable !== undefined) return `unreadable: ${row.unreadable}`;
  if (!row.failedReason) return '';
  return row.state === 'failed' || row.state === 'unknown' ? row.failedReason : `earlier attempt: ${row.failedReason}`;
}

/** The text table of `rows`; every field is one line, with control characters shown as escapes. */
export function formatJobsTable(rows: readonly JobRow[]): string {
  const header = `${pad('ID', 8)} ${pad('NAME', 16)} ${pad('STATE', 16)} ${'ATT'.padStart(5)} ${'WAIT'.padStart(9)} ${'PROC'.padStart(9)} ${pad('TRACE', 32)} ERROR`;
  const lines = rows.map((row) => [
    pad(row.id, 8), pad(row.name, 16), pad(row.state, 16), `${row.attemptsMade}/${row.attempts}`.padStart(5),
    ms(row.waitMs).padStart(9), ms(row.processMs).padStart(9), pad(traceCell(row), 32),
    // The last column is as wide as the error, up to the length a row keeps of it, escapes included.
    safeCut(errorCell(row), FAILED_REASON_CHARS),
  ].join(' ').trimEnd());
  return [header, ...lines].join('\n');
}

/** Runs the command; resolves to the exit code. */
export async function jobsCommand(positionals: readonly string[], flags: FlagValues): Promise<number> {
  const queue = positionals[0];
  if (!queue) throw new UsageError('jobs needs a queue name: queue-otel jobs <queue>');
  const state = flags.state;
  if (state !== undefined && !(JOB_STATES as readonly string[]).includes(String(state))) {
    throw new UsageError(`unknown state "${String(state)}" (one of ${JOB_STATES.join(', ')})`);
  }
  const limit = intFlag(flags, 'limit', 50);
  const traceId = typeof flags['trace-id'] === 'string' && flags['trace-id'] !== '' ? traceIdArgument(flags['trace-id'], '--trace-id') : undefined;
  const context = await openContext(flags);
  try {
    const { queues, index } = context.handle;
    await requireQueue(queues, queue, context.settings);
    let rows: JobRow[] = [];
    if (traceId) {
      const refs = (await index.jobsOfTrace(traceId)).filter((job) => job.queue === queue);
      const found = await Promise.all(refs.map((ref) => queues.getJob(queue, ref.jobId)));
      const matching = found.filter((job): job is NonNullable<typeof job> => job !== undefined && (!state || job.state === state));
      rows = matching.slice(0, limit).map(({ traceIds: _ids, dataPreview: _data, stack: _stack, processedOn: _p, finishedOn: _f, parentKey: _k, times: _times, timing: _timing, ...row }) => row);
    } else {
      const states: JobStateName[] = state ? [state as JobStateName] : [...JOB_STATES];
      for (const each of states) rows.push(...(await queues.listJobs(queue, each, 0, limit)).rows);
    }
    if (flags.json) printJson(rows);
    else printText(`${formatJobsTable(rows)}\n`);
    return 0;
  } finally {
    await context.close();
  }
}
