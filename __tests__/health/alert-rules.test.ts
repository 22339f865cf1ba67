import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dir = join(__dirname, '..', '..', 'deploy', 'prometheus');
const PROMTOOL = process.env.PROMTOOL_BINARY ?? 'promtool';

describe('deploy/prometheus alert rules', () => {
  test('pass promtool check rules', async () => {
    const { stdout } = await run(PROMTOOL, ['check', 'rules', join(dir, 'queue-otel-alerts.yml')]);
    expect(stdout).toContain('SUCCESS');
  });

  test('fire as expected in promtool unit tests', async () => {
    // promtool exits non-zero when an expected alert does not fire (or fires with other labels).
    const { stdout } = await run(PROMTOOL, ['test', 'rules', join(dir, 'queue-otel-alerts.test.yml')], { cwd: dir });
    expect(stdout).toContain('SUCCESS');
  });
});
