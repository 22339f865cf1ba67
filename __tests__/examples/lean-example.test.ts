import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { redisUrl } from '../support/redis';

/** Runs an example the way `npm run example:lean` does, against the tests' Redis, and returns its output. */
function runExample(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(__dirname, '..', '..', 'examples', file)], {
      env: { ...process.env, NODE_OPTIONS: '', REDIS_URL: redisUrl() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} exited with ${code}\n${err}`))));
  });
}

test('the lean example runs and shows what an unsampled job carries in each mode', async () => {
  const out = await runExample('sampling/lean-unsampled.ts');
  expect(out).toMatch(/propagate traced jobs:\s+\d+ of 200\s+unsampled job metadata: ".*traceparent.*-00\\"}"/);
  expect(out).toMatch(/its job hash: hashtable/);
  expect(out).toMatch(/lean\s+traced jobs:\s+\d+ of 200\s+unsampled job metadata: "0"/);
  expect(out).toMatch(/its job hash: listpack, \d+ bytes/);
}, 60_000);
