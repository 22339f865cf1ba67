import { jobColumns, jobLine } from '../../src/tui/model/job-columns.js';
import { jobInfoLines } from '../../src/tui/model/job-info.js';
import type { JobDetails } from '../../src/cli/services-types.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const job: JobDetails = {
  queue: 'q', id: '1', name: 'digest', state: 'waiting', attemptsMade: 0, attempts: 1, timestamp: 0, traceId,
  traceIds: [traceId], dataPreview: '{}', stack: [], sampled: false,
  times: { id: '1', queue: 'q', timestamp: 0, attemptsMade: 0 }, timing: { attempts: [{ attempt: 1 }], source: 'job' },
};

test('the job list says "not sampled" instead of a trace id that leads nowhere, and "-" without tracing', () => {
  const columns = jobColumns(120);
  expect(jobLine(job, columns)).toContain('not sampled');
  expect(jobLine(job, columns)).not.toContain(traceId);
  const { sampled: _sampled, ...sampledJob } = job;
  expect(jobLine(sampledJob, columns)).toContain(traceId);
  const { traceId: _traceId, sampled: _s, ...untraced } = job;
  expect(jobLine(untraced, columns).trimEnd()).toMatch(/ -$/);
});

test('the job info keeps the trace id and says that the producer did not sample the job', () => {
  const lines = jobInfoLines(job, job.timing, 1000);
  expect(lines).toContainEqual(expect.objectContaining({ label: 'Trace ID', value: traceId, tone: 'trace' }));
  expect(lines).toContainEqual({ label: 'Sampling', value: 'not sampled by its producer: no spans were recorded', tone: 'dim' });
  const { sampled: _sampled, ...sampledJob } = job;
  expect(jobInfoLines(sampledJob, job.timing, 1000).some((line) => line.label === 'Sampling')).toBe(false);
});
