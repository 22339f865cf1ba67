import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueMetrics } from '../../src/exemplars';

/** The `# HELP` text of `name` in the registry's exposition. */
async function helpOf(metrics: QueueMetrics, name: string): Promise<string> {
  const text = await metrics.registry.metrics();
  return new RegExp(`^# HELP ${name} (.*)$`, 'm').exec(text)?.[1] ?? '';
}

describe('help texts say what the metrics count', () => {
  test('queue_otel_spans_dropped names every drop reason docs/metrics.md lists', async () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'metrics.md'), 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `reason` |')) ?? '';
    const reasons = [...row.slice(row.indexOf('drops')).matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    expect(reasons).toEqual(expect.arrayContaining(['buffer_full', 'replay_rejected']));
    const metrics = new QueueMetrics();
    const help = await helpOf(metrics, 'queue_otel_spans_dropped');
    expect(reasons.filter((reason) => !help.includes(reason))).toEqual([]);
    await metrics.close();
  });

  test('queue_otel_queue_jobs_refresh_errors counts timeouts as well as rejections', async () => {
    const metrics = new QueueMetrics();
    const help = await helpOf(metrics, 'queue_otel_queue_jobs_refresh_errors');
    expect(help).toContain('rejected');
    expect(help).toContain('timeout');
    await metrics.close();
  });
});
