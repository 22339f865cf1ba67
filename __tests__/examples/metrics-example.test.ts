import { runExample } from '../support/examples';

test("the metrics example serves OpenMetrics whose wait and process histograms carry a job's trace id as exemplar", async () => {
  const out = await runExample('metrics/exemplars.ts');
  expect(out).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/metrics: 200, application\/openmetrics-text/);
  const exemplar = / # \{trace_id="[0-9a-f]{32}",span_id="[0-9a-f]{16}"\} [\d.e-]+ [\d.]+$/m;
  for (const metric of ['queue_otel_job_wait_duration_seconds_bucket', 'messaging_process_duration_seconds_bucket']) {
    const lines = out.split('\n').filter((line) => line.startsWith(metric));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(exemplar);
  }
  const checks = out.match(/is a job's process span: \w+/g) ?? [];
  expect(checks.length).toBeGreaterThan(1);
  expect(new Set(checks)).toEqual(new Set(["is a job's process span: yes"]));
}, 60_000);
