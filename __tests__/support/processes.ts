import { spawn } from 'node:child_process';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'processes');

/**
 * Runs a TypeScript fixture in its own Node process and resolves with its stdout; `nodeArgs` go before the script
 * (e.g. `--expose-gc` for a fixture that counts what a garbage collection leaves).
 */
export function runFixture(file: string, env: Record<string, string>, timeoutMs = 30_000, nodeArgs: readonly string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(FIXTURES, file)], {
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${file} exited with ${code}\n${err}`));
    });
  });
}
