/**
 * `queue-otel jobs` and `queue-otel trace` on a queue whose job data carries terminal escape sequences: the
 * output shows them as escapes and contains no control character but the line feed (the CLI never colours).
 */
import { seedHostileJob } from '../tui/seed-hostile-jobs';
import type { SeededHostileJob } from '../tui/seed-hostile-jobs';
import { VISIBLE, rawControls } from '../support/terminal-payloads';
import { runCli } from './run-cli';

let seeded: SeededHostileJob;
let common: string[];
/** `trace` reads the span store alone: it takes no BullMQ --prefix. */
let traceCommon: string[];

beforeAll(async () => {
  seeded = await seedHostileJob();
  common = ['--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--key-prefix', seeded.keyPrefix];
  traceCommon = ['--redis', seeded.redisUrl, '--key-prefix', seeded.keyPrefix];
});

describe('queue-otel jobs', () => {
  it('shows the name, id and error of a hostile job visibly, one line per job, with no raw control character', async () => {
    const result = await runCli(['jobs', seeded.queue, ...common]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(rawControls(result.stdout)).toEqual([]);
    const lines = result.stdout.trimEnd().split('\n');
    // The header and the job: the line feed in the error message did not start a row of its own.
    expect(lines).toHaveLength(2);
    const row = lines[1] ?? '';
    // Cells are cut to their width after escaping: the escapes count as the columns they take.
    expect(row).toMatch(/^job\\x9b… charge\\x1b\]52;c…/);
    expect(row).toMatch(/\s+failed\s+1\/1/);
    expect(row).toContain(`declined${VISIBLE.clipboard}${VISIBLE.clear}${VISIBLE.csi8}${VISIBLE.rtl}\\nsecond line\\tend`);
  });

  it('--json keeps the exact values for programs and escapes C1 and bidi controls too', async () => {
    const result = await runCli(['jobs', seeded.queue, '--json', ...common]);
    expect(result.code).toBe(0);
    expect(rawControls(result.stdout)).toEqual([]);
    const rows = JSON.parse(result.stdout) as { id: string; name: string; queue: string; failedReason: string }[];
    expect(rows).toEqual([expect.objectContaining({ id: seeded.jobId, name: seeded.jobName, queue: seeded.queue, failedReason: seeded.failedReason })]);
  });
});

describe('queue-otel trace', () => {
  it('draws span names visibly with no raw control character, every line within the width', async () => {
    const result = await runCli(['trace', seeded.traceId, '--width', '160', ...traceCommon]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(rawControls(result.stdout)).toEqual([]);
    expect(result.stdout).toContain(`▼ POST /checkout${VISIBLE.title}${VISIBLE.csi8}`);
    expect(result.stdout).toContain(`[!] process orders${VISIBLE.title}`);
    for (const line of result.stdout.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(160);
  });

  it('--json returns the exact span names with C1 escaped', async () => {
    const result = await runCli(['trace', seeded.traceId, '--json', ...traceCommon]);
    expect(result.code).toBe(0);
    expect(rawControls(result.stdout)).toEqual([]);
    const parsed = JSON.parse(result.stdout) as { spans: { name: string }[] };
    expect(result.stdout).toContain('\\u009b31m');
    expect(parsed.spans.map((span) => span.name)).toEqual(expect.arrayContaining([seeded.rootSpanName, `process ${seeded.queue}`]));
  });
});
