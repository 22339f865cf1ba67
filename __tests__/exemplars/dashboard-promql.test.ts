import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dashboardQueries } from './dashboard-queries';

/**
 * The dashboard's ratio and throughput queries evaluated by promtool on series shaped like prom-client's: a
 * counter's series exists only after its first increment, so a job name that never completed has no completed
 * series at all.
 */
const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL_BINARY ?? 'promtool';

interface Sample {
  labels: string;
  value: number;
}

/** `expr` of the panel titled `panel` (the `index`th target), with the variables set for queue `emails`. */
function panelQuery(panel: string, index = 0): string {
  const expr = dashboardQueries().filter((q) => q.panel === panel)[index]?.expr;
  if (expr === undefined) throw new Error(`no query ${index} in panel ${panel}`);
  return expr.replaceAll('$queue', 'emails').replaceAll('$job_name', '.*').replaceAll('$__rate_interval', '5m');
}

/** Runs promtool's promql_expr_test: `expr` over `series` (one sample a minute) at 30m must give `expected`. */
async function expectSamples(series: Record<string, string>, expr: string, expected: Sample[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'dashboard-promql-'));
  try {
    const input = Object.entries(series).map(([name, values]) => `      - series: '${name}'\n        values: '${values}'`);
    const samples = expected.map((s) => `          - labels: '${s.labels}'\n            value: ${s.value}`);
    const test = [
      'rule_files: []',
      'evaluation_interval: 1m',
      'tests:',
      '  - interval: 1m',
      '    input_series:',
      ...input,
      '    promql_expr_test:',
      `      - expr: ${JSON.stringify(expr)}`,
      '        eval_time: 30m',
      samples.length === 0 ? '        exp_samples: []' : '        exp_samples:',
      ...samples,
    ].join('\n');
    await writeFile(join(dir, 'test.yml'), `${test}\n`);
    const result = await run(PROMTOOL, ['test', 'rules', 'test.yml'], { cwd: dir }).catch((error: { stdout?: string; stderr?: string }) => error);
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toContain('SUCCESS');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const failed = (job: string) => `queue_otel_jobs_failed_total{messaging_destination_name="emails",bullmq_job_name="${job}"}`;
const completed = (job: string) => `queue_otel_jobs_completed_total{messaging_destination_name="emails",bullmq_job_name="${job}"}`;
const labelsOf = (job: string) => `{messaging_destination_name="emails",bullmq_job_name="${job}"}`;

describe('dashboard queries on prom-client shaped series', () => {
  test('Failure ratio: a job name that only fails is at 100%, one that only completes at 0%, a mixed one in between', async () => {
    await expectSamples(
      {
        [failed('welcome')]: '0+20x40',
        [completed('digest')]: '0+20x40',
        [failed('report')]: '0+1x40',
        [completed('report')]: '0+3x40',
      },
      panelQuery('Failure ratio per job name'),
      [
        { labels: labelsOf('welcome'), value: 1 },
        { labels: labelsOf('digest'), value: 0 },
        { labels: labelsOf('report'), value: 0.25 },
      ],
    );
  });
});

describe('Throughput panel', () => {
  test('compares jobs added with jobs finished, not with attempts (retries would count a job three times)', async () => {
    const consumed = (job: string, outcome: string) =>
      `messaging_client_consumed_messages_total{messaging_system="bullmq",messaging_operation_name="process",messaging_destination_name="emails",bullmq_job_name="${job}",outcome="${outcome}"}`;
    const sent = (job: string) => `messaging_client_sent_messages_total{messaging_system="bullmq",messaging_operation_name="add",messaging_destination_name="emails",bullmq_job_name="${job}"}`;
    // Per minute: 8 'welcome' added and completed after 2 retries each; 2 'doomed' added, failing for good after 3 attempts.
    const series = {
      [sent('welcome')]: '0+8x40',
      [sent('doomed')]: '0+2x40',
      [consumed('welcome', 'retried')]: '0+16x40',
      [consumed('welcome', 'completed')]: '0+8x40',
      [consumed('doomed', 'retried')]: '0+4x40',
      [consumed('doomed', 'failed')]: '0+2x40',
      [completed('welcome')]: '0+8x40',
      [failed('doomed')]: '0+2x40',
    };
    const perSecond = 10 / 60;
    await expectSamples(series, panelQuery('Throughput', 0), [{ labels: '{messaging_destination_name="emails"}', value: perSecond }]);
    await expectSamples(series, panelQuery('Throughput', 1), [{ labels: '{messaging_destination_name="emails"}', value: perSecond }]);
  });
});
