import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { redisUrl } from './redis';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/**
 * Runs an example the way its npm script does (`node --conditions=source --import tsx`), against the tests' Redis,
 * and resolves with its stdout once it exits 0 on its own; rejects with its stderr otherwise, or when it has not
 * exited within `timeoutMs` (then it is killed: an example that does not close what it opened hangs there).
 */
export function runExample(file: string, env: Record<string, string> = {}, timeoutMs = 45_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(EXAMPLES, file)], {
      env: { ...process.env, NODE_OPTIONS: '', REDIS_URL: redisUrl(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${file} exited with ${signal ?? code}\n${out}\n${err}`));
    });
  });
}
